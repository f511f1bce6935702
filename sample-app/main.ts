import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { url as inspectorUrl } from 'node:inspector';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';
import { describeSettings, resolveSettings } from './config/app-settings.js';
import { loadSampleConfig, portFrom, SampleConfigError, type SampleConfig } from './config/sample-config.js';
import { describeQueue } from './jobs/queue-connection.js';

// Kept short on purpose: everything worth reading is in the modules and config/.
const logger = new Logger('Bootstrap');

// build/sample-app/main.js → sample-app/config.yaml, whatever the working directory.
const configPath = process.env.SAMPLE_CONFIG
  ? resolve(process.env.SAMPLE_CONFIG)
  : fileURLToPath(new URL('../../sample-app/config.yaml', import.meta.url));

let config: SampleConfig;
let port: number;
try {
  config = loadSampleConfig(configPath);
  port = process.env.PORT ? portFrom(process.env.PORT, 'PORT') : config.port;
} catch (error) {
  if (!(error instanceof SampleConfigError)) throw error;
  logger.error(error.message);
  process.exit(1);
}

const { settings, notes } = resolveSettings(config, process.env, inspectorUrl());
logger.log(`Config ${displayPath(configPath)}: ${describeSettings(settings)}`);
for (const note of notes) logger.log(note);
logger.log(describeQueue(settings.redisUrl));

const app = await NestFactory.create(AppModule.forRoot(settings));
// SIGTERM/SIGINT go through app.close(), which flushes pending Sentry events.
app.enableShutdownHooks();
try {
  await app.listen(port);
} catch (error) {
  // The library validates at init, inside listen(): a refused option (debug with NODE_ENV=production),
  // an invalid or duplicate handler (named Class.method), or the port being taken. Its message, then its stack.
  logger.error(`The app did not start: ${error instanceof Error ? error.message : String(error)}`, error instanceof Error ? error.stack : undefined);
  process.exit(1);
}
const { port: listening } = app.getHttpServer().address() as AddressInfo;
logger.log(`Sample app listening on http://localhost:${listening}/ (GET / lists the demo routes)`);

/** Relative to the working directory when inside it, else absolute. */
function displayPath(path: string): string {
  const fromCwd = relative(process.cwd(), path);
  return fromCwd && !fromCwd.startsWith('..') ? fromCwd : path;
}
