import type { NodeOptions } from '@sentry/node';

/**
 * The `sentry` option of `ErrorHandlersModule.forRoot()`: every @sentry/node
 * init option, plus a few that belong to this module (and are not passed on).
 *
 * When the app already initialised Sentry (`instrument.ts`), that client is
 * reused and only the module's own options below apply.
 */
export interface SentryModuleOptions extends NodeOptions {
  /**
   * More request headers to leave out of events, case-insensitive. Always left
   * out: `Authorization`, `Proxy-Authorization`, `Cookie`, `Set-Cookie`.
   */
  scrubHeaders?: string[];
  /**
   * More name fragments that make a query parameter, cookie or header value
   * secret, case-insensitive (e.g. `'iban'`). Built in: password, secret,
   * token, key, auth, session, jwt, csrf, signature and the like.
   */
  scrubFields?: string[];
  /**
   * Milliseconds the module's own client gives Sentry to answer one envelope
   * before the request is abandoned and counted as an outage. Default 5000.
   */
  sendTimeout?: number;
}

/** The keys above: the module reads them, @sentry/node never sees them. */
export const MODULE_ONLY_SENTRY_KEYS = ['scrubHeaders', 'scrubFields', 'sendTimeout'] as const;
