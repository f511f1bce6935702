import { HttpException, type HttpServer } from '@nestjs/common';
import type { DefaultResponder } from './default-responder.js';
import type { ErrorExchange } from './error-exchange.js';
import { ErrorResponse } from './error-response.js';
import type { HandlerEntry } from './handler-entry.js';

export type RunOutcome = { failed: false } | { failed: true; error: unknown };

const SUCCEEDED: RunOutcome = { failed: false };

/**
 * Runs one handler and turns what it returns into the response (SPEC
 * section 4). A handler that throws, or returns something that cannot be
 * sent, is reported back to the caller as a failure; it never escapes.
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
  async run(entry: HandlerEntry, error: unknown, status: number, exchange: ErrorExchange): Promise<RunOutcome> {
    exchange.handler = entry;
    try {
      const result = await entry.invoke(error, exchange.host);
      this.write(entry, result, status, exchange);
      return SUCCEEDED;
    } catch (thrown) {
      return { failed: true, error: thrown };
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
    this.send(result, entry.httpCode ?? status, {}, exchange);
  }

  private send(body: unknown, status: number, headers: Record<string, string>, exchange: ErrorExchange): void {
    const response = exchange.host.getArgByIndex(1);
    for (const [name, value] of Object.entries(headers)) this.httpAdapter.setHeader(response, name, value);
    exchange.announce(status);
    this.httpAdapter.reply(response, body, status);
  }
}
