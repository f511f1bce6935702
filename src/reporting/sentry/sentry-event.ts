import type { Event, RequestEventData } from '@sentry/node';
import type { RequestFacts } from '../../contexts/http/request-facts.js';
import { parseCookieHeader, scrubHeaders, scrubPairs, type ScrubRules } from './scrub.js';

/** What the module knows about one reported error, gathered when it is reported. */
export interface EventFacts {
  status: number;
  /** `http`, `rpc`, `ws`, `graphql`… */
  contextType?: string;
  module?: string;
  controller?: string;
  /** `Controller.method` of the route that failed, when it could be told. */
  routeHandler?: string;
  /** The `@ErrorHandler` (or registered function) that answered, if one did. */
  errorHandler?: string;
  request?: RequestFacts;
}

/** The module's additions to a Sentry event: computed at report time, applied when the SDK builds the event. */
export interface EventDetails {
  request?: RequestEventData;
  tags: Record<string, string>;
  user?: { id: string };
  transaction?: string;
}

export function describeEvent(facts: EventFacts, rules: ScrubRules): EventDetails {
  const { request } = facts;
  const tags = definedOnly({
    'http.status_code': String(facts.status),
    'http.method': request?.method,
    'http.route': request?.routePattern,
    'nest.context': facts.contextType,
    'nest.module': facts.module,
    'nest.controller': facts.controller,
    'nest.route_handler': facts.routeHandler,
    'nest.error_handler': facts.errorHandler,
  });
  if (!request) return { tags };
  return {
    request: describeRequest(request, rules),
    tags,
    user: userOf(request.user),
    transaction: request.routePattern ? `${request.method} ${request.routePattern}` : undefined,
  };
}

/**
 * Applied after every integration has run (it is a scope processor), so the
 * scrubbed request replaces whatever an integration of an app-initialised
 * client put there: the scrubbing rules hold whoever built the request data.
 */
export function applyEventDetails(event: Event, details: EventDetails): Event {
  if (details.request) event.request = details.request;
  event.tags = { ...event.tags, ...details.tags };
  if (details.user) event.user = { ...event.user, ...details.user };
  if (details.transaction && !event.transaction) event.transaction = details.transaction;
  return event;
}

function describeRequest(request: RequestFacts, rules: ScrubRules): RequestEventData {
  const cookieHeader = request.headers.cookie;
  const cookies = typeof cookieHeader === 'string' ? scrubPairs(parseCookieHeader(cookieHeader), rules) : [];
  return {
    method: request.method,
    url: request.url,
    query_string: scrubPairs(request.query, rules),
    headers: scrubHeaders(request.headers, rules),
    cookies: Object.fromEntries(cookies),
  };
}

/** Only the id: names and e-mails of users are theirs, not the error tracker's. */
function userOf(user: unknown): { id: string } | undefined {
  if (!user || typeof user !== 'object') return undefined;
  const { id, sub } = user as { id?: unknown; sub?: unknown };
  const value = id ?? sub;
  return typeof value === 'string' || typeof value === 'number' ? { id: String(value) } : undefined;
}

function definedOnly(record: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
