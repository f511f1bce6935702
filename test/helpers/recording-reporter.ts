import { Injectable, type Type } from '@nestjs/common';
import { ErrorReporter, type ErrorReportContext } from 'nestjs-error-handlers';

export interface RecordedReport {
  error: unknown;
  /** The status the module reported the error with. */
  status: number | undefined;
  handler?: string;
}

/**
 * An `ErrorReporter` (the `reporter` option) that keeps what it is given, so
 * a test can see what was reported and with which status. A new class per
 * call, bound to its own list.
 */
export function recordingReporter(): { reporter: Type<ErrorReporter>; reports: RecordedReport[] } {
  const reports: RecordedReport[] = [];
  @Injectable()
  class RecordingReporter extends ErrorReporter {
    captureException(error: unknown, context?: ErrorReportContext): string | undefined {
      reports.push({ error, status: context?.status, handler: context?.handler });
      return undefined;
    }
  }
  return { reporter: RecordingReporter, reports };
}
