import type { ArgumentsHost } from '@nestjs/common';
import type { ErrorOrigin } from '../interfaces/error-origin.interface.js';

/**
 * Which kind of work raised an error: a Nest context (`http`, `graphql`,
 * `rpc`, `ws`) or background work (`schedule`, `event`, `queue`).
 */
export type ErrorContextKind = 'http' | 'graphql' | 'rpc' | 'ws' | 'schedule' | 'event' | 'queue';

/** The HTTP request behind an error (HTTP, or GraphQL over HTTP), unscrubbed: the reporter scrubs it. */
export interface ReportedRequest {
  method: string;
  /** Scheme, host and path, without the query string. */
  url: string;
  /** Query parameters in order, repeated names kept. */
  query: Array<[string, string]>;
  headers: Record<string, unknown>;
  /** The route as declared, e.g. `/orders/:id`; absent before routing. */
  routePattern?: string;
  /** `req.user`, as Passport and most auth guards leave it. */
  user?: unknown;
}

/** What a context tells the reporter about where an error happened. */
export interface ErrorContextFacts {
  /** Tags named for the context, e.g. `{ 'graphql.operation_type': 'query' }`. Values are plain strings. */
  tags: Record<string, string>;
  /** Structured data, one entry per event context, e.g. `{ graphql: { path: 'user.orders' } }`. */
  contexts?: Record<string, Record<string, unknown>>;
  /** The HTTP request behind the error, if there is one. */
  request?: ReportedRequest;
  /** A name for the work that failed: `GET /orders/:id`, `query GetUser`, `RPC {"cmd":"sum"}`. */
  transaction?: string;
}

/** What the module knows about an error when it reports it. */
export interface ErrorReportContext extends ErrorOrigin {
  /** The final status of the outcome (HTTP status; the equivalent elsewhere, 500 for an unhandled error). */
  status: number;
  /** `Class.method` (or function name) of the error handler that ran, if one did. */
  handler?: string;
  /** The arguments host of the failing request or message, when there is one. */
  host?: ArgumentsHost;
  /** The context that raised it. */
  kind?: ErrorContextKind;
  /**
   * The context's facts. Reading them may cost a little (parsing a URL), so
   * call it once, and preferably after the answer is sent; never throws.
   */
  facts?: () => ErrorContextFacts;
  /**
   * How many occurrences this report stands for (SPEC section 6): 1, plus the
   * occurrences of the same fingerprint that storm control counted since the
   * previous report of it. Sentry receives it as `contexts.occurrences.count`.
   */
  occurrences?: number;
  /**
   * Set on a storm-control summary: the error is the last one counted, and
   * `occurrences` counts only the counted ones. No request is attached
   * (`host` is absent); `facts`, when present, are those of an earlier
   * report of the same fingerprint, without its request.
   */
  summary?: true;
  /**
   * Set by storm control on what it sends. A reporter that learns its event
   * did not reach the backend (refused, dropped, failed) calls it with the
   * event's `occurrences`: the count goes back to its fingerprint and is sent
   * again with a later event of it, so per-fingerprint totals survive and a
   * fingerprint whose only event was lost is still reported. Returns false
   * when storm control can no longer take it (after shutdown, or the
   * fingerprint was forgotten): the reporter keeps the count then.
   */
  undelivered?: (occurrences: number) => boolean;
}

/**
 * The abstract token the filter reports through (SPEC section 1). Bind your
 * own implementation to send errors elsewhere, or compose several. Returns
 * the backend's event id when there is one; it goes back to the client in the
 * `x-sentry-event-id` header.
 */
export abstract class ErrorReporter {
  abstract captureException(error: unknown, context?: ErrorReportContext): string | undefined;

  /**
   * Optional: resolves once what was captured so far has been sent, or
   * `timeoutMs` has passed (true if everything went out). When present, the
   * module paces the summaries it sends on shutdown by it, so a backend with
   * a bounded send queue is not handed more at once than it can hold.
   */
  flush?(timeoutMs: number): Promise<boolean>;
}
