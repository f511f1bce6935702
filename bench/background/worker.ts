import 'reflect-metadata';
import { Injectable, Logger, Module, type INestApplicationContext, type Type } from '@nestjs/common';
import { ModulesContainer, NestFactory } from '@nestjs/core';
import { Interval, ScheduleModule, SchedulerRegistry } from '@nestjs/schedule';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { summarize } from '../stats.js';
import { BACKGROUND_BODIES, type BackgroundBody, type BackgroundComparison, type BackgroundSample, type BackgroundVariant } from './results.js';

/**
 * One round of the background-work bench, in a fresh process: boots two apps
 * side by side, each with the real ScheduleModule and its own job class (the
 * same code), the variant's app with the built library when it is `module`;
 * takes from each the very function the scheduler calls on every tick of an
 * `@Interval`, and times the two in alternation, ABBA, so a slow patch of
 * the machine or a GC hits both alike. The interval is an hour: it never
 * fires by itself.
 *
 * Both sides in one process, rather than one process per side: a tick costs
 * ~100–170 ns and a process settles, at random, into a faster or a slower
 * compiled form of the scheduler's code; between two processes that swamps
 * the few nanoseconds in question (an A/A pair of processes strayed by ±40 %).
 */
const HOUR_MS = 3_600_000;
const WARMUP_PAIRS = 6;
const PAIRS = 30;
const ITERATIONS: Record<BackgroundBody, number> = { logged: 100_000, sync: 100_000, async: 100_000, 'async-io': 5_000 };

/** A job class of its own per app: wrapping is per class, and the two sides must not share one. */
function jobClass(): Type<object> {
  @Injectable()
  class BenchJob {
    count = 0;
    private readonly logger = new Logger(BenchJob.name);

    @Interval('logged', HOUR_MS)
    tickLogged(): void {
      this.logger.debug('Called every 10 seconds');
    }

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
  return BenchJob;
}

const METHODS: Record<BackgroundBody, string> = { logged: 'tickLogged', sync: 'tickSync', async: 'tickAsync', 'async-io': 'tickAsyncIo' };

interface Side {
  app: INestApplicationContext;
  tick: () => Promise<void>;
  /** Whether the module watches this side's job: its method wrapped, or the scheduler's seam open (src/contexts/background/scheduler-seam.ts). */
  watched: boolean;
}

async function boot(variant: BackgroundVariant, body: BackgroundBody): Promise<Side> {
  const job = jobClass();
  const bare = (job.prototype as Record<string, unknown>)[METHODS[body]];
  const imports: unknown[] = [ScheduleModule.forRoot()];
  if (variant === 'module') {
    // The built library, by its package name: the numbers describe what ships.
    const { ErrorHandlersModule } = await import('nestjs-error-handlers');
    imports.unshift(ErrorHandlersModule.forRoot({ logger: false }));
  }
  class BackgroundBenchModule {}
  Module({ imports: imports as Type[], providers: [job] })(BackgroundBenchModule);
  const app = await NestFactory.createApplicationContext(BackgroundBenchModule, { logger: false });
  const tick = schedulerTick(app.get(SchedulerRegistry), body);
  const seam = schedulerExplorerOf(app).prototype as { wrapFunctionInTryCatchBlocks: Function };
  packageTickMaker ??= seam.wrapFunctionInTryCatchBlocks;
  const wrapped = (job.prototype as Record<string, unknown>)[METHODS[body]] !== bare;
  return { app, tick, watched: wrapped || seam.wrapFunctionInTryCatchBlocks !== packageTickMaker };
}

/** The scheduler's tick maker as the package ships it: read from the first app booted, always a bare one. */
let packageTickMaker: Function | undefined;

function schedulerExplorerOf(app: INestApplicationContext): Function {
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.providers.values()) {
      if (typeof wrapper.metatype === 'function' && wrapper.metatype.name === 'ScheduleExplorer') return wrapper.metatype;
    }
  }
  throw new Error('No ScheduleExplorer among the providers');
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

const COMPARED: Record<BackgroundComparison, [variant: BackgroundVariant, baseline: BackgroundVariant]> = {
  'module-vs-bare': ['module', 'bare'],
  'a-a': ['bare', 'bare'],
};

async function main(): Promise<void> {
  const [comparison, body] = process.argv.slice(2) as [BackgroundComparison, BackgroundBody];
  if (!(comparison in COMPARED) || !BACKGROUND_BODIES.includes(body)) {
    throw new Error(`usage: worker.js ${Object.keys(COMPARED).join('|')} ${BACKGROUND_BODIES.join('|')}`);
  }
  const [variantKind, baselineKind] = COMPARED[comparison];
  const baseline = await boot(baselineKind, body);
  const variant = await boot(variantKind, body);
  const wall = { variant: [] as number[], baseline: [] as number[], ratio: [] as number[] };
  const cpu = { variant: [] as number[], baseline: [] as number[], ratio: [] as number[] };
  for (let pair = -WARMUP_PAIRS; pair < PAIRS; pair++) {
    // ABBA: which side goes first alternates from pair to pair.
    const [first, second] = pair % 2 === 0 ? [variant, baseline] : [baseline, variant];
    const firstTimes = await time(first.tick, ITERATIONS[body]);
    const secondTimes = await time(second.tick, ITERATIONS[body]);
    if (pair < 0) continue;
    const [variantTimes, baselineTimes] = first === variant ? [firstTimes, secondTimes] : [secondTimes, firstTimes];
    wall.variant.push(variantTimes.wall);
    wall.baseline.push(baselineTimes.wall);
    wall.ratio.push(baselineTimes.wall / variantTimes.wall);
    cpu.variant.push(variantTimes.cpu);
    cpu.baseline.push(baselineTimes.cpu);
    cpu.ratio.push(baselineTimes.cpu / variantTimes.cpu);
  }
  await Promise.all([variant.app.close(), baseline.app.close()]);
  const result: BackgroundSample = {
    type: 'background',
    comparison,
    body,
    wallRatio: summarize(wall.ratio).median,
    cpuRatio: summarize(cpu.ratio).median,
    variantNsPerCall: summarize(wall.variant).median,
    baselineNsPerCall: summarize(wall.baseline).median,
    variantCpuNsPerCall: summarize(cpu.variant).median,
    baselineCpuNsPerCall: summarize(cpu.baseline).median,
    variantWatched: variant.watched,
    baselineWatched: baseline.watched,
  };
  process.send!(result);
  process.disconnect();
}

await main();
