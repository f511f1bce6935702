import type { Summary } from '../stats.js';

/** `bare`: an app without ErrorHandlersModule; `module`: the same app with it, so the module watches the job. */
export type BackgroundVariant = 'bare' | 'module';

/** `module-vs-bare`: a module app's tick ÷ a bare app's; `a-a`: two bare apps, the noise floor. */
export type BackgroundComparison = 'module-vs-bare' | 'a-a';

/**
 * The job's body: `logged` is the @Interval example of Nest's docs, a debug
 * line through a Nest Logger (the app's logger off, as in these processes);
 * `sync` does next to nothing and returns, the wrapper's worst case among
 * sync jobs; `async` is the same in an async method,
 * resolving at once (the wrapper's worst case: one more promise reaction);
 * `async-io` also waits for one turn of the event loop, as any job that does
 * I/O does at least once.
 */
export const BACKGROUND_BODIES = ['logged', 'sync', 'async', 'async-io'] as const;
export type BackgroundBody = (typeof BACKGROUND_BODIES)[number];

/**
 * What one worker process measured, both sides in alternation: medians over
 * its sample pairs. Ratios are baseline ns ÷ variant ns, per pair (≥ 1: the
 * variant costs no more).
 */
export interface BackgroundSample {
  type: 'background';
  comparison: BackgroundComparison;
  body: BackgroundBody;
  /** Wall-clock time of the tick. */
  wallRatio: number;
  /** CPU time (user + system) of the process: moves less when other processes share the cores. */
  cpuRatio: number;
  variantNsPerCall: number;
  baselineNsPerCall: number;
  variantCpuNsPerCall: number;
  baselineCpuNsPerCall: number;
  /** Whether the module watches each side's job (method wrapped, or the scheduler's seam open): true exactly for a `module` side. */
  variantWatched: boolean;
  baselineWatched: boolean;
}

/** One comparison for one body, over rounds (one fresh process each). */
export interface BackgroundRow {
  comparison: BackgroundComparison;
  body: BackgroundBody;
  cpuRatio: Summary;
  wallRatio: Summary;
  variantCpuNsPerCall: Summary;
  baselineCpuNsPerCall: Summary;
  variantWallNsPerCall: Summary;
  baselineWallNsPerCall: Summary;
}

export interface BackgroundResults {
  rounds: number;
  rows: BackgroundRow[];
}
