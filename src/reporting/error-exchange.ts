import type { ArgumentsHost, Type } from '@nestjs/common';
import type { HandlerEntry } from '../core/handler-entry.js';
import type { ErrorOrigin } from '../interfaces/error-origin.interface.js';

/** Settles an exchange once its final status is known (reporting, logging). */
export interface ExchangeSettler {
  settle(exchange: ErrorExchange, status: number): void;
}

/**
 * One failing request on its way to an answer. Whoever writes the response
 * calls `announce(status)` just before writing: that is when the final status
 * is known and headers can still carry the event id. It acts once.
 */
export class ErrorExchange {
  /** The handler currently answering, if any. */
  handler?: HandlerEntry;
  private announced = false;

  constructor(
    private readonly settler: ExchangeSettler,
    /** The value originally thrown: what is reported and logged. */
    readonly thrown: unknown,
    readonly host: ArgumentsHost,
    readonly origin: ErrorOrigin,
    /** The controller whose route raised it, for `ErrorHandlerRegistry.explain()`; absent before routing. */
    readonly controller?: Type,
  ) {}

  announce(status: number): void {
    if (this.announced) return;
    this.announced = true;
    this.settler.settle(this, status);
  }
}
