import type { ErrorReporter, ErrorReportContext } from './error-reporter.js';
import type { ErrorHandlerOptions } from '../interfaces/error-handler-options.interface.js';
import type { ErrorHandlersModuleOptions } from '../interfaces/error-handlers-options.interface.js';
import type { ReportSite } from './storm/fingerprints.js';
import { StormControl } from './storm/storm-control.js';
import { stormLimits } from './storm/storm-limits.js';

export type { ReportSite } from './storm/fingerprints.js';

/** Summaries handed to the reporter at once on shutdown: within the SDK's default queues (64 being built, 64 being sent). */
const SHUTDOWN_BATCH = 60;
/**
 * How long shutdown may spend handing pending counts over; what is left then
 * goes at once (what the SDK cannot queue is still counted, see SentryService).
 */
const SHUTDOWN_BUDGET_MS = 5_000;

/**
 * SPEC section 6: report what ends in a 5xx, never a 4xx, unless the handler
 * or the `report()` option says otherwise; never the same error object twice;
 * during a storm, count instead of sending (see storm/storm-control.ts).
 * A reporter that throws changes nothing about the response.
 */
export class ReportingPolicy {
  private readonly reported = new WeakSet<object>();
  private readonly storm: StormControl | undefined;

  constructor(
    private readonly reporter: ErrorReporter,
    private readonly options: ErrorHandlersModuleOptions,
  ) {
    const storm = options.stormControl;
    this.storm = storm === false ? undefined : new StormControl(stormLimits(storm), (error, context) => this.send(error, context));
  }

  /**
   * Returns the event id when the error was sent as an event. The context is
   * built only for errors that are sent (most 4xx are not, nor are errors
   * storm control counts), and `site` must be made of identities that exist
   * before the error (see ReportSite): the decision to count builds nothing.
   */
  report(
    error: unknown,
    status: number,
    handlerOptions: ErrorHandlerOptions | undefined,
    site: ReportSite,
    context: () => ErrorReportContext,
  ): string | undefined {
    try {
      if (!this.shouldReport(error, status, handlerOptions) || this.seenBefore(error)) return undefined;
      const admitted = this.storm ? this.storm.admit(error, status, site, context) : { ...context(), occurrences: 1 };
      return admitted && this.reporter.captureException(error, admitted);
    } catch {
      // Reporting must never change a response.
      return undefined;
    }
  }

  /**
   * Shutdown, before the reporter's own flush: sends every pending count as
   * a summary, in batches the reporter can take (waiting on its `flush` when
   * it has one), then stops the timers. Never rejects.
   */
  async close(): Promise<void> {
    const storm = this.storm;
    if (!storm) return;
    storm.stop();
    const deadline = Date.now() + SHUTDOWN_BUDGET_MS;
    try {
      while (storm.flush(SHUTDOWN_BATCH) > 0) {
        const left = deadline - Date.now();
        if (!this.reporter.flush || left <= 0) {
          storm.flush(Infinity);
          return;
        }
        await this.reporter.flush(left);
      }
    } catch {
      // A reporter whose flush fails: what is left goes at once.
      storm.flush(Infinity);
    } finally {
      storm.seal();
    }
  }

  private send(error: unknown, context: ErrorReportContext): void {
    try {
      this.reporter.captureException(error, context);
    } catch {
      // As in report().
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
