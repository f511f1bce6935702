import type { DefaultResponse } from '../../core/default-response.js';
import type { ErrorExchange } from '../error-exchange.js';
import type { HttpWriter } from './http-writer.js';

/**
 * Writes a default response (no handler answered). The seam for response
 * formats and debug pages: the default writes Nest's body as Nest would.
 */
export interface ErrorRenderer {
  /** `error` is the value answered for; `exchange` says where it came from. */
  render(response: DefaultResponse, error: unknown, exchange: ErrorExchange): void;
}

export class NestBodyRenderer implements ErrorRenderer {
  constructor(private readonly writer: HttpWriter) {}

  render({ status, body }: DefaultResponse, _error: unknown, exchange: ErrorExchange): void {
    this.writer.send(exchange.host.getArgByIndex(1), body, status);
  }
}
