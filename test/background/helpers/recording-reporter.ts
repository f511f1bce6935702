import { Injectable } from '@nestjs/common';
import { ErrorReporter, type ErrorContextFacts, type ErrorReportContext } from 'nestjs-error-handlers';

export interface RecordedReport {
  error: unknown;
  context: ErrorReportContext;
  /** What `context.facts()` said, read once as a reporter would. */
  facts: ErrorContextFacts | undefined;
  eventId: string;
}

/** A custom ErrorReporter bound with `forRoot({ reporter })`: keeps every report, answers with a made-up event id. */
@Injectable()
export class RecordingReporter extends ErrorReporter {
  readonly reports: RecordedReport[] = [];

  override captureException(error: unknown, context?: ErrorReportContext): string | undefined {
    const eventId = `event-${this.reports.length + 1}`;
    this.reports.push({ error, context: context!, facts: context?.facts?.(), eventId });
    return eventId;
  }

  /** Reports whose error message is `message`. */
  of(message: string): RecordedReport[] {
    return this.reports.filter((report) => report.error instanceof Error && report.error.message === message);
  }
}
