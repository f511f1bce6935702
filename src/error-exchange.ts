import type { ArgumentsHost, Type } from '@nestjs/common';
import type { ErrorOrigin } from './interfaces/error-origin.interface.js';
import type { HandlerEntry } from './handler-entry.js';

/**
 * One failing request on its way to an answer. Whoever writes the response
 * calls `announce(status)` just before writing: that is when the final status
 * is known and headers can still carry the event id.
 */
export interface ErrorExchange {
  /** The value originally thrown: what is reported and logged. */
  readonly thrown: unknown;
  readonly host: ArgumentsHost;
  readonly origin: ErrorOrigin;
  /** The controller whose route raised it, for `ErrorHandlerRegistry.explain()`; absent before routing. */
  readonly controller?: Type;
  /** The handler currently answering, if any. */
  handler?: HandlerEntry;
  announce(status: number): void;
}
