import { Logger, type LoggerService } from '@nestjs/common';
import { safeDescribe, safeStack } from '../core/safe-error.js';

/**
 * SPEC section 6: a 5xx is logged at error level with its stack (and the
 * event id when it was reported); a 4xx only at debug level, and its line is
 * built only when debug logging is on (a 4xx flood must stay cheap).
 */
export class ErrorLogger {
  private readonly logger: LoggerService | undefined;

  constructor(option: LoggerService | false | undefined) {
    this.logger = option === false ? undefined : (option ?? new Logger('ErrorHandlers'));
  }

  log(error: unknown, status: number, eventId?: string): void {
    if (!this.logger) return;
    try {
      const suffix = eventId ? ` [event ${eventId}]` : '';
      if (status >= 500) return this.logger.error(`${status} ${safeDescribe(error)}${suffix}`, safeStack(error));
      if (this.debugEnabled()) this.logger.debug?.(`${status} ${safeDescribe(error)}${suffix}`);
    } catch {
      // A logger that throws must not change the response.
    }
  }

  /** Nest's own logger knows its levels; a custom LoggerService decides for itself. */
  private debugEnabled(): boolean {
    return !(this.logger instanceof Logger) || Logger.isLevelEnabled('debug');
  }

  handlerFailed(handlerName: string, error: unknown): void {
    try {
      this.logger?.error(`Error handler ${handlerName} threw: ${safeDescribe(error)}`, safeStack(error));
    } catch {
      // As above.
    }
  }
}
