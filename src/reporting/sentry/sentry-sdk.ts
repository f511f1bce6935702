import { sentrySdkMissingMessage } from './sentry.messages.js';

/**
 * @sentry/node, loaded only when the module will use it. Merely importing
 * the SDK slows every error response of a bare Nest app on Fastify by ~20 %
 * (measured side by side with `npm run bench`'s servers, with and without
 * `--import @sentry/node`), so an app that reports nowhere must not pay for it.
 * It is an optional peer (SPEC section 1): an app that reports nowhere does
 * not install it, and one that gives a DSN without it fails at bootstrap,
 * saying what to install.
 */
export type SentrySdk = typeof import('@sentry/node');

let requested = false;

export async function loadSentrySdk(): Promise<SentrySdk> {
  requested = true;
  try {
    return await import('@sentry/node');
  } catch (error) {
    if (!isNotFound(error)) throw error;
    throw new Error(sentrySdkMissingMessage((error as Error).message.split('\n')[0]!), { cause: error });
  }
}

/** The SDK, or one of its own dependencies, is not installed. */
function isNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
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
