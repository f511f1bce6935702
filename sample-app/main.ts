import 'reflect-metadata';
import { url as inspectorUrl } from 'node:inspector';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';
import { describeSettings, resolveSettings } from './config/app-settings.js';
import { displayPath, sampleConfigPath } from './config/config-file.js';
import { resolvePorts, type SamplePorts } from './config/ports.js';
import { loadSampleConfig, SampleConfigError, type SampleConfig } from './config/sample-config.js';
import { RPC_HOST, serve } from './contexts/serve.js';
import { describeQueue } from './jobs/queue-connection.js';

// Kept short on purpose: everything worth reading is in the modules and config/.
const logger = new Logger('Bootstrap');

// build/sample-app/main.js → sample-app/config.yaml, whatever the working directory.
const configPath = sampleConfigPath(process.env);

let config: SampleConfig;
let ports: SamplePorts;
try {
  config = loadSampleConfig(configPath);
  ports = resolvePorts(config, process.env);
} catch (error) {
  if (!(error instanceof SampleConfigError)) throw error;
  logger.error(error.message);
  process.exit(1);
}

const { settings, notes } = resolveSettings(config, process.env, inspectorUrl());
logger.log(`Config ${displayPath(configPath)}: ${describeSettings(settings)}`);
for (const note of notes) logger.log(note);
logger.log(describeQueue(settings.redisUrl));

const app = await NestFactory.create(AppModule.forRoot({ ...settings, platform: 'express' }));
// SIGTERM/SIGINT go through app.close(), which flushes pending Sentry events.
app.enableShutdownHooks();
let bound: SamplePorts;
try {
  bound = await serve(app, ports);
} catch (error) {
  // The library validates at init, inside listen(): a refused option (debug with NODE_ENV=production),
  // an invalid or duplicate handler (named Class.method), or a port being taken. Its message, then its stack.
  logger.error(`The app did not start: ${error instanceof Error ? error.message : String(error)}`, error instanceof Error ? error.stack : undefined);
  process.exit(1);
}
logger.log(`Sample app listening on http://localhost:${bound.http}/ (GET / lists the demo routes; GraphQL at /graphql, socket.io on the same port)`);
logger.log(`RPC (TCP) on ${RPC_HOST}:${bound.rpc}; npm run demo:contexts asks all four contexts`);
