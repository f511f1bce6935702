import type { LoggerService } from '@nestjs/common';

/** Options of `ErrorHandlersModule.forRoot()` (SPEC section 1). */
export interface ErrorHandlersModuleOptions {
  /** Passed to @sentry/node (reporting is built in its own issue). */
  sentry?: { dsn?: string; environment?: string; release?: string; [option: string]: unknown };
  /** Adds stack and cause chain to default responses (debug mode has its own issue). */
  debug?: boolean;
  /** Logger for errors; `false` silences the module's own logging. */
  logger?: LoggerService | false;
  /** Overrides the reporting policy: return true to report the error. */
  report?: (error: unknown, status: number) => boolean;
}
