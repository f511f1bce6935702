import { setTimeout as delay } from 'node:timers/promises';
import type { Comparison } from './comparisons.js';
import { measureIdleLatency, type IdleLatency } from './idle-latency.js';
import type { BenchConfig } from './config.js';
import { runLoad, type LoadRun } from './load.js';
import { probeServer } from './probe.js';
import { ResponseTally } from './response-tally.js';
import { checkDelivery, type DeliveryCheck } from './sentry-delivery.js';
import type { ReceiverCounts } from './sentry-receiver/messages.js';
import type { SentryReceiver } from './sentry-receiver.js';
import { startServer, type RunningServer } from './server-process.js';
import { DISTINCT_FINGERPRINTS, DISTINCT_TYPE_PREFIX, ROUTES, type RouteName } from './servers/routes.js';
import { reportsToSentry, type Platform } from './servers/variants.js';

/** A measured run, with the CPU time the server spent on it. */
export interface RouteResult extends LoadRun {
  serverCpuMicrosPerRequest: number;
  /** The measured slices it adds up, in the order they ran. */
  slices: SliceRun[];
}

export interface SliceRun extends LoadRun {
  /** Server CPU time over the slice, all threads. */
  cpuMicros: number;
}

/** The routes of the comparison a server was measured on. */
export type RouteResults = Partial<Record<RouteName, RouteResult>>;
export type Side = 'variant' | 'baseline';

/** One round of one comparison: two fresh servers, measured in alternating slices. */
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

/** Everything measured on one side's server, accumulated over its slices. */
interface SideRun {
  server: RunningServer;
  tally: ResponseTally;
  results: RouteResults;
  idleLatency?: IdleLatency;
}

/**
 * Measures one pair: two fresh server processes, alive together, each route
 * measured in slices that alternate between them (A B B A A B …), so a slow
 * patch of the machine falls on both sides alike instead of on whichever ran
 * second. The idle side of a slice waits on its socket and uses no CPU. Which
 * side starts alternates by round. Only one side of a comparison reports to
 * Sentry, so the receiver's counts around the pair are that server's.
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
  const reporting = order.filter((side) => reportsToSentry(comparison[side]));
  if (reporting.length > 1) throw new Error(`${comparison.id}: only one side of a pair may report to Sentry`);
  const reporter: Side | undefined = reporting[0];
  const before = reporter ? await receiver.counts() : undefined;
  // Forget the types earlier servers reported: only this pair's count.
  if (before) await receiver.takeDistinctTypes(DISTINCT_TYPE_PREFIX);
  const sides: Partial<Record<Side, SideRun>> = {};
  let distinctThrown = 0;
  try {
    for (const side of order) {
      const variant = comparison[side];
      sides[side] = { server: await startServer({ platform, variant, dsn: reportsToSentry(variant) ? receiver.dsn : undefined }), tally: new ResponseTally(), results: {} };
    }
    const runs = sides as Record<Side, SideRun>;
    for (const side of order) {
      const { server, tally } = runs[side];
      await probeServer(server, comparison.routes, tally);
      const idleRoute = comparison.idleLatencyRoute && ROUTES[comparison.idleLatencyRoute];
      if (idleRoute) runs[side].idleLatency = await measureIdleLatency(server.port, idleRoute.path, idleRoute.status, tally);
    }
    for (const route of comparison.routes) {
      const answeredBefore = reporter ? runs[reporter].tally.countFrom(500) : 0;
      for (const side of order) await warmUp(runs[side], route, config);
      for (let slice = 0; slice < config.slices; slice++) {
        for (const side of slice % 2 === 0 ? order : [...order].reverse()) {
          await measureSlice(runs[side], route, config);
          await settle(runs[side].server);
        }
      }
      // The probe's request, then the load's: a server too starved to reach every class cannot have reported it.
      if (route === 'distinctErrors' && reporter) {
        distinctThrown = Math.min(DISTINCT_FINGERPRINTS, 1 + runs[reporter].tally.countFrom(500) - answeredBefore);
      }
    }
    const nextTickNanoseconds = { variant: await runs.variant.server.nextTickNanoseconds(), baseline: await runs.baseline.server.nextTickNanoseconds() };
    await Promise.all(order.map((side) => runs[side].server.stop()));
    const deliveries = before && reporter ? [await deliveryOf(receiver, before, runs[reporter], comparison, distinctThrown)] : [];
    const idleLatency = runs.variant.idleLatency && runs.baseline.idleLatency && { variant: runs.variant.idleLatency, baseline: runs.baseline.idleLatency };
    return { round, first, variant: runs.variant.results, baseline: runs.baseline.results, deliveries, nextTickNanoseconds, idleLatency };
  } finally {
    // After an error: stop() is safe to call on a server already stopped.
    await Promise.all(Object.values(sides).map((side) => side.server.stop()));
  }
}

/** A reporting server has flushed on shutdown, so the receiver must hold one occurrence per 5xx it answered. */
async function deliveryOf(receiver: SentryReceiver, before: ReceiverCounts, side: SideRun, comparison: Comparison, distinctThrown: number): Promise<DeliveryCheck> {
  const fingerprints = comparison.routes.includes('distinctErrors')
    ? { received: await receiver.takeDistinctTypes(DISTINCT_TYPE_PREFIX), expected: distinctThrown }
    : undefined;
  return checkDelivery(before, await receiver.counts(), side.tally, fingerprints);
}

