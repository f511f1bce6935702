import 'reflect-metadata';
import { DEEP_HIERARCHY_LEVELS, DeepLeafException } from '../fixtures/exception-classes.js';
import { summarize } from '../stats.js';
import { chainWithHandlers, type ChainFixture } from './chain-fixture.js';
import type { ResolutionModeResult, ResolutionResults } from './results.js';

/**
 * Entry of the resolution micro-bench (c), run in its own process so that
 * neither autocannon's heap nor the orchestrator's JIT state touches it.
 */
const FEW_HANDLERS = 10;
const MANY_HANDLERS = 10_000;
const WARMUP_SAMPLES = 5;
const SAMPLES = 15;
const CACHED_ITERATIONS = 1_000_000;
const UNCACHED_ITERATIONS = 200_000;

/**
 * Distinct instances, as a filter sees a new one per request: with a single
 * one, the JIT could treat it as a constant and fold its prototype walk away.
 * Built up front, since constructing errors is not resolution.
 */
const ERROR_POOL_SIZE = 64;
const errors = Array.from({ length: ERROR_POOL_SIZE }, () => new DeepLeafException('deep'));
const STATUS = 400;

type Timer = (fixture: ChainFixture, iterations: number) => number;

/** Each loop calls `resolve` directly: a callback in between would be timed too. */
function timeCached({ chain, deepEntry }: ChainFixture, iterations: number): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) {
    // Checking the result keeps the call from being optimised away, and the bench honest.
    if (chain.resolve(errors[i % ERROR_POOL_SIZE], STATUS)?.entry !== deepEntry) throw new Error('Resolved the wrong handler');
  }
  return Number(process.hrtime.bigint() - start) / iterations;
}

/** Clearing the cache first makes every call resolve as the first error of its class would. */
function timeUncached({ chain, deepEntry }: ChainFixture, iterations: number): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) {
    chain.invalidate();
    if (chain.resolve(errors[i % ERROR_POOL_SIZE], STATUS)?.entry !== deepEntry) throw new Error('Resolved the wrong handler');
  }
  return Number(process.hrtime.bigint() - start) / iterations;
}

/** Alternates which size goes first per sample, as the HTTP pairs do, so drift cancels out. */
function measureMode(time: Timer, iterations: number, few: ChainFixture, many: ChainFixture): ResolutionModeResult {
  const fewTimes: number[] = [];
  const manyTimes: number[] = [];
  for (let sample = -WARMUP_SAMPLES; sample < SAMPLES; sample++) {
    const { fewNs, manyNs } = timeBoth(time, iterations, few, many, sample % 2 !== 0);
    if (sample < 0) continue;
    fewTimes.push(fewNs);
    manyTimes.push(manyNs);
  }
  return {
    fewNsPerOp: summarize(fewTimes),
    manyNsPerOp: summarize(manyTimes),
    ratio: summarize(manyTimes.map((ns, index) => ns / fewTimes[index])),
    iterationsPerSample: iterations,
  };
}

function timeBoth(time: Timer, iterations: number, few: ChainFixture, many: ChainFixture, manyFirst: boolean) {
  if (manyFirst) {
    const manyNs = time(many, iterations);
    return { manyNs, fewNs: time(few, iterations) };
  }
  const fewNs = time(few, iterations);
  return { fewNs, manyNs: time(many, iterations) };
}

const few = chainWithHandlers(FEW_HANDLERS);
const many = chainWithHandlers(MANY_HANDLERS);
const results: ResolutionResults = {
  type: 'resolution',
  fewHandlers: FEW_HANDLERS,
  manyHandlers: MANY_HANDLERS,
  hierarchyLevels: DEEP_HIERARCHY_LEVELS,
  samples: SAMPLES,
  cached: measureMode(timeCached, CACHED_ITERATIONS, few, many),
  uncached: measureMode(timeUncached, UNCACHED_ITERATIONS, few, many),
};
process.send!(results);
process.disconnect();
