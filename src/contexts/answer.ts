import { ErrorResponse } from '../core/error-response.js';
import { isHttpException } from '../core/error-subject.js';
import type { HandlerEntry, HandlerHeader } from '../core/handler-entry.js';
import type { ErrorExchange } from './error-exchange.js';

/**
 * What a handler's return value means (SPEC section 4), before any context
 * writes it:
 * - `response`: a body with a status and headers (`ErrorResponse`, or a plain value);
 * - `exception`: an exception to render as the context renders it (a returned
 *   `HttpException`, or the context's own kind: `RpcException`, `GraphQLError`…);
 * - `written`: the handler answered through the platform itself;
 * - `default`: it returned nothing, so the error gets the default answer.
 * `headers` are the handler method's `@Header()`s, which apply to every answer it makes.
 */
export type Answer =
  | { readonly kind: 'response'; readonly body: unknown; readonly status: number; readonly headers: readonly HandlerHeader[] }
  | { readonly kind: 'exception'; readonly exception: unknown; readonly headers: readonly HandlerHeader[] }
  | { readonly kind: 'written' }
  | { readonly kind: 'default'; readonly headers: readonly HandlerHeader[] };

/** How a context recognises the answers that are its own (see ContextAdapter, which extends it). */
export interface AnswerReader {
  /** A value a handler returned that is this context's own way of answering (a `RpcException`, a `GraphQLError`…). */
  isNativeAnswer(value: unknown): boolean;
  /** True when the handler answered by writing to the platform itself (HTTP). */
  answeredDirectly(result: unknown, exchange: ErrorExchange): boolean;
}

/**
 * @param status the status of the error the handler got (500 when it is not an HTTP error):
 * the status of a plain return value without `@HttpCode()`.
 */
export function readAnswer(result: unknown, entry: HandlerEntry, status: number, adapter: AnswerReader, exchange: ErrorExchange): Answer {
  if (adapter.answeredDirectly(result, exchange)) return { kind: 'written' };
  const { headers } = entry;
  if (result instanceof ErrorResponse) {
    return { kind: 'response', body: result.body, status: result.status ?? entry.httpCode ?? status, headers: [...headers, ...headerList(result.headers)] };
  }
  if (isHttpException(result) || adapter.isNativeAnswer(result)) return { kind: 'exception', exception: result, headers };
  // A handler that neither returned nor wrote leaves the default answer, so nothing hangs.
  if (result === undefined) return { kind: 'default', headers };
  return { kind: 'response', body: result, status: entry.httpCode ?? status, headers };
}

/** `ErrorResponse` headers as a list; an object that cannot be read gives an invalid entry, refused later. */
function headerList(headers: unknown): HandlerHeader[] {
  if (headers === undefined || headers === null) return [];
  try {
    return Object.entries(headers as Record<string, unknown>).map(([name, value]) => ({ name, value: value as string }));
  } catch {
    return [{ name: '', value: '' }];
  }
}
