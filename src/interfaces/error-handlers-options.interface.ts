import type { LoggerService, LogLevel } from '@nestjs/common';
import type { SentryModuleOptions } from '../reporting/sentry/sentry-options.interface.js';
import type { DebugOptions } from '../debug/debug-options.interface.js';
import type { ErrorPageTemplate } from '../pages/error-page.interface.js';
import type { StormControlOptions } from '../reporting/storm/storm-control-options.interface.js';

/** Options of `ErrorHandlersModule.forRoot()` (SPEC section 1). */
export interface ErrorHandlersModuleOptions {
  /**
   * Reporting to Sentry: any @sentry/node init option (`dsn`, `environment`,
   * `release`, `sampleRate`, `beforeSend`…) plus the module's scrubbing and
   * timeout options. Without a `dsn` (and no client initialised by the app)
   * nothing is sent.
   */
  sentry?: SentryModuleOptions;
  /**
   * Debug mode: default responses (no handler answered) carry the error's
   * message, stack, cause chain and `ErrorHandlerRegistry.explain()`'s answer —
   * a `debug` field in JSON, an HTML traceback page for clients that prefer
   * `text/html`. Refused at bootstrap when `NODE_ENV` is `production`, unless
   * `allowDebugInProduction` is set.
   */
  debug?: boolean | DebugOptions;
  /** Lets `debug` run with `NODE_ENV=production`; every client then sees stacks and source lines. */
  allowDebugInProduction?: boolean;
  /**
   * The body of default responses for API clients: `'nest'` (the default,
   * Nest's own body: the drop-in) or `'problem+json'` (RFC 9457 problem details).
   */
  responseFormat?: 'nest' | 'problem+json';
  /**
   * An HTML error page for default responses to clients that prefer
   * `text/html` (browsers); API clients keep `responseFormat`. `true` for the
   * built-in page, or a template function of your own.
   */
  htmlErrorPage?: boolean | ErrorPageTemplate;
  /** Logger for errors; `false` silences the module's own logging. */
  logger?: LoggerService | false;
  /**
   * 4xx answers are not logged by default (Nest's own filter does not log
   * them); a level here logs each one, at that level, with method, path and status.
   */
  clientErrorLogLevel?: LogLevel;
  /** Overrides the reporting policy: return true to report the error. */
  report?: (error: unknown, status: number) => boolean;
  /**
   * Storm control (SPEC section 6): during an error storm, only the first
   * occurrences of each fingerprint (error class, status, where raised) in a
   * window are sent as events; the rest are counted into
   * `contexts.occurrences.count` of the next event. On by default; `false`
   * sends every reported error as its own event. See docs/reporting.md.
   */
  stormControl?: StormControlOptions | false;
}
