/**
 * Building a Sentry event is the SDK's heaviest step (stack parsing,
 * integrations, normalisation: 0.3–1 ms of CPU per event, see the README's
 * benchmarks). Run where the error is reported, it would delay the failing
 * response by as much. `setImmediate` runs it in the check phase, after the
 * current callbacks and microtasks, so after the response has been written;
 * and inside the request's async context, so Sentry's per-request scope
 * (the `instrument.ts` case) is still the one it reads.
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
