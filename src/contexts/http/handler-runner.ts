import { HttpException, type HttpServer } from '@nestjs/common';
import type { DefaultResponder } from './default-responder.js';
import type { ErrorExchange } from '../../reporting/error-exchange.js';
import { ErrorResponse } from '../../core/error-response.js';
import type { HandlerEntry } from '../../core/handler-entry.js';

export type RunOutcome = { failed: false } | { failed: true; error: unknown };

const SUCCEEDED: RunOutcome = { failed: false };
const failedWith = (error: unknown): RunOutcome => ({ failed: true, error });

/**
 * Runs one handler and turns what it returns into the response (SPEC
 * section 4). A synchronous handler is answered synchronously (no promise
 * on the error path unless the handler is async). A handler that throws, or
 * returns something that cannot be sent, is a failure returned to the
 * caller; it never escapes.
 */
export class HandlerRunner {
  constructor(
    private readonly httpAdapter: HttpServer,
    private readonly defaults: DefaultResponder,
  ) {}

  /**
   * @param error what the handler receives
   * @param status the status of `error` (500 when it is not an HTTP error)
   */
  run(entry: HandlerEntry, error: unknown, status: number, exchange: ErrorExchange): RunOutcome | Promise<RunOutcome> {
    exchange.handler = entry;
    let result: unknown;
    try {
      result = entry.invoke(error, exchange.host);
    } catch (thrown) {
      return failedWith(thrown);
    }
    if (!isThenable(result)) return this.finish(entry, result, status, exchange);
    return Promise.resolve(result).then((value) => this.finish(entry, value, status, exchange), failedWith);
  }

  private finish(entry: HandlerEntry, result: unknown, status: number, exchange: ErrorExchange): RunOutcome {
    try {
      this.write(entry, result, status, exchange);
      return SUCCEEDED;
    } catch (thrown) {
      return failedWith(thrown);
    }
  }

  private write(entry: HandlerEntry, result: unknown, status: number, exchange: ErrorExchange): void {
    const response = exchange.host.getArgByIndex(1);
    if (result === response || this.httpAdapter.isHeadersSent(response)) {
      // The handler answered through the platform: its status is final.
      return exchange.announce(Number((response as { statusCode?: unknown }).statusCode) || status);
    }
    for (const { name, value } of entry.headers) this.httpAdapter.setHeader(response, name, value);
    if (result instanceof ErrorResponse) return this.send(result.body, result.status ?? entry.httpCode ?? status, result.headers, exchange);
    if (result instanceof HttpException) return this.defaults.respond(result, exchange);
    // A handler that neither returned nor wrote leaves the default answer, so no request hangs.
    if (result === undefined) return this.defaults.respond(exchange.thrown, exchange);
    this.send(result, entry.httpCode ?? status, undefined, exchange);
  }

  private send(body: unknown, status: number, headers: Record<string, string> | undefined, exchange: ErrorExchange): void {
    const response = exchange.host.getArgByIndex(1);
    if (headers) for (const name in headers) this.httpAdapter.setHeader(response, name, headers[name]);
    exchange.announce(status);
    this.httpAdapter.reply(response, body, status);
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value !== null && (typeof value === 'object' || typeof value === 'function') && typeof (value as PromiseLike<unknown>).then === 'function';
}
