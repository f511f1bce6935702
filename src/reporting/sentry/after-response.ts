/**
 * The SDK's work for one event (building it: stack parsing, integrations,
 * normalisation; then serialising and sending) costs about 0.9 ms of CPU on
 * the bench machine, the building alone 0.3–0.5 ms (README, Benchmarks).
 * Started where the error is reported, it would delay the failing response.
 * `setImmediate` runs it in the check phase, after the current callbacks and
 * microtasks, so after the response has been written; and inside the
 * request's async context, so Sentry's per-request scope (the `instrument.ts`
 * case) is still the one it reads.
 */
export function afterResponse(work: () => void): void {
  setImmediate(runContained, work);
}

/**
 * Resolves once every piece of work deferred before the call has run:
 * immediates run in the order they were queued.
 */
export function deferredWorkDone(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function runContained(work: () => void): void {
  try {
    work();
  } catch {
    // A throw here would reach the process as an uncaught exception; reporting never may.
  }
}
