import type { Comparison } from './comparisons.js';
import { cpuRatio, ratio, resultOf, type PairSample } from './http-bench.js';
import type { RouteName } from './servers/routes.js';
import type { Platform } from './servers/variants.js';
import { summarize, type Summary } from './stats.js';

/** Every round of one comparison on one platform. */
export interface PairRun {
  platform: Platform;
  comparison: Comparison;
  samples: PairSample[];
}

/** One line of the HTTP table: a comparison on one platform and route, over all rounds. */
export interface HttpRow {
  platform: Platform;
  route: RouteName;
  comparison: Comparison;
  ratio: Summary;
  cpuRatio: Summary;
  variantRequestsPerSecond: Summary;
  baselineRequestsPerSecond: Summary;
}

export function summarizeHttp(runs: readonly PairRun[]): HttpRow[] {
  return runs.flatMap(({ platform, comparison, samples }) =>
    comparison.routes.map((route) => ({
      platform,
      route,
      comparison,
      ratio: summarize(samples.map((sample) => ratio(sample, route))),
      cpuRatio: summarize(samples.map((sample) => cpuRatio(sample, route))),
      variantRequestsPerSecond: summarize(samples.map((sample) => resultOf(sample.variant, route).requestsPerSecond)),
      baselineRequestsPerSecond: summarize(samples.map((sample) => resultOf(sample.baseline, route).requestsPerSecond)),
    })),
  );
}

export function findRow(rows: readonly HttpRow[], platform: Platform, route: RouteName, comparisonId: Comparison['id']): HttpRow | undefined {
  return rows.find((row) => row.platform === platform && row.route === route && row.comparison.id === comparisonId);
}
