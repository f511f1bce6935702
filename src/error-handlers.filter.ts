import {
  Catch,
  HttpException,
  Inject,
  Injectable,
  InternalServerErrorException,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
  type HttpServer,
  type OnApplicationShutdown,
  type OnModuleInit,
  type Type,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { bindServer, unbindServer } from './controller-filters.js';
import { DefaultResponder } from './default-responder.js';
import { ErrorHandlerRegistry } from './error-handler.registry.js';
import { handlerFailedMessage } from './error-handlers.messages.js';
import { MODULE_OPTIONS_TOKEN } from './error-handlers.module-definition.js';
import { ErrorReporter } from './error-reporter.js';
import { toErrorSubject } from './error-subject.js';
import { HandlerRunner } from './handler-runner.js';
import type { ErrorHandlersModuleOptions } from './interfaces/error-handlers-options.interface.js';
import { answerOutsideHttp } from './non-http-fallback.js';
import { ReportingPolicy } from './reporting-policy.js';
import type { Resolution, ScopeChain } from './scope-chain.js';

/**
 * The one exception filter of the module. Registered globally, it answers
 * errors raised before a controller was chosen, with app-level handlers only.
 * Errors of a controller's routes arrive through `catchForController`, called
 * by the filter bound to that controller (see controller-filters.ts).
 */
@Catch()
@Injectable()
export class ErrorHandlersFilter implements ExceptionFilter, OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('ErrorHandlersModule');
  private readonly reporting: ReportingPolicy;
  private httpAdapter?: HttpServer;
  private defaults?: DefaultResponder;
  private runner?: HandlerRunner;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly registry: ErrorHandlerRegistry,
    reporter: ErrorReporter,
    @Inject(MODULE_OPTIONS_TOKEN) options: ErrorHandlersModuleOptions,
  ) {
    this.reporting = new ReportingPolicy(reporter, options);
  }

  onModuleInit(): void {
    this.httpAdapter = this.adapterHost.httpAdapter;
    if (!this.httpAdapter) return;
    this.defaults = new DefaultResponder(this.httpAdapter);
    this.runner = new HandlerRunner(this.httpAdapter, this.defaults);
    bindServer(this.httpAdapter.getInstance(), this);
  }

  onApplicationShutdown(): void {
    if (this.httpAdapter) unbindServer(this.httpAdapter.getInstance());
  }

  catch(exception: unknown, host: ArgumentsHost): unknown {
    return this.dispatch(exception, host, this.registry.chainForApp());
  }

  catchForController(controller: Type, exception: unknown, host: ArgumentsHost): unknown {
    return this.dispatch(exception, host, this.registry.chainForController(controller));
  }

  private dispatch(exception: unknown, host: ArgumentsHost, chain: ScopeChain): unknown {
    if (host.getType() !== 'http' || !this.defaults) {
      this.reporting.report(exception, { status: 500, host });
      return answerOutsideHttp(exception, host);
    }
    // Returned so that Nest sees a promise; it never rejects.
    return this.handleHttp(exception, host, chain).catch(() => this.defaults!.lastResort(host.getArgByIndex(1)));
  }

  private async handleHttp(thrown: unknown, host: ArgumentsHost, chain: ScopeChain): Promise<void> {
    const subject = toErrorSubject(thrown);
    const resolution = this.httpAdapter!.isHeadersSent(host.getArgByIndex(1)) ? null : chain.resolve(subject.error, subject.status);
    if (!resolution) {
      this.defaults!.respond(thrown, host);
      return this.reportOutcome(thrown, host);
    }
    const handlerError = resolution.wrapped ? wrapUnhandled(subject.error) : subject.error;
    const outcome = await this.runner!.run(resolution.entry, handlerError, subject.status ?? 500, thrown, host);
    if (outcome.failed) await this.recover(outcome.error, resolution, host, chain);
    this.reportOutcome(thrown, host, resolution);
  }

  /** SPEC section 4: a failing handler's error takes the 500 path once; after that, the built-in 500. */
  private async recover(failure: unknown, failed: Resolution, host: ArgumentsHost, chain: ScopeChain): Promise<void> {
    this.logger.error(handlerFailedMessage(failed.entry.name), failure instanceof Error ? failure.stack : String(failure));
    const wrapper = failure instanceof HttpException ? failure : wrapUnhandled(failure);
    const retry = failure instanceof HttpException ? null : chain.resolve(wrapper, 500);
    if (!retry || retry.entry === failed.entry) {
      this.defaults!.respond(failure, host);
      return this.reportOutcome(failure, host, failed);
    }
    const outcome = await this.runner!.run(retry.entry, wrapper, 500, failure, host);
    this.reportOutcome(failure, host, retry);
    if (outcome.failed) {
      this.logger.error(handlerFailedMessage(retry.entry.name), outcome.error instanceof Error ? outcome.error.stack : String(outcome.error));
      this.defaults!.lastResort(host.getArgByIndex(1));
      this.reporting.report(outcome.error, { status: 500, handler: retry.entry.name, host });
    }
  }

  private reportOutcome(error: unknown, host: ArgumentsHost, resolution?: Resolution): void {
    const status = Number((host.getArgByIndex(1) as { statusCode?: unknown }).statusCode) || 500;
    this.reporting.report(error, { status, handler: resolution?.entry.name, host }, resolution?.entry.options);
  }
}

/** SPEC section 3, step 3: what a 500 handler receives for an unhandled non-HTTP error. */
function wrapUnhandled(error: unknown): InternalServerErrorException {
  return new InternalServerErrorException(undefined, { cause: error });
}