/** Unmeasured load, so the JIT has settled on the route before its first slice. */
async function warmUp({ server, tally }: SideRun, route: RouteName, config: BenchConfig): Promise<void> {
  const { path, status } = ROUTES[route];
  await runLoad(server.port, path, status, config.warmupSeconds, config, tally);
}

/** Past this share of one core, a server is still busy with the last slice (e.g. sending its Sentry events). */
const BUSY_SHARE = 0.05;
const SETTLE_POLL_MS = 50;
const SETTLE_MAX_MS = 5_000;

/**
 * Waits until the server is idle, so what it does after its responses
 * (reporting sends events after the response is written) is not counted in
 * the next slice, which may be the other server's.
 */
async function settle(server: RunningServer): Promise<void> {
  const deadline = Date.now() + SETTLE_MAX_MS;
  let last = await server.cpuMicros();
  while (Date.now() < deadline) {
    await delay(SETTLE_POLL_MS);
    const now = await server.cpuMicros();
    if (now - last < BUSY_SHARE * SETTLE_POLL_MS * 1_000) return;
    last = now;
  }
}

/** One measured slice, added to what the side's earlier slices of the route measured. */
async function measureSlice(side: SideRun, route: RouteName, config: BenchConfig): Promise<void> {
  const { path, status } = ROUTES[route];
  const cpuBefore = await side.server.cpuMicros();
  const run = await runLoad(side.server.port, path, status, config.durationSeconds / config.slices, config, side.tally);
  const cpuMicros = (await side.server.cpuMicros()) - cpuBefore;
  side.results[route] = addSlice(side.results[route], run, cpuMicros);
}

/**
 * Requests and CPU add up over slices; req/s is their total over the total
 * time. Latency percentiles cannot be added: the result keeps the median
 * slice's p50 (the slices are equal in length) and the worst slice's p99.
 */
function addSlice(sofar: RouteResult | undefined, run: LoadRun, cpuMicros: number): RouteResult {
  const slices = [...(sofar?.slices ?? []), { ...run, cpuMicros }];
  const requests = slices.reduce((sum, slice) => sum + slice.requests, 0);
  const seconds = slices.reduce((sum, slice) => sum + slice.requests / slice.requestsPerSecond, 0);
  const cpu = slices.reduce((sum, slice) => sum + slice.cpuMicros, 0);
  const p50s = slices.map((slice) => slice.latencyP50Ms).sort((a, b) => a - b);
  return {
    requestsPerSecond: requests / seconds,
    requests,
    latencyP50Ms: p50s[Math.floor((p50s.length - 1) / 2)]!,
    latencyP99Ms: Math.max(...slices.map((slice) => slice.latencyP99Ms)),
    serverCpuMicrosPerRequest: cpu / requests,
    slices,
  };
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
