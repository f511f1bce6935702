import type { IncomingMessage } from 'node:http';
import accepts from 'accepts';

/**
 * JSON is listed first, so `*\/*` and a missing `Accept` go to API clients;
 * a page goes only to a client that ranks `text/html` above JSON (by `q=`
 * weight, or by order at equal weight, as a browser navigating does). A client
 * accepting neither gets JSON too: an error is no time for a 406.
 */
const OFFERED = ['application/json', 'text/html'];

export function prefersHtml(request: unknown): boolean {
  const headers = headersOf(request);
  if (!headers) return false;
  return accepts({ headers } as IncomingMessage).type(OFFERED) === 'text/html';
}

/** Express requests carry `headers`; Fastify's request too, and its raw request as a fallback. */
function headersOf(request: unknown): IncomingMessage['headers'] | undefined {
  const candidate = request as { headers?: unknown; raw?: { headers?: unknown } } | undefined;
  const headers = candidate?.headers ?? candidate?.raw?.headers;
  return typeof headers === 'object' && headers !== null ? (headers as IncomingMessage['headers']) : undefined;
}
