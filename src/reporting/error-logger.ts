import { Logger, type LoggerService, type LogLevel } from '@nestjs/common';
import { safeDescribe, safeStack } from '../core/safe-error.js';

/** What one log line says about an error. */
export interface LoggedError {
  readonly error: unknown;
  /** The status the client got (or the context's equivalent). */
  readonly status: number;
  /** `GET /orders/1`, `query GetUser`: where it happened, when known. */
  readonly where?: string;
  readonly eventId?: string;
}

/**
 * SPEC section 6: a 5xx is logged once at error level, with its stack, where
 * it happened and the event id. A 4xx is not logged (Nest's own filter does
 * not log them) unless `clientErrorLogLevel` chooses a level; its line is
 * built only then, so a flood of 4xx stays cheap.
 */
export class ErrorLogger {
  private readonly logger: LoggerService | undefined;

  constructor(
    option: LoggerService | false | undefined,
    private readonly clientErrorLevel?: LogLevel,
  ) {
    this.logger = option === false ? undefined : (option ?? new Logger('ErrorHandlers'));
  }

  /** Whether an answer with this status is logged at all: callers skip building its line's parts otherwise. */
  logs(status: number): boolean {
    return this.logger !== undefined && (status >= 500 || this.clientErrorLevel !== undefined);
  }

  log({ error, status, where, eventId }: LoggedError): void {
    const logger = this.logger;
    if (!logger || !this.logs(status)) return;
    try {
      const line = `${status}${where ? ` ${where}` : ''} ${safeDescribe(error)}${eventId ? ` [event ${eventId}]` : ''}`;
      if (status >= 500) return logger.error(line, safeStack(error));
      this.write(logger, this.clientErrorLevel!, line);
    } catch {
      // A logger that throws must not change the response.
    }
  }

  /** A handler's own failure (it threw, or its answer could not be delivered), naming the handler. */
  handlerFailed(handlerName: string, error: unknown, where?: string): void {
    try {
      this.logger?.error(`Error handler ${handlerName} failed${where ? ` on ${where}` : ''}: ${safeDescribe(error)}`, safeStack(error));
    } catch {
      // As above.
    }
  }

  private write(logger: LoggerService, level: LogLevel, line: string): void {
    if (level === 'fatal') return void (logger.fatal ?? logger.error).call(logger, line);
    if (level === 'error' || level === 'warn' || level === 'log') return void logger[level](line);
    logger[level]?.(line);
  }
}
