/** What the filter knows about an error when it decides to report it. */
export interface ErrorReportContext {
  /** The final HTTP status of the response (500 for non-HTTP contexts). */
  status: number;
  /** `Class.method` of the handler that ran, if one did. */
  handler?: string;
  /** The arguments host of the failing request, for reporters that read the request. */
  host?: import('@nestjs/common').ArgumentsHost;
}

/**
 * The abstract token the filter reports through (SPEC section 1). Bind your
 * own implementation to send errors elsewhere. Returns an event id when the
 * backend gives one.
 */
export abstract class ErrorReporter {
  abstract captureException(error: unknown, context?: ErrorReportContext): string | undefined;
}

/** Default binding until a reporting backend is configured: reports nowhere. */
export class NoopErrorReporter extends ErrorReporter {
  captureException(): undefined {
    return undefined;
  }
}
