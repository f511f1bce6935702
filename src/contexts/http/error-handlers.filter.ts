import {
  Catch,
  Inject,
  Injectable,
  InternalServerErrorException,
  type ArgumentsHost,
  type BeforeApplicationShutdown,
  type ExceptionFilter,
  type HttpServer,
  type OnApplicationShutdown,
  type OnModuleInit,
  type Type,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { bindServer, unbindServer } from '../../core/controller-filters.js';
import { DefaultResponder } from './default-responder.js';
import { ErrorHandlerRegistry } from '../../core/error-handler.registry.js';
import type { ErrorExchange } from '../../reporting/error-exchange.js';
import { ErrorLogger } from '../../reporting/error-logger.js';
import { MODULE_OPTIONS_TOKEN } from '../../error-handlers.module-definition.js';
import { ErrorOutcomes } from '../../reporting/error-outcomes.js';
import { createErrorRenderer } from './renderers/create-error-renderer.js';
import { ErrorReporter } from '../../reporting/error-reporter.js';
import { isHttpException, toErrorSubject } from '../../core/error-subject.js';
import { HandlerRunner, type RunOutcome } from './handler-runner.js';
import type { ErrorHandlersModuleOptions } from '../../interfaces/error-handlers-options.interface.js';
import type { ErrorOrigin } from '../../interfaces/error-origin.interface.js';
import { answerOutsideHttp } from '../non-http-fallback.js';
import { ReportingPolicy } from '../../reporting/reporting-policy.js';
import type { Resolution, ScopeChain } from '../../core/scope-chain.js';

/** The parts that need the HTTP adapter, which exists only once the app does. */
interface HttpParts {
  adapter: HttpServer;
  defaults: DefaultResponder;
  runner: HandlerRunner;
  outcomes: ErrorOutcomes;
}

/**
 * The one exception filter of the module. Registered globally, it answers
 * errors raised before a controller was chosen, with app-level handlers only.
 * Errors of a controller's routes arrive through `catchForController`, called
 * by the filter bound to that controller (see controller-filters.ts).
 */
@Catch()
@Injectable()
export class ErrorHandlersFilter implements ExceptionFilter, OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly reporting: ReportingPolicy;
  private readonly logger: ErrorLogger;
  private readonly outsideHttp: ErrorOutcomes;
  private http?: HttpParts;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly registry: ErrorHandlerRegistry,
    reporter: ErrorReporter,
    @Inject(MODULE_OPTIONS_TOKEN) private readonly options: ErrorHandlersModuleOptions,
  ) {
    this.reporting = new ReportingPolicy(reporter, options);
    this.logger = new ErrorLogger(options.logger);
    this.outsideHttp = new ErrorOutcomes(undefined, this.reporting, this.logger);
  }

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    if (!adapter) return;
    const defaults = new DefaultResponder(adapter, createErrorRenderer(this.options, adapter, this.registry));
    const outcomes = new ErrorOutcomes(adapter, this.reporting, this.logger);
    this.http = { adapter, defaults, runner: new HandlerRunner(adapter, defaults), outcomes };
    bindServer(adapter.getInstance(), this);
  }

  /** Storm control's pending counts go out before the reporter flushes (SentryService does in onApplicationShutdown). */
  beforeApplicationShutdown(): Promise<void> {
    return this.reporting.close();
  }

  onApplicationShutdown(): void {
    if (this.http) unbindServer(this.http.adapter.getInstance());
  }

  catch(exception: unknown, host: ArgumentsHost): unknown {
    return this.dispatch(exception, host, this.registry.chainForApp(), BEFORE_ROUTING);
  }

  catchForController(controller: Type, exception: unknown, host: ArgumentsHost): unknown {
    return this.dispatch(exception, host, this.registry.chainForController(controller), this.registry.originOf(controller), controller);
  }

  private dispatch(exception: unknown, host: ArgumentsHost, chain: ScopeChain, origin: ErrorOrigin, controller?: Type): unknown {
    const http = this.http;
    if (host.getType() !== 'http' || !http) {
      this.outsideHttp.exchange(exception, host, origin).announce(500);
      return answerOutsideHttp(exception, host);
    }
    const exchange = http.outcomes.exchange(exception, host, origin, controller);
    try {
      // Synchronous handlers are answered synchronously; Nest needs no promise then.
      return this.handleHttp(http, exchange, chain)?.catch(() => http.defaults.lastResort(exchange));
    } catch {
      return http.defaults.lastResort(exchange);
    }
  }

  private handleHttp(http: HttpParts, exchange: ErrorExchange, chain: ScopeChain): Promise<void> | void {
    const subject = toErrorSubject(exchange.thrown);
    const headersSent = http.adapter.isHeadersSent(exchange.host.getArgByIndex(1));
    const resolution = headersSent ? null : chain.resolve(subject.error, subject.status);
    if (!resolution) return http.defaults.respond(exchange.thrown, exchange, subject);
    const handlerError = resolution.wrapped ? wrapUnhandled(subject.error) : subject.error;
    const outcome = http.runner.run(resolution.entry, handlerError, subject.status ?? 500, exchange);
    if (outcome instanceof Promise) return outcome.then((settled) => this.afterRun(http, settled, resolution, exchange, chain));
    return this.afterRun(http, outcome, resolution, exchange, chain);
  }

  private afterRun(http: HttpParts, outcome: RunOutcome, resolution: Resolution, exchange: ErrorExchange, chain: ScopeChain): Promise<void> | void {
    if (outcome.failed) return this.recover(http, outcome.error, resolution, exchange, chain);
  }

  /** SPEC section 4: a failing handler's error takes the 500 path once; after that, the built-in 500. */
  private async recover(http: HttpParts, failure: unknown, failed: Resolution, exchange: ErrorExchange, chain: ScopeChain): Promise<void> {
    http.outcomes.handlerFailed(exchange, failed.entry.name, failure);
    exchange.handler = undefined;
    // Once a handler has started the response, ending it is all that is left.
    if (http.adapter.isHeadersSent(exchange.host.getArgByIndex(1))) return http.defaults.lastResort(exchange);
    if (isHttpException(failure)) return http.defaults.respond(failure, exchange);
    const wrapper = wrapUnhandled(failure);
    const retry = chain.resolve(wrapper, 500);
    if (!retry || retry.entry === failed.entry) return http.defaults.respond(failure, exchange);
    const outcome = await http.runner.run(retry.entry, wrapper, 500, exchange);
    if (!outcome.failed) return;
    http.outcomes.handlerFailed(exchange, retry.entry.name, outcome.error);
    http.defaults.lastResort(exchange);
  }
}

const BEFORE_ROUTING: ErrorOrigin = Object.freeze({});

/** SPEC section 3, step 3: what a 500 handler receives for an unhandled non-HTTP error. */
function wrapUnhandled(error: unknown): InternalServerErrorException {
  return new InternalServerErrorException(undefined, { cause: error });
}
