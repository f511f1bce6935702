import { emptyKeyListMessage, invalidKeyMessage } from './error-handlers.messages.js';
import type { HandlerEntry, HandlerHeader, KeyedHandler } from './handler-entry.js';
import { normalizeKey } from './handler-key.js';
import type { ErrorHandlerFunction } from '../interfaces/error-handler-function.interface.js';
import type { ErrorHandlerOptions } from '../interfaces/error-handler-options.interface.js';

export interface HandlerSource {
  name: string;
  invoke: ErrorHandlerFunction;
  httpCode?: number;
  headers?: HandlerHeader[];
}

/** Validates and normalises the keys of one registration; throws a message naming the handler. */
export function keyedHandlers(source: HandlerSource, keys: unknown[], options: ErrorHandlerOptions): KeyedHandler[] {
  if (keys.length === 0) throw new Error(emptyKeyListMessage(source.name));
  const entry: HandlerEntry = { name: source.name, invoke: source.invoke, options, httpCode: source.httpCode, headers: source.headers ?? [] };
  return keys.map((raw) => {
    const key = normalizeKey(raw);
    if (!key) throw new Error(invalidKeyMessage(source.name, raw));
    return { key, entry };
  });
}
