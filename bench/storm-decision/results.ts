import type { Summary } from '../stats.js';

/** What the storm-decision worker reports to the orchestrator. */
export interface StormDecisionResults {
  type: 'storm-decision';
  samples: number;
  iterationsPerSample: number;
  /** ns per `StormControl.admit` that decides to count (the fingerprint's budget is spent). */
  countedNsPerOp: Summary;
}
