import type { HttpServer } from '@nestjs/common';
import { describeDefaultResponse, INTERNAL_ERROR_RESPONSE } from '../../core/default-response.js';
import type { ErrorExchange } from '../../reporting/error-exchange.js';
import type { ErrorRenderer } from './error-renderer.js';
import { toErrorSubject, type ErrorSubject } from '../../core/error-subject.js';

/**
 * Answers an error no handler answered, with Nest's default body, and when
 * even that fails (a body that cannot be serialised) ends the exchange with a
 * bare 500. Never throws.
 */
export class DefaultResponder {
  constructor(
    private readonly httpAdapter: HttpServer,
    private readonly renderer: ErrorRenderer,
  ) {}

  /**
   * `error` is the value to answer for: the thrown one, or what a handler
   * returned or threw; `subject` is its `toErrorSubject()`, when the caller has it already.
   */
  respond(error: unknown, exchange: ErrorExchange, subject?: ErrorSubject): void {
    const response = exchange.host.getArgByIndex(1);
    try {
      const answer = describeDefaultResponse((subject ?? toErrorSubject(error)).error);
      exchange.announce(answer.status);
      if (this.httpAdapter.isHeadersSent(response)) return this.httpAdapter.end(response);
      this.renderer.render(answer, error, exchange);
    } catch {
      this.lastResort(exchange);
    }
  }

  /** The built-in 500, without looking at the error at all. */
  lastResort(exchange: ErrorExchange): void {
    const response = exchange.host.getArgByIndex(1);
    try {
      exchange.announce(500);
      if (this.httpAdapter.isHeadersSent(response)) this.httpAdapter.end(response);
      else this.httpAdapter.reply(response, INTERNAL_ERROR_RESPONSE.body, INTERNAL_ERROR_RESPONSE.status);
    } catch {
      destroy(response);
    }
  }
}

function destroy(response: unknown): void {
  try {
    const raw = (response as { raw?: unknown }).raw ?? response;
    (raw as { destroy?: () => void }).destroy?.();
  } catch {
    // Nothing more can be done for this exchange; the process must go on.
  }
}
