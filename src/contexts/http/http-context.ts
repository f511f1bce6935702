import type { ArgumentsHost, HttpServer } from '@nestjs/common';
import { describeDefaultResponse, INTERNAL_ERROR_RESPONSE, type DefaultResponse } from '../../core/default-response.js';
import { toErrorSubject } from '../../core/error-subject.js';
import { readOr } from '../../core/safe-error.js';
import type { ErrorContextFacts } from '../../reporting/error-reporter.js';
import type { Answer } from '../answer.js';
import type { ContextAdapter, DefaultAnswer } from '../context-adapter.js';
import type { ErrorExchange } from '../error-exchange.js';
import type { ErrorHandlerRegistry } from '../../core/error-handler.registry.js';
import type { ErrorHandlersModuleOptions } from '../../interfaces/error-handlers-options.interface.js';
import type { ErrorRenderer } from './error-renderer.js';
import { createErrorRenderer } from './renderers/create-error-renderer.js';
import { HttpWriter } from './http-writer.js';
import { describeRequestLine, readRequest, routePatternOf, type PlatformRequest } from './request-facts.js';
import type { RouteHandlerIndex } from './route-handler-index.js';

/** The response header that tells a client the event id to quote to support. */
export const EVENT_ID_HEADER = 'x-sentry-event-id';

/** HTTP, on Express or Fastify: SPEC sections 4 and 5. */
export class HttpContext implements ContextAdapter {
  readonly kind = 'http';
  private readonly writer: HttpWriter;
  private readonly renderer: ErrorRenderer;

  constructor(
    private readonly httpAdapter: HttpServer,
    options: ErrorHandlersModuleOptions,
    registry: ErrorHandlerRegistry,
    private readonly routes: RouteHandlerIndex,
  ) {
    this.writer = new HttpWriter(httpAdapter);
    this.renderer = createErrorRenderer(options, httpAdapter, this.writer, registry);
  }

  answerable(exchange: ErrorExchange): boolean {
    return !this.writer.headersSent(responseOf(exchange));
  }

  isNativeAnswer(): boolean {
    return false;
  }

  answeredDirectly(result: unknown, exchange: ErrorExchange): boolean {
    const response = responseOf(exchange);
    return result === response || this.writer.headersSent(response);
  }

  statusOf(answer: Answer, exchange: ErrorExchange): number {
    if (answer.kind === 'written') return statusWritten(exchange, 500);
    if (answer.kind === 'default') return this.defaultResponse(exchange.thrown).status;
    this.writer.checkHeaders(answer.headers);
    const { status, body } = answer.kind === 'response' ? answer : describeDefaultResponse(answer.exception);
    this.writer.checkBody(body);
    return this.writer.checkStatus(status);
  }

  deliver(answer: Answer, exchange: ErrorExchange, eventId: string | undefined): void {
    const response = responseOf(exchange);
    if (answer.kind !== 'written') this.writer.setHeaders(response, answer.headers);
    this.exposeEventId(response, eventId);
    if (answer.kind === 'response') return this.writer.send(response, answer.body, answer.status);
    // A returned HttpException is answered as Nest answers it (SPEC section 4).
    if (answer.kind === 'exception') return this.renderer.render(describeDefaultResponse(answer.exception), answer.exception, exchange);
  }

  defaultAnswer(error: unknown, exchange: ErrorExchange): DefaultAnswer {
    const answer = this.defaultResponse(error);
    return {
      status: answer.status,
      deliver: (eventId) => {
        const response = responseOf(exchange);
        if (this.writer.headersSent(response)) return this.writer.end(response);
        // A handler that returned nothing still sets its @Header()s.
        if (exchange.handler) this.writer.setHeaders(response, exchange.handler.headers);
        this.exposeEventId(response, eventId);
        this.renderer.render(answer, error, exchange);
      },
    };
  }

  statusAfterAppFilter(exchange: ErrorExchange, fallback: number): number {
    return this.writer.headersSent(responseOf(exchange)) ? statusWritten(exchange, fallback) : fallback;
  }

  lastResort(exchange: ErrorExchange, eventId: string | undefined): void {
    this.writer.lastResort(responseOf(exchange), eventId, EVENT_ID_HEADER);
  }

  later(reply: Promise<unknown>): unknown {
    return reply;
  }

  facts(exchange: ErrorExchange): ErrorContextFacts {
    const request = readOr(() => readRequest(exchange.host.getArgByIndex(0)), undefined);
    const endpoint = exchange.scope.endpoint;
    const routeHandler =
      request?.routePattern && endpoint ? this.routes.nameFor(exchange.scope.origin.module, endpoint.name, request.method, request.routePattern) : undefined;
    const tags: Record<string, string> = {};
    if (request) tags['http.method'] = request.method;
    if (request?.routePattern) tags['http.route'] = request.routePattern;
    if (routeHandler) tags['nest.route_handler'] = routeHandler;
    const transaction = request?.routePattern ? `${request.method} ${request.routePattern}` : undefined;
    return { tags, request, transaction };
  }

  where(exchange: ErrorExchange): string | undefined {
    return describeRequestLine(exchange.host.getArgByIndex(0));
  }

  site(exchange: ErrorExchange): { location?: string; variant?: string } {
    const request = exchange.host.getArgByIndex(0) as PlatformRequest | undefined;
    const none: { location?: string; variant?: string } = {};
    return readOr(() => ({ location: request && routePatternOf(request), variant: typeof request?.method === 'string' ? request.method : undefined }), none);
  }

  /**
   * Whether the request belongs to this app: Express responses know their
   * app (`res.app`), Fastify replies their instance (`reply.server`, which in
   * an encapsulated context inherits from the root instance).
   */
  owns(host: ArgumentsHost): boolean {
    const response = host.getArgByIndex(1) as { app?: object; server?: object } | undefined;
    const instance = this.httpAdapter.getInstance();
    for (let candidate = response?.app ?? response?.server, depth = 0; candidate && depth < 32; candidate = Object.getPrototypeOf(candidate), depth++) {
      if (candidate === instance) return true;
    }
    return false;
  }

  /** Nest's default answer; an exception whose status or body cannot be sent gets the built-in 500. */
  private defaultResponse(error: unknown): DefaultResponse {
    const answer = describeDefaultResponse(toErrorSubject(error).error);
    try {
      this.writer.checkStatus(answer.status);
      this.writer.checkBody(answer.body);
      return answer;
    } catch {
      return INTERNAL_ERROR_RESPONSE;
    }
  }

  /** Like Sentry's own Express handler: a header for the client, `res.sentry` for the app. */
  private exposeEventId(response: unknown, eventId: string | undefined): void {
    if (!eventId) return;
    try {
      if (!this.writer.headersSent(response)) this.writer.setHeader(response, EVENT_ID_HEADER, eventId);
      (response as { sentry?: string }).sentry = eventId;
    } catch {
      // A frozen or exotic response object: the event id stays in the log line.
    }
  }
}

function responseOf(exchange: ErrorExchange): unknown {
  return exchange.host.getArgByIndex(1);
}

/** The status a response was written with (Express `res.statusCode`, Fastify `reply.statusCode`). */
function statusWritten(exchange: ErrorExchange, fallback: number): number {
  return readOr(() => Number((responseOf(exchange) as { statusCode?: unknown }).statusCode) || fallback, fallback);
}
