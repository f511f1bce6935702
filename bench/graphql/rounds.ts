import type { BenchConfig } from '../config.js';
import type { LoadRun } from '../load.js';
import type { Side } from '../http-bench.js';
import { probeGraphqlServer } from './probe.js';
import { startGraphqlServer, type RunningGraphqlServer } from './server.js';
import { runGraphqlLoad } from './load.js';
import { GRAPHQL_DRIVERS, GRAPHQL_OPERATIONS, type GraphqlDriver, type GraphqlOperationName, type GraphqlVariant } from './variants.js';

/** Two sides measured one after the other on every operation; ratio = variant ÷ baseline. */
export interface GraphqlComparison {
  id: 'graphql-module-vs-bare' | 'graphql-module-vs-same-app' | 'graphql-a-a';
  label: string;
  variant: GraphqlVariant;
  baseline: GraphqlVariant;
}

export const GRAPHQL_COMPARISONS: readonly GraphqlComparison[] = [
  { id: 'graphql-module-vs-bare', label: 'module vs bare', variant: 'module', baseline: 'bare' },
  // The same application code on both sides, the module on one only: what installing the module alone changes.
  { id: 'graphql-module-vs-same-app', label: 'module vs same app w/o it', variant: 'module', baseline: 'bare-handlers' },
  // Two identical bare servers: whatever this ratio strays from 1 is noise.
  { id: 'graphql-a-a', label: 'A/A bare vs bare', variant: 'bare', baseline: 'bare' },
];

const OPERATIONS = Object.keys(GRAPHQL_OPERATIONS) as GraphqlOperationName[];

export interface GraphqlResult extends LoadRun {
  serverCpuMicrosPerRequest: number;
}

export type GraphqlResults = Record<GraphqlOperationName, GraphqlResult>;

export interface GraphqlPairSample {
  round: number;
  first: Side;
  variant: GraphqlResults;
  baseline: GraphqlResults;
}

export interface GraphqlPairRun {
  driver: GraphqlDriver;
  comparison: GraphqlComparison;
  samples: GraphqlPairSample[];
}

/**
 * Rounds are the outer loop (as in the HTTP bench), each pair is two fresh
 * processes that never overlap, and the side that goes first alternates.
 * `only`: BENCH_ONLY's ids; GraphQL runs when it names none or names a GraphQL comparison.
 */
export async function runGraphqlRounds(config: BenchConfig): Promise<GraphqlPairRun[]> {
  const chosen = GRAPHQL_COMPARISONS.filter((comparison) => !config.only || config.only.includes(comparison.id));
  const runs: GraphqlPairRun[] = GRAPHQL_DRIVERS.flatMap((driver) => chosen.map((comparison) => ({ driver, comparison, samples: [] })));
  for (let round = 0; round < config.rounds; round++) {
    for (const run of runs) {
      const sample = await measureGraphqlPair(run.driver, run.comparison, round, config);
      run.samples.push(sample);
      const ratios = OPERATIONS.map((operation) => `${operation} ${graphqlRatio(sample, operation).toFixed(3)}×`);
      console.log(`round ${round + 1}/${config.rounds} GraphQL ${run.driver} ${run.comparison.label} (${sample.first} first): ${ratios.join(', ')}`);
    }
  }
  return runs;
}

async function measureGraphqlPair(driver: GraphqlDriver, comparison: GraphqlComparison, round: number, config: BenchConfig): Promise<GraphqlPairSample> {
  const first: Side = round % 2 === 0 ? 'baseline' : 'variant';
  const order: Side[] = first === 'baseline' ? ['baseline', 'variant'] : ['variant', 'baseline'];
  const results: Partial<Record<Side, GraphqlResults>> = {};
  for (const side of order) results[side] = await measureGraphqlServer(driver, comparison[side], config);
  return { round, first, variant: results.variant!, baseline: results.baseline! };
}

async function measureGraphqlServer(driver: GraphqlDriver, variant: GraphqlVariant, config: BenchConfig): Promise<GraphqlResults> {
  const server = await startGraphqlServer({ driver, variant });
  const results: Partial<GraphqlResults> = {};
  try {
    await probeGraphqlServer(server, OPERATIONS);
    for (const operation of OPERATIONS) results[operation] = await measureOperation(server, operation, config);
  } finally {
    await server.stop();
  }
  return results as GraphqlResults;
}

/** Warm-up (not measured, so the JIT has settled), then the measured run. */
async function measureOperation(server: RunningGraphqlServer, operation: GraphqlOperationName, config: BenchConfig): Promise<GraphqlResult> {
  await runGraphqlLoad(server.port, operation, config.warmupSeconds, config);
  const cpuBefore = await server.cpuMicros();
  const run = await runGraphqlLoad(server.port, operation, config.durationSeconds, config);
  const cpuAfter = await server.cpuMicros();
  return { ...run, serverCpuMicrosPerRequest: (cpuAfter - cpuBefore) / run.requests };
}

export function graphqlRatio(sample: GraphqlPairSample, operation: GraphqlOperationName): number {
  return sample.variant[operation].requestsPerSecond / sample.baseline[operation].requestsPerSecond;
}

export function graphqlCpuRatio(sample: GraphqlPairSample, operation: GraphqlOperationName): number {
  return sample.baseline[operation].serverCpuMicrosPerRequest / sample.variant[operation].serverCpuMicrosPerRequest;
}

export { OPERATIONS as GRAPHQL_OPERATION_NAMES };
