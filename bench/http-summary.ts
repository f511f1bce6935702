import type { Comparison } from './comparisons.js';
import { cpuRatio, ratio, resultOf, type PairSample } from './http-bench.js';
import type { RouteName } from './servers/routes.js';
import type { Platform, Variant } from './servers/variants.js';
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

/** The cost of one `process.nextTick` after the load, per kind of server process, over every run. */
export interface NextTickRow {
  platform: Platform;
  variant: Variant;
  nanoseconds: Summary;
}

export function summarizeNextTick(runs: readonly PairRun[]): NextTickRow[] {
  const byServer = new Map<string, { platform: Platform; variant: Variant; values: number[] }>();
  for (const { platform, comparison, samples } of runs) {
    for (const sample of samples) {
      for (const side of ['variant', 'baseline'] as const) {
        const variant = comparison[side];
        const key = `${platform}/${variant}`;
        if (!byServer.has(key)) byServer.set(key, { platform, variant, values: [] });
        byServer.get(key)!.values.push(sample.nextTickNanoseconds[side]);
      }
    }
  }
  return [...byServer.values()].map(({ platform, variant, values }) => ({ platform, variant, nanoseconds: summarize(values) }));
}

/** One request at a time on an idle server, per comparison that asks for it: medians over rounds, in ms. */
export interface IdleLatencyRow {
  platform: Platform;
  comparison: Comparison;
  variantP50: Summary;
  baselineP50: Summary;
  /** Variant p50 − baseline p50, per round: what the variant adds to a response. */
  addedP50: Summary;
  variantP90: Summary;
  baselineP90: Summary;
}

export function summarizeIdleLatency(runs: readonly PairRun[]): IdleLatencyRow[] {
  return runs.flatMap(({ platform, comparison, samples }) => {
    const pairs = samples.flatMap((sample) => sample.idleLatency ?? []);
    if (pairs.length === 0) return [];
    return [
      {
        platform,
        comparison,
        variantP50: summarize(pairs.map((pair) => pair.variant.p50Ms)),
        baselineP50: summarize(pairs.map((pair) => pair.baseline.p50Ms)),
        addedP50: summarize(pairs.map((pair) => pair.variant.p50Ms - pair.baseline.p50Ms)),
        variantP90: summarize(pairs.map((pair) => pair.variant.p90Ms)),
        baselineP90: summarize(pairs.map((pair) => pair.baseline.p90Ms)),
      },
    ];
  });
}
