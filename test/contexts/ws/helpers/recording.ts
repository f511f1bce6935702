import { Injectable, type LoggerService } from '@nestjs/common';
import { ErrorReporter, type ErrorContextFacts, type ErrorReportContext } from 'nestjs-error-handlers';

export interface Recorded {
  error: unknown;
  status: number;
  kind?: string;
  controller?: string;
  module?: string;
  handler?: string;
  facts?: ErrorContextFacts;
}

/** An `ErrorReporter` that keeps what it is given (`forRoot({ reporter: RecordingReporter })`). */
@Injectable()
export class RecordingReporter extends ErrorReporter {
  static readonly seen: Recorded[] = [];

  captureException(error: unknown, context?: ErrorReportContext): string | undefined {
    const { status, kind, controller, module, handler } = context!;
    RecordingReporter.seen.push({ error, status, kind, controller, module, handler, facts: context?.facts?.() });
    return `event-${RecordingReporter.seen.length}`;
  }
}

export interface LogLine {
  level: string;
  message: string;
  context?: string;
}

/** A Nest logger that keeps every line: Nest's own (`WsExceptionsHandler`) and the module's (`ErrorHandlers`). */
export class CapturingLogger implements LoggerService {
  readonly lines: LogLine[] = [];

  log(message: unknown, context?: string) {
    this.keep('log', message, context);
  }
  error(message: unknown, ...rest: unknown[]) {
    // Nest passes (message, stack?, context?); the context comes last.
    const context = rest.length > 0 && typeof rest.at(-1) === 'string' ? (rest.at(-1) as string) : undefined;
    this.keep('error', message, context);
  }
  warn(message: unknown, context?: string) {
    this.keep('warn', message, context);
  }
  debug(message: unknown, context?: string) {
    this.keep('debug', message, context);
  }
  verbose(message: unknown, context?: string) {
    this.keep('verbose', message, context);
  }

  errors(): LogLine[] {
    return this.lines.filter((line) => line.level === 'error');
  }

  private keep(level: string, message: unknown, context?: string) {
    this.lines.push({ level, message: message instanceof Error ? `${message.name}: ${message.message}` : String(message), context });
  }
}
