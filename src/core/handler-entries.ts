import { emptyKeyListMessage, invalidKeyMessage } from './error-handlers.messages.js';
import type { HandlerEntry, HandlerHeader, KeyedHandler } from './handler-entry.js';
import { normalizeKey } from './handler-key.js';
import type { ErrorHandlerFunction } from '../interfaces/error-handler-function.interface.js';
import type { ErrorHandlerOptions } from '../interfaces/error-handler-options.interface.js';

export interface HandlerSource {
  name: string;
  /** How the user declared it (`decoratedHandler()` / `registeredHandler()`): what every message names. */
  declaredAs: string;
  invoke: ErrorHandlerFunction;
  httpCode?: number;
  headers?: HandlerHeader[];
}

/** Validates and normalises the keys of one registration; throws a message naming the handler. */
export function keyedHandlers(source: HandlerSource, keys: unknown[], options: ErrorHandlerOptions): KeyedHandler[] {
  const { name, declaredAs, invoke, httpCode, headers = [] } = source;
  if (keys.length === 0) throw new Error(emptyKeyListMessage(declaredAs));
  const entry: HandlerEntry = { name, declaredAs, invoke, options, httpCode, headers };
  return keys.map((raw) => {
    const key = normalizeKey(raw);
    if (!key) throw new Error(invalidKeyMessage(declaredAs, raw));
    return { key, entry };
  });
}
