import type { HttpServer } from '@nestjs/common';
import type { DebugDetails } from '../../../debug/debug-details.js';
import type { ErrorDebugInfo } from '../../../debug/debug-info.interface.js';
import type { DebugView } from '../../../debug/debug-view.js';
import type { DefaultResponse } from '../../../core/default-response.js';
import type { ErrorExchange } from '../../error-exchange.js';
import type { HttpWriter } from '../http-writer.js';
import type { ErrorRenderer } from '../error-renderer.js';
import type { ErrorPageTemplate } from '../../../pages/error-page.interface.js';
import { toErrorPage } from './error-page.js';
import { prefersHtml } from './negotiation.js';
import { BUILT_IN_PAGE_POLICY } from '../../../pages/page-style.js';
import { PROBLEM_JSON, toProblemDetails } from './problem-details.js';

/** How default responses are written, as the module's options chose. */
export interface RenderingChoices {
  /** RFC 9457 problem details instead of Nest's body, for API clients. */
  problemJson: boolean;
  /** The HTML error page for browsers, if any. */
  errorPage?: ErrorPageTemplate;
  /** The error page is ours: the strict content security policy fits it. */
  builtInErrorPage: boolean;
  debug?: DebugView;
}

interface HtmlAnswer {
  markup: string;
  builtIn: boolean;
  debug: boolean;
}

/**
 * Writes default responses in the configured format, with debug details in
 * debug mode, and an HTML page to clients that prefer `text/html` when there
 * is one to give (see negotiation.ts). Only used when some option asks for
 * more than Nest's body; otherwise NestBodyRenderer writes it.
 */
export class NegotiatingRenderer implements ErrorRenderer {
  private readonly offersHtml: boolean;

  constructor(
    private readonly httpAdapter: HttpServer,
    private readonly writer: HttpWriter,
    private readonly choices: RenderingChoices,
  ) {
    this.offersHtml = Boolean(choices.errorPage || choices.debug?.hasPage);
  }

  render(answer: DefaultResponse, error: unknown, exchange: ErrorExchange): void {
    const request = exchange.host.getArgByIndex(0);
    const response = exchange.host.getArgByIndex(1);
    // Debug details are for errors no handler answered; a handler that returned an HttpException chose its answer.
    const details = exchange.handler ? undefined : this.choices.debug?.collect(error, request, exchange.scope.endpoint);
    if (this.offersHtml) {
      varyOnAccept(this.httpAdapter, response);
      const page = prefersHtml(request) ? this.htmlFor(answer, details) : undefined;
      if (page) return this.sendHtml(response, answer.status, page);
    }
    this.sendData(response, answer, details && this.choices.debug?.json(details));
  }

  private htmlFor(answer: DefaultResponse, details: DebugDetails | undefined): HtmlAnswer | undefined {
    try {
      const tracebackPage = details && this.choices.debug?.page(details, answer.status);
      if (tracebackPage) return { markup: tracebackPage, builtIn: true, debug: true };
      const template = this.choices.errorPage;
      if (template) return { markup: String(template(toErrorPage(answer))), builtIn: this.choices.builtInErrorPage, debug: false };
    } catch {
      // A template that throws must not turn a 404 into a 500: the client gets the JSON answer instead.
    }
    return undefined;
  }

  private sendHtml(response: unknown, status: number, page: HtmlAnswer): void {
    this.httpAdapter.setHeader(response, 'Content-Type', 'text/html; charset=utf-8');
    this.httpAdapter.setHeader(response, 'X-Content-Type-Options', 'nosniff');
    if (page.builtIn) this.httpAdapter.setHeader(response, 'Content-Security-Policy', BUILT_IN_PAGE_POLICY);
    if (page.debug) this.httpAdapter.setHeader(response, 'Cache-Control', 'no-store');
    this.writer.send(response, page.markup, status);
  }

  private sendData(response: unknown, answer: DefaultResponse, debug: ErrorDebugInfo | undefined): void {
    if (!this.choices.problemJson) return this.writer.send(response, withDebug(answer.body, debug), answer.status);
    this.httpAdapter.setHeader(response, 'Content-Type', PROBLEM_JSON);
    this.writer.send(response, { ...toProblemDetails(answer), ...(debug && { debug }) }, answer.status);
  }
}

/**
 * Nest's body keeps all its fields; `debug` is added beside them. Only to a
 * plain object that has no `debug` of its own: an app's own body shape (a
 * class with `toJSON`, an array) is never rewritten.
 */
function withDebug(body: unknown, debug: ErrorDebugInfo | undefined): unknown {
  if (!debug || typeof body !== 'object' || body === null || 'debug' in body) return body;
  const prototype = Object.getPrototypeOf(body);
  return prototype === Object.prototype || prototype === null ? { ...body, debug } : body;
}

/** The answer depends on `Accept`: caches must know. Appended, so a CORS `Vary: Origin` survives. */
function varyOnAccept(httpAdapter: HttpServer, response: unknown): void {
  const append = (httpAdapter as { appendHeader?: (response: unknown, name: string, value: string) => unknown }).appendHeader;
  if (typeof append === 'function') append.call(httpAdapter, response, 'Vary', 'Accept');
  else httpAdapter.setHeader(response, 'Vary', 'Accept');
}
