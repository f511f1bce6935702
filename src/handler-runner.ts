import { HttpException, type ArgumentsHost, type HttpServer } from '@nestjs/common';
import type { DefaultResponder } from './default-responder.js';
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
   * @param original the value originally thrown, answered by default when the handler neither returns nor writes
   */
  async run(entry: HandlerEntry, error: unknown, status: number, original: unknown, host: ArgumentsHost): Promise<RunOutcome> {
    try {
      const result = await entry.invoke(error, host);
      this.write(entry, result, status, original, host);
      return SUCCEEDED;
    } catch (thrown) {
      return { failed: true, error: thrown };
    }
  }

  private write(entry: HandlerEntry, result: unknown, status: number, original: unknown, host: ArgumentsHost): void {
    const response = host.getArgByIndex(1);
    if (result === response || this.httpAdapter.isHeadersSent(response)) return;
    for (const { name, value } of entry.headers) this.httpAdapter.setHeader(response, name, value);
    if (result instanceof ErrorResponse) return this.writeErrorResponse(entry, result, status, response);
    if (result instanceof HttpException) return this.defaults.respond(result, host);
    // A handler that neither returned nor wrote leaves the default answer, so no request hangs.
    if (result === undefined) return this.defaults.respond(original, host);
    this.httpAdapter.reply(response, result, entry.httpCode ?? status);
  }

  private writeErrorResponse(entry: HandlerEntry, result: ErrorResponse, status: number, response: unknown): void {
    for (const [name, value] of Object.entries(result.headers)) this.httpAdapter.setHeader(response, name, value);
    this.httpAdapter.reply(response, result.body, result.status ?? entry.httpCode ?? status);
  }
}
