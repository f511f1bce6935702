/** Knobs of the bench, from the environment, so a quick run needs no code change. */
/**
 * Defaults keep the HTTP part of a full run near 11 minutes on 2 cores: per
 * round, 12 server processes × (≈1.5 s startup + 2 routes × (warm-up +
 * measured run)), plus 8 for the two Sentry comparisons × (startup + their
 * routes + the flush on shutdown), of which 4 are also timed one request at a
 * time (≈3 s each). A pair's measured seconds are cut into `slices` per side.
 */
export interface BenchConfig {
  /** Rounds of every HTTP comparison; each round starts fresh server processes. */
  rounds: number;
  /** Seconds of measured load per route and server. */
  durationSeconds: number;
  /** Seconds of unmeasured load per route and server, so the JIT has settled before measuring. */
  warmupSeconds: number;
  /** Slices each side's measured seconds are cut into, alternating between the two servers of a pair. */
  slices: number;
  connections: number;
  pipelining: number;
  /** BENCH_ONLY=sentry-on-vs-off,a-a: run only these comparisons (ids of comparisons.ts), for a quick look at one. */
  only?: string[];
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): BenchConfig {
  return {
    rounds: positiveInteger(env, 'BENCH_ROUNDS', 5),
    durationSeconds: positiveNumber(env, 'BENCH_DURATION', 2),
    warmupSeconds: positiveNumber(env, 'BENCH_WARMUP', 1),
    slices: positiveInteger(env, 'BENCH_SLICES', 4),
    connections: positiveInteger(env, 'BENCH_CONNECTIONS', 10),
    pipelining: 1,
    only: env.BENCH_ONLY ? env.BENCH_ONLY.split(',').map((id) => id.trim()) : undefined,
  };
}

function positiveNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = positiveNumber(env, name, fallback);
  if (!Number.isInteger(value)) throw new Error(`${name} must be a whole number, got "${env[name]}"`);
  return value;
}
