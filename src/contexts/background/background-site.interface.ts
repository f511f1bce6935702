import type { ErrorContextFacts } from '../../reporting/error-reporter.js';

/** The three kinds of background work whose errors the module reports (SPEC section 11). */
export type BackgroundKind = 'schedule' | 'event' | 'queue';

/** One failed call of a background method, as the wrapper saw it. */
export interface BackgroundFailure {
  error: unknown;
  /** `this` of the call: the provider instance (or a request-scoped one). */
  instance: unknown;
  /** The arguments the package passed: the event payload, BullMQ's job… */
  args: readonly unknown[];
}

/** What the reporter and the log hear about one failure. */
export interface BackgroundDescription {
  facts: ErrorContextFacts;
  /** What failed, for the log line: `Scheduled interval "cleanup" (CleanupJob.run)`. */
  summary: string;
}

/**
 * One decorated method, found at bootstrap: which kind of work runs it and
 * under what name. Frozen, one per class and method, so it can stand for
 * "where an error was raised" (the storm-control fingerprint's origin).
 * Everything per failure is computed by `describe`, on the error path only.
 */
export interface BackgroundSite {
  readonly kind: BackgroundKind;
  /** The provider class that declares the method, and the method. */
  readonly className: string;
  readonly methodName: string;
  /** The Nest module of that provider. */
  readonly moduleName?: string;
  /** The job, event or queue name as declared (`Class.method` for an unnamed scheduled job). */
  readonly name: string;
  describe(failure: BackgroundFailure): BackgroundDescription;
  /** False for what the package throws as a signal rather than a failure (BullMQ's `DelayedError`). */
  isFailure(error: unknown): boolean;
}

/** Where a site is declared, as discovery found it. */
export interface SiteOwner {
  className: string;
  methodName: string;
  moduleName?: string;
}
