import type { ReportedRequest } from '../../reporting/error-reporter.js';

/**
 * What an event says about the failing request, read the same way from an
 * Express request and a Fastify request. Unscrubbed: the reporter decides
 * what leaves the process.
 */
export type RequestFacts = ReportedRequest;

/** Duck-typed view of an Express or Fastify request: only what is read here. */
export interface PlatformRequest {
  method?: unknown;
  originalUrl?: unknown;
  url?: unknown;
  protocol?: unknown;
  headers?: Record<string, unknown>;
  /** Express: the matched route. */
  route?: { path?: unknown };
  /** Fastify: the matched route's options. */
  routeOptions?: { url?: unknown };
  user?: unknown;
  raw?: { user?: unknown };
}

/** Reads the request of an HTTP arguments host; undefined for anything that is not one. */
export function readRequest(candidate: unknown): RequestFacts | undefined {
  if (!candidate || typeof candidate !== 'object') return undefined;
  const request = candidate as PlatformRequest;
  const headers = request.headers && typeof request.headers === 'object' ? request.headers : {};
  // Express rewrites `url` inside routers; `originalUrl` is what the client asked for.
  const target = stringOr(request.originalUrl, stringOr(request.url, '/'));
  // Concatenated, not resolved: a target like `//other.host/x` must stay a path of this host.
  const parsed = new URL(`${protocolOf(request)}://${hostOf(headers)}${target.startsWith('/') ? '' : '/'}${target}`);
  return {
    method: stringOr(request.method, 'GET').toUpperCase(),
    url: `${parsed.origin}${parsed.pathname}`,
    query: [...parsed.searchParams.entries()],
    headers,
    routePattern: routePatternOf(request),
    user: request.user ?? request.raw?.user,
  };
}

export function routePatternOf(request: PlatformRequest): string | undefined {
  const pattern = request.route?.path ?? request.routeOptions?.url;
  return typeof pattern === 'string' ? pattern : undefined;
}

function protocolOf(request: PlatformRequest): string {
  return request.protocol === 'https' ? 'https' : 'http';
}

function hostOf(headers: Record<string, unknown>): string {
  const host = headers.host;
  // A Host header that is not a plain host[:port] would make URL parsing throw or lie.
  return typeof host === 'string' && /^[\w.\-:[\]]+$/.test(host) ? host : 'localhost';
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' && value.length > 0 ? value : fallback;
}

/** `GET /orders/1`: method and path, never the query string (it may hold secrets). Never throws. */
export function describeRequestLine(candidate: unknown): string | undefined {
  try {
    const request = candidate as PlatformRequest | undefined;
    if (!request || typeof request !== 'object') return undefined;
    const target = stringOr(request.originalUrl, stringOr(request.url, ''));
    const path = target.split('?', 1)[0].slice(0, 200);
    return `${stringOr(request.method, 'GET').toUpperCase().slice(0, 16)} ${path || '/'}`;
  } catch {
    return undefined;
  }
}
