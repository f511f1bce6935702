import type { ArgumentsHost, ExceptionFilter, Type } from '@nestjs/common';
import type { HandlerEntry } from '../core/handler-entry.js';
import type { ScopeChain } from '../core/scope-chain.js';
import type { ErrorOrigin } from '../interfaces/error-origin.interface.js';
import type { ErrorReportContext } from '../reporting/error-reporter.js';

/**
 * Where an error was raised, as the module's filter bound to that place
 * knows it: the scopes searched, the origin reported, the class, and the
 * app's own global filters Nest gives that place (none for gateways).
 */
export interface ExchangeScope {
  readonly chain: ScopeChain;
  readonly origin: ErrorOrigin;
  /** The controller, resolver or gateway class; absent before routing. */
  readonly endpoint?: Type;
  /** The app's global filters for this place, in the order Nest tries them (the module's own left out). */
  readonly appFilters: readonly ExceptionFilter[];
}

/** One error on its way to an answer. */
export class ErrorExchange {
  /** The handler answering, if one is. */
  handler?: HandlerEntry;
  /** Set once the error has been put before the reporting policy (reporting/error-settlement.ts). */
  report?: { context?: ErrorReportContext; eventId?: string };
  logged = false;

  constructor(
    /** The value originally thrown: what is reported and logged. */
    readonly thrown: unknown,
    readonly host: ArgumentsHost,
    readonly scope: ExchangeScope,
  ) {}
}
