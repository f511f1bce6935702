import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { CPU_USAGE_REQUEST, SHUTDOWN_REQUEST, type CpuUsageReply, type ServerReady } from '../servers/variants.js';
import { graphqlRootModuleFor } from './root-module.js';
import { parseGraphqlServerArgs, type GraphqlServerArgs } from './variants.js';

/**
 * Entry of one GraphQL bench server process: `node main.js <driver> <variant>`.
 * Listens on an ephemeral port of 127.0.0.1 and tells the parent which, over IPC.
 */
const args = parseGraphqlServerArgs(process.argv.slice(2));
// The parent owns this process: when it goes, so does the server.
process.on('disconnect', () => process.exit(0));

const app = await createApp(args);
process.on('message', (message) => {
  if (message === CPU_USAGE_REQUEST) process.send!({ type: 'cpu-usage', micros: cpuMicros() } satisfies CpuUsageReply);
  if (message === SHUTDOWN_REQUEST) void app.close().finally(() => process.exit(0));
});
await app.listen(0, '127.0.0.1');
const { port } = app.getHttpServer().address() as { port: number };
process.send!({ type: 'listening', port } satisfies ServerReady);

async function createApp(serverArgs: GraphqlServerArgs): Promise<INestApplication> {
  // Warnings and errors only: a bench server that logs per request would measure its logger.
  const options = { logger: ['error' as const, 'warn' as const] };
  const rootModule = await graphqlRootModuleFor(serverArgs);
  if (serverArgs.driver === 'apollo') return NestFactory.create(rootModule, options);
  return NestFactory.create<NestFastifyApplication>(rootModule, new FastifyAdapter(), options);
}

function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}
