import type { ContextAdapter } from './context-adapter.js';
import type { ErrorExchange } from './error-exchange.js';
import type { ErrorLogger } from '../reporting/error-logger.js';
import type { ErrorReportContext } from '../reporting/error-reporter.js';
import type { ReportingPolicy, ReportSite } from '../reporting/reporting-policy.js';

/**
 * Reports and logs each error once, with the status its answer has.
 * Reporting comes just before the answer is delivered (so the event id can
 * travel with it); logging just after (so the line says what was delivered).
 */
export class ErrorSettlement {
  constructor(
    private readonly policy: ReportingPolicy,
    private readonly logger: ErrorLogger,
  ) {}

  /**
   * Puts the thrown value before the reporting policy with `status`; returns
   * the event id if it was reported. A second call for the same exchange
   * (its answer could not be delivered and a 500 replaces it) corrects the
   * status of the event not yet built, or reports it if it now must be.
   */
  report(exchange: ErrorExchange, adapter: ContextAdapter, status: number): string | undefined {
    const previous = exchange.report;
    if (previous?.eventId) {
      if (previous.context) previous.context.status = status;
      return previous.eventId;
    }
    const state: NonNullable<ErrorExchange['report']> = {};
    exchange.report = state;
    const context = () => (state.context = this.contextOf(exchange, adapter, status));
    state.eventId = this.policy.report(exchange.thrown, status, exchange.handler?.options, this.siteOf(exchange, adapter), context);
    return state.eventId;
  }

  log(exchange: ErrorExchange, adapter: ContextAdapter, status: number): void {
    if (exchange.logged) return;
    exchange.logged = true;
    // Most 4xx are not logged: their line's place is not even read.
    if (!this.logger.logs(status)) return;
    this.logger.log({ error: exchange.thrown, status, where: adapter.where(exchange), eventId: exchange.report?.eventId });
  }

  /** A handler's own failure: logged and reported on its own (SPEC section 4: both errors are reported). */
  handlerFailed(exchange: ErrorExchange, adapter: ContextAdapter, handlerName: string, failure: unknown): void {
    this.logger.handlerFailed(handlerName, failure, adapter.where(exchange));
    const context = () => ({ ...this.contextOf(exchange, adapter, 500), handler: handlerName });
    this.policy.report(failure, 500, undefined, this.siteOf(exchange, adapter), context);
  }

  /** Storm control's fingerprint parts: the class's origin object, and strings the context already holds. */
  private siteOf(exchange: ErrorExchange, adapter: ContextAdapter): ReportSite {
    const { location, variant } = adapter.site(exchange);
    return { origin: exchange.scope.origin, location, variant };
  }

  private contextOf(exchange: ErrorExchange, adapter: ContextAdapter, status: number): ErrorReportContext {
    return {
      ...exchange.scope.origin,
      status,
      handler: exchange.handler?.name,
      host: exchange.host,
      kind: adapter.kind,
      facts: () => adapter.facts(exchange),
    };
  }
}
