import type { Summary } from '../stats.js';

/** Resolution with few vs many handlers, for one way of resolving. */
export interface ResolutionModeResult {
  /** ns per `resolve()` call, over samples. */
  fewNsPerOp: Summary;
  manyNsPerOp: Summary;
  /** Per sample: many ÷ few. */
  ratio: Summary;
  iterationsPerSample: number;
}

/** What the resolution worker reports to the orchestrator. */
export interface ResolutionResults {
  type: 'resolution';
  fewHandlers: number;
  manyHandlers: number;
  /** Levels of the thrown class's hierarchy below `BadRequestException`; the handler is keyed on the top one. */
  hierarchyLevels: number;
  samples: number;
  /** Every call hits the per-chain cache: the steady state of a repeated error. */
  cached: ResolutionModeResult;
  /** The cache is cleared before every call: the first error of its class. */
  uncached: ResolutionModeResult;
}
