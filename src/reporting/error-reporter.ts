import type { ArgumentsHost } from '@nestjs/common';
import type { ErrorOrigin } from '../interfaces/error-origin.interface.js';

/** What the filter knows about an error when it reports it. */
export interface ErrorReportContext extends ErrorOrigin {
  /** The final HTTP status of the response (500 outside HTTP). */
  status: number;
  /** `Class.method` (or function name) of the error handler that ran, if one did. */
  handler?: string;
  /** The arguments host of the failing request: reporters read the request from it. */
  host?: ArgumentsHost;
}

/**
 * The abstract token the filter reports through (SPEC section 1). Bind your
 * own implementation to send errors elsewhere, or compose several. Returns
 * the backend's event id when there is one; it goes back to the client in the
 * `x-sentry-event-id` header.
 */
export abstract class ErrorReporter {
  abstract captureException(error: unknown, context?: ErrorReportContext): string | undefined;
}
