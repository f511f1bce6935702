/**
 * @sentry/node, loaded only when the module will use it. Merely importing
 * the SDK slows every error response of a bare Nest app on Fastify by ~20 %
 * (measured side by side with `npm run bench`'s servers, with and without
 * `--import @sentry/node`), so an app that reports nowhere must not pay for it.
 */
export type SentrySdk = typeof import('@sentry/node');

let requested = false;

export function loadSentrySdk(): Promise<SentrySdk> {
  requested = true;
  return import('@sentry/node');
}

/** Whether anything asked for the SDK in this process (tests check an idle app never does). */
export function sentrySdkRequested(): boolean {
  return requested;
}

/**
 * True when the app has loaded Sentry itself (the `instrument.ts` pattern):
 * the SDK keeps its global state on `globalThis.__SENTRY__` from the moment
 * it is imported, so the module can look for the app's client without
 * importing the SDK first.
 */
export function sentryLoadedByApp(): boolean {
  return '__SENTRY__' in globalThis;
}
