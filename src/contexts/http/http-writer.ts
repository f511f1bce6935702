import { validateHeaderName, validateHeaderValue } from 'node:http';
import type { HttpServer } from '@nestjs/common';
import { INTERNAL_ERROR_RESPONSE } from '../../core/default-response.js';
import { invalidAnswerHeaderMessage, invalidAnswerStatusMessage, unserialisableBodyMessage } from './http.messages.js';
import type { HandlerHeader } from '../../core/handler-entry.js';

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
const INTERNAL_ERROR_JSON = JSON.stringify(INTERNAL_ERROR_RESPONSE.body);

/** An answer the platform would refuse (SPEC section 4: the handler's failure). */
export class UndeliverableAnswer extends Error {
  override readonly name = 'UndeliverableAnswer';
}

/**
 * Writes error responses through Nest's HTTP adapter, Express or Fastify
 * alike. What a platform would refuse while writing (a status out of range,
 * a header with CR/LF, a body that cannot be serialised) is refused here
 * first, before anything reaches the response: Fastify keeps a bad header
 * on the reply and fails on every later write, and its own error for a bad
 * status carries an internal message (issue 9).
 */
export class HttpWriter {
  constructor(private readonly adapter: HttpServer) {}

  /**
   * Also true when headers went out through Fastify's raw response: Nest 11's
   * Fastify adapter looks only at `reply.sent`, which a handler writing to
   * `reply.raw` does not set.
   */
  headersSent(response: unknown): boolean {
    if (this.adapter.isHeadersSent(response)) return true;
    const raw = (response as { raw?: { headersSent?: unknown } } | undefined)?.raw;
    return raw?.headersSent === true;
  }

  /** Throws `UndeliverableAnswer` unless `status` is an integer from 200 to 599. */
  checkStatus(status: unknown): number {
    if (typeof status === 'number' && Number.isInteger(status) && status >= 200 && status <= 599) return status;
    throw new UndeliverableAnswer(invalidAnswerStatusMessage(status));
  }

  /** Throws `UndeliverableAnswer` for a header name or value Node would refuse to write. */
  checkHeaders(headers: readonly HandlerHeader[]): void {
    for (const { name, value } of headers) {
      try {
        validateHeaderName(name);
        validateHeaderValue(name, value);
        if (typeof value !== 'string' && typeof value !== 'number') throw new TypeError('not a string');
      } catch {
        throw new UndeliverableAnswer(invalidAnswerHeaderMessage(name));
      }
    }
  }

  setHeaders(response: unknown, headers: readonly HandlerHeader[]): void {
    for (const { name, value } of headers) this.adapter.setHeader(response, name, String(value));
  }

  setHeader(response: unknown, name: string, value: string): void {
    this.adapter.setHeader(response, name, value);
  }

  /**
   * Throws `UndeliverableAnswer` for a body that cannot be serialised as JSON
   * (a cycle, a BigInt, a throwing `toJSON` or getter): checked before anything
   * is written, since Fastify would answer its own 500 with the serialiser's message.
   */
  checkBody(body: unknown): void {
    if (!isJsonBody(body)) return;
    try {
      JSON.stringify(body);
    } catch (error) {
      throw new UndeliverableAnswer(unserialisableBodyMessage(error));
    }
  }

  /**
   * Sends a body (checked by `checkBody`) as a Nest controller's return value
   * is sent, through Nest's own `reply()`: objects as JSON, strings and other
   * values as they are. An object sent under a content type of its own
   * (`application/problem+json`) is sent serialised, as Nest 11's Express
   * adapter replaces a non-JSON content type of an error body.
   */
  send(response: unknown, body: unknown, status: number): void {
    const contentType = isJsonBody(body) ? headerOf(response, 'content-type') : undefined;
    if (typeof contentType === 'string' && !/^application\/json\b/i.test(contentType)) {
      const json = JSON.stringify(body);
      if (json !== undefined) return void this.adapter.reply(response, json, status);
    }
    this.adapter.reply(response, body, status);
  }

  end(response: unknown): void {
    this.adapter.end(response);
  }

  /**
   * The built-in 500, written on the platform's raw response when the
   * adapter cannot write any more (a reply left in a bad state), and the
   * connection destroyed when even that fails. Never throws.
   */
  lastResort(response: unknown, eventId: string | undefined, eventIdHeader: string): void {
    try {
      if (this.headersSent(response)) return this.end(response);
      if (eventId) this.adapter.setHeader(response, eventIdHeader, eventId);
      this.send(response, INTERNAL_ERROR_RESPONSE.body, 500);
    } catch {
      writeRaw(response, eventId, eventIdHeader);
    }
  }
}

/** What Nest's adapters send as JSON (an Error body gets the status's standard body there). */
function isJsonBody(body: unknown): body is object {
  if (typeof body !== 'object' || body === null || body instanceof Error || ArrayBuffer.isView(body)) return false;
  return typeof (body as { pipe?: unknown }).pipe !== 'function' && !isStreamableFile(body);
}

function isStreamableFile(body: object): boolean {
  return typeof (body as { getStream?: unknown }).getStream === 'function';
}

function headerOf(response: unknown, name: string): unknown {
  const reader = response as { getHeader?: (name: string) => unknown };
  return typeof reader.getHeader === 'function' ? reader.getHeader(name) : undefined;
}

function writeRaw(response: unknown, eventId: string | undefined, eventIdHeader: string): void {
  const raw = ((response as { raw?: unknown }).raw ?? response) as import('node:http').ServerResponse;
  try {
    if (raw.headersSent) return void raw.end();
    for (const name of raw.getHeaderNames()) raw.removeHeader(name);
    raw.writeHead(500, { 'content-type': JSON_CONTENT_TYPE, 'content-length': Buffer.byteLength(INTERNAL_ERROR_JSON), ...(eventId && { [eventIdHeader]: eventId }) });
    raw.end(INTERNAL_ERROR_JSON);
  } catch {
    try {
      raw.destroy();
    } catch {
      // Nothing more can be done for this exchange; the process must go on.
    }
  }
}
