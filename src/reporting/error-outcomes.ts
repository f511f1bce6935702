import type { ArgumentsHost, HttpServer, Type } from '@nestjs/common';
import { ErrorExchange, type ExchangeSettler } from './error-exchange.js';
import type { ErrorLogger } from './error-logger.js';
import type { ErrorOrigin } from '../interfaces/error-origin.interface.js';
import type { ReportingPolicy } from './reporting-policy.js';

/** The response header that tells a client the event id to quote to support. */
const EVENT_ID_HEADER = 'x-sentry-event-id';

/** Reports and logs each error once, with its final status, before its response is written. */
export class ErrorOutcomes implements ExchangeSettler {
  constructor(
    private readonly httpAdapter: HttpServer | undefined,
    private readonly reporting: ReportingPolicy,
    private readonly logger: ErrorLogger,
  ) {}

  /** A new exchange for a thrown value; its `announce` settles it here, once. */
  exchange(thrown: unknown, host: ArgumentsHost, origin: ErrorOrigin, controller?: Type): ErrorExchange {
    return new ErrorExchange(this, thrown, host, origin, controller);
  }

  /** A handler's own failure: reported and logged on its own (SPEC section 4: both errors are reported). */
  handlerFailed(exchange: ErrorExchange, handlerName: string, failure: unknown): void {
    this.logger.handlerFailed(handlerName, failure);
    this.reporting.report(failure, 500, undefined, { origin: exchange.origin }, () => ({ ...exchange.origin, status: 500, handler: handlerName, host: exchange.host }));
  }

  settle(exchange: ErrorExchange, status: number): void {
    const { thrown, host, origin, handler } = exchange;
    const eventId = this.reporting.report(thrown, status, handler?.options, { origin }, () => ({ ...origin, status, handler: handler?.name, host }));
    if (eventId) this.expose(host, eventId);
    this.logger.log(thrown, status, eventId);
  }

  /** Like Sentry's own Express handler: a header for the client, `res.sentry` for the app. */
  private expose(host: ArgumentsHost, eventId: string): void {
    if (host.getType() !== 'http' || !this.httpAdapter) return;
    try {
      const response = host.getArgByIndex(1);
      if (!this.httpAdapter.isHeadersSent(response)) this.httpAdapter.setHeader(response, EVENT_ID_HEADER, eventId);
      (response as { sentry?: string }).sentry = eventId;
    } catch {
      // A frozen or exotic response object: the event id stays in the log line.
    }
  }
}
