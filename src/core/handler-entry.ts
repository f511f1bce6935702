import type { ErrorHandlerFunction } from '../interfaces/error-handler-function.interface.js';
import type { ErrorHandlerOptions } from '../interfaces/error-handler-options.interface.js';
import type { NormalizedKey } from './handler-key.js';

/** A header set by `@Header()` on a handler method. */
export interface HandlerHeader {
  name: string;
  value: string;
}

/** One handler as resolution sees it: decorated methods and registered functions look alike. */
export interface HandlerEntry {
  /** `Class.method`, or the registered function's name, for messages and explanations. */
  readonly name: string;
  /** How the user declared it, for messages: `@ErrorHandler() on Class.method` or `ErrorHandlerRegistry.register() for fn`. */
  readonly declaredAs?: string;
  readonly invoke: ErrorHandlerFunction;
  readonly options: ErrorHandlerOptions;
  /** `@HttpCode()` on the method: the status of plain return values. */
  readonly httpCode?: number;
  /** `@Header()` on the method: applied to every response the handler makes. */
  readonly headers: readonly HandlerHeader[];
}

export interface KeyedHandler {
  key: NormalizedKey;
  entry: HandlerEntry;
}
