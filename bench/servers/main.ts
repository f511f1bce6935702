import 'reflect-metadata';
import type { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { rootModuleFor } from './root-module.js';
import { measureNextTick } from './next-tick.js';
import {
  CPU_USAGE_REQUEST,
  NEXT_TICK_COST_REQUEST,
  SHUTDOWN_REQUEST,
  parseServerArgs,
  type CpuUsageReply,
  type NextTickCostReply,
  type Platform,
  type ServerReady,
} from './variants.js';

/**
 * Entry of one bench server process: `node main.js <platform> <variant> [dsn]`.
 * Listens on an ephemeral port of 127.0.0.1 and tells the parent which, over IPC.
 */
const args = parseServerArgs(process.argv.slice(2));
// The parent owns this process: when it goes, so does the server.
process.on('disconnect', () => process.exit(0));

const app = await createApp(args.platform, await rootModuleFor(args));
process.on('message', (message) => {
  // CPU time per request is read here because, unlike req/s, it barely moves when other processes share the cores.
  if (message === CPU_USAGE_REQUEST) process.send!({ type: 'cpu-usage', micros: cpuMicros() } satisfies CpuUsageReply);
  if (message === NEXT_TICK_COST_REQUEST) {
    void measureNextTick().then((nanoseconds) => process.send!({ type: 'next-tick-cost', nanoseconds } satisfies NextTickCostReply));
  }
  // A graceful close, so that the module flushes the Sentry events still pending, as it would on a deploy.
  if (message === SHUTDOWN_REQUEST) void app.close().finally(() => process.exit(0));
});
await app.listen(0, '127.0.0.1');
const { port } = app.getHttpServer().address() as { port: number };
process.send!({ type: 'listening', port } satisfies ServerReady);

async function createApp(platform: Platform, rootModule: Type): Promise<INestApplication> {
  // Warnings and errors only: a bench server that logs per request would measure its logger.
  const options = { logger: ['error' as const, 'warn' as const] };
  if (platform === 'express') return NestFactory.create(rootModule, options);
  return NestFactory.create<NestFastifyApplication>(rootModule, new FastifyAdapter(), options);
}

function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}
