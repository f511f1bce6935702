import type { ErrorReporter, ErrorReportContext } from './error-reporter.js';
import type { ErrorHandlerOptions } from '../interfaces/error-handler-options.interface.js';
import type { ErrorHandlersModuleOptions } from '../interfaces/error-handlers-options.interface.js';

/**
 * SPEC section 6: report what ends in a 5xx, never a 4xx, unless the handler
 * or the `report()` option says otherwise; never the same error object twice.
 * A reporter that throws changes nothing about the response.
 */
export class ReportingPolicy {
  private readonly reported = new WeakSet<object>();

  constructor(
    private readonly reporter: ErrorReporter,
    private readonly options: ErrorHandlersModuleOptions,
  ) {}

  /**
   * Returns the event id when the error was reported. The context is built
   * only for errors that are reported (most 4xx are not).
   */
  report(error: unknown, status: number, handlerOptions: ErrorHandlerOptions | undefined, context: () => ErrorReportContext): string | undefined {
    try {
      if (!this.shouldReport(error, status, handlerOptions) || this.seenBefore(error)) return undefined;
      return this.reporter.captureException(error, context());
    } catch {
      // Reporting must never change a response.
      return undefined;
    }
  }

  private shouldReport(error: unknown, status: number, handlerOptions?: ErrorHandlerOptions): boolean {
    if (handlerOptions?.report !== undefined) return handlerOptions.report;
    if (this.options.report) return this.options.report(error, status);
    return status >= 500;
  }

  private seenBefore(error: unknown): boolean {
    if (error === null || (typeof error !== 'object' && typeof error !== 'function')) return false;
    if (this.reported.has(error)) return true;
    this.reported.add(error);
    return false;
  }
}
