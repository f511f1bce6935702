import type { Summary } from '../stats.js';

/** `bare`: the app without ErrorHandlersModule; `module`: the same app with it, so the job's method is wrapped. */
export type BackgroundVariant = 'bare' | 'module';

/**
 * The job's body: `sync` does a little work and returns (the shape of the
 * @Interval examples in Nest's docs); `async` is the same in an async method,
 * resolving at once (the wrapper's worst case: one more promise reaction);
 * `async-io` also waits for one turn of the event loop, as any job that does
 * I/O does at least once.
 */
export const BACKGROUND_BODIES = ['sync', 'async', 'async-io'] as const;
export type BackgroundBody = (typeof BACKGROUND_BODIES)[number];

/** What one worker process measured. */
export interface BackgroundSample {
  type: 'background';
  variant: BackgroundVariant;
  body: BackgroundBody;
  /** Wall-clock ns per call of the scheduler's tick, over the process's samples. */
  nsPerCall: Summary;
  /**
   * CPU ns per call (user + system time of the process): what the tick costs
   * the machine. Moves much less than wall time when other processes share
   * the cores, so the goal is read on it.
   */
  cpuNsPerCall: Summary;
  /** Whether the method the scheduler calls is the module's wrapper: must be `variant === 'module'`. */
  wrapped: boolean;
}

/** One comparison for one body, over rounds: ratio = baseline ns ÷ variant ns (throughput variant ÷ baseline). */
export interface BackgroundRow {
  comparison: 'wrapped-vs-bare' | 'a-a';
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
