import { STATUS_CODES } from 'node:http';
import type { DefaultResponse } from '../core/default-response.js';

/** The reason phrase of a status ("Not Found"), with a class-level fallback for unregistered codes. */
export function reasonPhrase(status: number): string {
  return STATUS_CODES[status] ?? (status >= 500 ? 'Server Error' : 'Client Error');
}

/**
 * The message of Nest's default body when it is meant for the client: a 4xx
 * `HttpException`'s message (strings, or ValidationPipe's list). A 5xx gives
 * nothing: the problem+json and HTML formats never show a server error's
 * message outside debug mode, even one an `HttpException` carries.
 */
export function publicMessage({ status, body }: DefaultResponse): string | string[] | undefined {
  if (status >= 500 || typeof body !== 'object' || body === null) return undefined;
  const message = (body as { message?: unknown }).message;
  if (typeof message === 'string') return message;
  if (Array.isArray(message) && message.every((item) => typeof item === 'string')) return message;
  return undefined;
}
