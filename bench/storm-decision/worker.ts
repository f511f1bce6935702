import { summarize } from '../stats.js';
import type { StormDecisionResults } from './results.js';

/**
 * Entry of the storm-decision micro-bench: what deciding to count an error
 * costs (SPEC section 6: well under a microsecond, no stack, no string). Its
 * own process, on the built library, like the resolution micro-bench.
 */
type StormControlModule = typeof import('../../src/reporting/storm/storm-control.js');
type StormLimitsModule = typeof import('../../src/reporting/storm/storm-limits.js');
const fromDist = (file: string) => new URL(`../../../dist/${file}`, import.meta.url).href;
const { StormControl } = (await import(fromDist('reporting/storm/storm-control.js'))) as StormControlModule;
const { stormLimits } = (await import(fromDist('reporting/storm/storm-limits.js'))) as StormLimitsModule;

const WARMUP_SAMPLES = 5;
const SAMPLES = 15;
const ITERATIONS = 1_000_000;

/** Errors made up front (making one captures a stack, which is not the decision's cost); distinct objects, as in a storm. */
const POOL_SIZE = 64;
const errors = Array.from({ length: POOL_SIZE }, () => new Error('storm'));
/** A site as a context passes it: an origin object and strings that exist before the error. */
const site = { origin: Object.freeze({ controller: 'BenchController', module: 'BenchModule' }), location: '/server-error', variant: 'GET' };
const context = () => ({ status: 500 });

// Budgets at their defaults; the first occurrences spend the fingerprint's, every later one is counted.
const storm = new StormControl(stormLimits(), () => undefined);
for (let i = 0; i < 100; i++) storm.admit(errors[i % POOL_SIZE], 500, site, context);

function timeCounted(iterations: number): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) {
    if (storm.admit(errors[i % POOL_SIZE], 500, site, context) !== undefined) throw new Error('Expected the error to be counted');
  }
  return Number(process.hrtime.bigint() - start) / iterations;
}

const times: number[] = [];
for (let sample = -WARMUP_SAMPLES; sample < SAMPLES; sample++) {
  const ns = timeCounted(ITERATIONS);
  if (sample >= 0) times.push(ns);
}
storm.stop();

const results: StormDecisionResults = {
  type: 'storm-decision',
  samples: SAMPLES,
  iterationsPerSample: ITERATIONS,
  countedNsPerOp: summarize(times),
};
process.send!(results);
process.disconnect();
