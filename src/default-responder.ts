import type { ArgumentsHost, HttpServer } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';

const INTERNAL_ERROR_BODY = { statusCode: 500, message: 'Internal server error' };

/**
 * Answers exactly as Nest's `BaseExceptionFilter` does (the module is a
 * drop-in), and when even that fails (a body that cannot be serialised, a
 * logger that throws on a hostile error) ends the exchange with a bare 500.
 * Never throws.
 */
export class DefaultResponder {
  private readonly nestFilter: BaseExceptionFilter;

  constructor(private readonly httpAdapter: HttpServer) {
    this.nestFilter = new BaseExceptionFilter(httpAdapter);
  }

  respond(exception: unknown, host: ArgumentsHost): void {
    try {
      this.nestFilter.catch(exception, host);
    } catch {
      this.lastResort(host.getArgByIndex(1));
    }
  }

  /** The built-in 500, without looking at the error at all. */
  lastResort(response: unknown): void {
    try {
      if (this.httpAdapter.isHeadersSent(response)) this.httpAdapter.end(response);
      else this.httpAdapter.reply(response, INTERNAL_ERROR_BODY, 500);
    } catch {
      this.destroy(response);
    }
  }

  private destroy(response: unknown): void {
    try {
      const raw = (response as { raw?: unknown }).raw ?? response;
      (raw as { destroy?: () => void }).destroy?.();
    } catch {
      // Nothing more can be done for this exchange; the process must go on.
    }
  }
}
