import 'reflect-metadata';
import { Injectable, Module, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Interval, ScheduleModule, SchedulerRegistry } from '@nestjs/schedule';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { summarize } from '../stats.js';
import { BACKGROUND_BODIES, type BackgroundBody, type BackgroundSample, type BackgroundVariant } from './results.js';

/**
 * One side of the background-work bench, in a fresh process: boots an app
 * with the real ScheduleModule (and, for `module`, the built library), takes
 * the very function the scheduler calls on every tick of an `@Interval`, and
 * times it in a loop. The interval is an hour: it never fires by itself.
 */
const HOUR_MS = 3_600_000;
const WARMUP_SAMPLES = 10;
const SAMPLES = 30;
const ITERATIONS: Record<BackgroundBody, number> = { sync: 100_000, async: 100_000, 'async-io': 5_000 };

@Injectable()
class BenchJob {
  count = 0;

  @Interval('sync', HOUR_MS)
  tickSync(): void {
    this.count = (this.count + 1) | 0;
  }

  @Interval('async', HOUR_MS)
  async tickAsync(): Promise<void> {
    this.count = (this.count + 1) | 0;
  }

  @Interval('async-io', HOUR_MS)
  async tickAsyncIo(): Promise<void> {
    await nextTurn();
    this.count = (this.count + 1) | 0;
  }
}

const METHODS: Record<BackgroundBody, keyof BenchJob> = { sync: 'tickSync', async: 'tickAsync', 'async-io': 'tickAsyncIo' };

async function rootModule(variant: BackgroundVariant): Promise<Type> {
  const imports: unknown[] = [ScheduleModule.forRoot()];
  if (variant === 'module') {
    // The built library, by its package name: the numbers describe what ships.
    const { ErrorHandlersModule } = await import('nestjs-error-handlers');
    imports.unshift(ErrorHandlersModule.forRoot({ logger: false }));
  }
  class BackgroundBenchModule {}
  Module({ imports: imports as Type[], providers: [BenchJob] })(BackgroundBenchModule);
  return BackgroundBenchModule;
}

/**
 * The scheduler's own tick: @nestjs/schedule wraps the method in an async
 * try/catch and hands that to `setInterval`; the registry keeps the Timeout,
 * whose `_onTimeout` is that function.
 */
function schedulerTick(registry: SchedulerRegistry, body: BackgroundBody): () => Promise<void> {
  const timer = registry.getInterval(body) as { _onTimeout?: () => Promise<void> };
  if (typeof timer._onTimeout !== 'function') throw new Error(`No tick function on the "${body}" interval`);
  return timer._onTimeout;
}

/** Each loop awaits the tick directly: a callback in between would be timed too. */
async function time(tick: () => Promise<void>, iterations: number): Promise<{ wall: number; cpu: number }> {
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) await tick();
  const wall = Number(process.hrtime.bigint() - start) / iterations;
  const { user, system } = process.cpuUsage(cpuStart);
  return { wall, cpu: ((user + system) * 1_000) / iterations };
}

async function main(): Promise<void> {
  const [variant, body] = process.argv.slice(2) as [BackgroundVariant, BackgroundBody];
  if ((variant !== 'bare' && variant !== 'module') || !BACKGROUND_BODIES.includes(body)) throw new Error(`usage: worker.js bare|module ${BACKGROUND_BODIES.join('|')}`);
  const method = METHODS[body];
  const bare = BenchJob.prototype[method];
  const app = await NestFactory.createApplicationContext(await rootModule(variant), { logger: false });
  const tick = schedulerTick(app.get(SchedulerRegistry), body);
  const wrapped = BenchJob.prototype[method] !== bare;
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let sample = -WARMUP_SAMPLES; sample < SAMPLES; sample++) {
    const ns = await time(tick, ITERATIONS[body]);
    if (sample < 0) continue;
    wall.push(ns.wall);
    cpu.push(ns.cpu);
  }
  await app.close();
  const result: BackgroundSample = { type: 'background', variant, body, nsPerCall: summarize(wall), cpuNsPerCall: summarize(cpu), wrapped };
  process.send!(result);
  process.disconnect();
}

await main();
