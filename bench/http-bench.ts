import type { Comparison } from './comparisons.js';
import { measureIdleLatency, type IdleLatency } from './idle-latency.js';
import type { BenchConfig } from './config.js';
import { runLoad, type LoadRun } from './load.js';
import { probeServer } from './probe.js';
import { ResponseTally } from './response-tally.js';
import { checkDelivery, type DeliveryCheck } from './sentry-delivery.js';
import type { SentryReceiver } from './sentry-receiver.js';
import { startServer, type RunningServer } from './server-process.js';
import { DISTINCT_FINGERPRINTS, DISTINCT_TYPE_PREFIX, ROUTES, type RouteName } from './servers/routes.js';
import { reportsToSentry, type Platform, type Variant } from './servers/variants.js';

/** A measured run, with the CPU time the server spent on it. */
export interface RouteResult extends LoadRun {
  serverCpuMicrosPerRequest: number;
}

/** The routes of the comparison a server was measured on. */
export type RouteResults = Partial<Record<RouteName, RouteResult>>;
export type Side = 'variant' | 'baseline';

/** One round of one comparison: two fresh servers, measured one after the other. */
export interface PairSample {
  round: number;
  first: Side;
  variant: RouteResults;
  baseline: RouteResults;
  /** One per side that reported to Sentry. */
  deliveries: DeliveryCheck[];
  /** Cost of one `process.nextTick` in each side's server after its load, in ns. */
  nextTickNanoseconds: Record<Side, number>;
  /** For comparisons with an `idleLatencyRoute`. */
  idleLatency?: Record<Side, IdleLatency>;
}

interface ServerRun {
  results: RouteResults;
  delivery?: DeliveryCheck;
  nextTickNanoseconds: number;
  idleLatency?: IdleLatency;
}

/**
 * Measures one pair. The sides never overlap (they would share the two
 * cores), and which goes first alternates by round so that drift (thermal,
 * a neighbour's load) does not always favour the same side.
 */
export async function measurePair(
  platform: Platform,
  comparison: Comparison,
  round: number,
  config: BenchConfig,
  receiver: SentryReceiver,
): Promise<PairSample> {
  const first: Side = round % 2 === 0 ? 'baseline' : 'variant';
  const order: Side[] = first === 'baseline' ? ['baseline', 'variant'] : ['variant', 'baseline'];
  const runs: Partial<Record<Side, ServerRun>> = {};
  for (const side of order) runs[side] = await measureServer(platform, comparison[side], comparison, config, receiver);
  const deliveries = order.flatMap((side) => runs[side]!.delivery ?? []);
  const { variant, baseline } = runs as Record<Side, ServerRun>;
  const nextTickNanoseconds = { variant: variant.nextTickNanoseconds, baseline: baseline.nextTickNanoseconds };
  const idleLatency = variant.idleLatency && baseline.idleLatency && { variant: variant.idleLatency, baseline: baseline.idleLatency };
  return { round, first, variant: variant.results, baseline: baseline.results, deliveries, nextTickNanoseconds, idleLatency };
}

/**
 * A fresh server process: probed, timed one request at a time if the
 * comparison asks (before any load, while it is idle), every route warmed up
 * and measured, then shut down. One that reports to Sentry has flushed by
 * then, so the receiver must hold one event per 5xx it answered.
 */
async function measureServer(
  platform: Platform,
  variant: Variant,
  { routes, idleLatencyRoute }: Comparison,
  config: BenchConfig,
  receiver: SentryReceiver,
): Promise<ServerRun> {
  const reporting = reportsToSentry(variant);
  const before = reporting ? await receiver.counts() : undefined;
  // Forget the types earlier servers reported: only this server's count.
  if (reporting) await receiver.takeDistinctTypes(DISTINCT_TYPE_PREFIX);
  const tally = new ResponseTally();
  const server = await startServer({ platform, variant, dsn: reporting ? receiver.dsn : undefined });
  const results: RouteResults = {};
  let nextTickNanoseconds: number;
  let idleLatency: IdleLatency | undefined;
  let distinctThrown = 0;
  try {
    await probeServer(server, routes, tally);
    if (idleLatencyRoute) idleLatency = await measureIdleLatency(server.port, ROUTES[idleLatencyRoute].path, ROUTES[idleLatencyRoute].status, tally);
    for (const route of routes) {
      const answeredBefore = tally.countFrom(500);
      results[route] = await measureRoute(server, route, config, tally);
      // The probe's request, then the load's: a server too starved to reach every class cannot have reported it.
      if (route === 'distinctErrors') distinctThrown = Math.min(DISTINCT_FINGERPRINTS, 1 + tally.countFrom(500) - answeredBefore);
    }
    nextTickNanoseconds = await server.nextTickNanoseconds();
  } finally {
    await server.stop();
  }
  const fingerprints = reporting && routes.includes('distinctErrors')
    ? { received: await receiver.takeDistinctTypes(DISTINCT_TYPE_PREFIX), expected: distinctThrown }
    : undefined;
  return { results, delivery: before && checkDelivery(before, await receiver.counts(), tally, fingerprints), nextTickNanoseconds, idleLatency };
}

/** Warm-up (not measured, so the JIT has settled), then the measured run. */
async function measureRoute(server: RunningServer, route: RouteName, config: BenchConfig, tally: ResponseTally): Promise<RouteResult> {
  const { path, status } = ROUTES[route];
  await runLoad(server.port, path, status, config.warmupSeconds, config, tally);
  const cpuBefore = await server.cpuMicros();
  const run = await runLoad(server.port, path, status, config.durationSeconds, config, tally);
  const cpuAfter = await server.cpuMicros();
  return { ...run, serverCpuMicrosPerRequest: (cpuAfter - cpuBefore) / run.requests };
}

/** Throughput of the variant relative to the baseline: above 1, the variant served more. */
export function ratio(sample: PairSample, route: RouteName): number {
  return resultOf(sample.variant, route).requestsPerSecond / resultOf(sample.baseline, route).requestsPerSecond;
}

/** The same direction as `ratio`, from server CPU per request: above 1, the variant needed less CPU. */
export function cpuRatio(sample: PairSample, route: RouteName): number {
  return resultOf(sample.baseline, route).serverCpuMicrosPerRequest / resultOf(sample.variant, route).serverCpuMicrosPerRequest;
}

export function resultOf(results: RouteResults, route: RouteName): RouteResult {
  const result = results[route];
  if (!result) throw new Error(`No result for route "${route}": it is not one of the comparison's routes`);
  return result;
}
