/**
 * The `stormControl` option of `ErrorHandlersModule.forRoot()` (SPEC section 6).
 *
 * A fingerprint is (error class, final status, where it was raised). Of each
 * fingerprint, the first `perFingerprint` occurrences in a window are
 * reported in full; the rest are counted, and the count goes with the next
 * event of that fingerprint, or with a summary event at the window's end (and
 * on shutdown). `false` for a limit turns that limit off; `stormControl: false`
 * turns it all off (every reported error is sent as its own event).
 */
export interface StormControlOptions {
  /** Length of a fingerprint's window, in milliseconds. Default 60000 (one minute). */
  windowMs?: number;
  /** Occurrences of one fingerprint reported in full per window. Default 10. */
  perFingerprint?: number | false;
  /** Events per second across all fingerprints (summaries included). Default 50. */
  maxEventsPerSecond?: number | false;
  /**
   * Fingerprints tracked at once. Default 2000. Each holds a few numbers and,
   * while it has a count to send, the last error counted (the summary event
   * reports it). Only fingerprints with nothing left to send are forgotten.
   */
  maxFingerprints?: number;
}
