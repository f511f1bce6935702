import type { Event, RequestEventData } from '@sentry/node';
import type { ReportedRequest } from '../error-reporter.js';
import { parseCookieHeader, scrubHeaders, scrubPairs, scrubQueryText, scrubValue, type ScrubRules } from './scrub.js';
import { scrubEventTexts } from './scrub-event.js';

/** What the module knows about one reported error, gathered when it is reported. */
export interface EventFacts {
  status: number;
  /** The context kind (`http`, `graphql`, `rpc`, `ws`, `schedule`…): it names the status tag. Default `http`. */
  kind?: string;
  module?: string;
  controller?: string;
  /** The `@ErrorHandler` (or registered function) that answered, if one did. */
  errorHandler?: string;
  request?: ReportedRequest;
  /** The context's own tags (`graphql.operation_type`…). */
  tags?: Record<string, string>;
  /** The context's structured data, one entry per event context. */
  contexts?: Record<string, Record<string, unknown>>;
  transaction?: string;
}

/** The module's additions to a Sentry event: computed at report time, applied when the SDK builds the event. */
export interface EventDetails {
  request?: RequestEventData;
  tags: Record<string, string>;
  user?: { id: string };
  transaction?: string;
  contexts?: Record<string, Record<string, unknown>>;
}

/** SPEC section 6: `contexts.occurrences.count` is what the event stands for. */
export interface OccurrencesContext {
  count: number;
  /** A storm-control summary: the count is of counted occurrences only. */
  summary?: true;
  /** Of `count`, occurrences whose own events Sentry never received (dropped on the way), carried here. */
  carried?: number;
}

export function describeEvent(facts: EventFacts, rules: ScrubRules): EventDetails {
  const { request } = facts;
  const kind = facts.kind ?? 'http';
  const tags = definedOnly({
    ...scrubTags(facts.tags, rules),
    // HTTP keeps Sentry's own name for the status; elsewhere the status is the module's equivalent, not an HTTP one.
    [kind === 'http' ? 'http.status_code' : 'nest.status']: String(facts.status),
    'http.method': request?.method,
    'http.route': request?.routePattern,
    'nest.context': kind,
    'nest.module': facts.module,
    'nest.controller': facts.controller,
    'nest.error_handler': facts.errorHandler,
  });
  const transaction = facts.transaction ?? (request?.routePattern ? `${request.method} ${request.routePattern}` : undefined);
  const contexts = facts.contexts && (scrubValue(facts.contexts, rules) as EventDetails['contexts']);
  return definedOnly({
    request: request && describeRequest(request, rules),
    tags,
    user: request && userOf(request.user),
    transaction: transaction && scrubQueryText(transaction, rules),
    contexts,
  }) as EventDetails;
}

/**
 * Applied after every integration has run (it is a scope processor), so the
 * scrubbed request replaces whatever an integration of an app-initialised
 * client put there, and the texts of the whole event are scrubbed last: the
 * rules hold whoever built the data.
 */
export function applyEventDetails(event: Event, details: EventDetails | undefined, rules: ScrubRules, occurrences: OccurrencesContext): Event {
  if (details?.request) event.request = details.request;
  if (details) event.tags = { ...event.tags, ...details.tags };
  if (details?.user) event.user = { ...event.user, ...details.user };
  if (details?.transaction && !event.transaction) event.transaction = details.transaction;
  event.contexts = { ...event.contexts, ...details?.contexts, occurrences: { ...occurrences } };
  scrubEventTexts(event, rules);
  return event;
}

function describeRequest(request: ReportedRequest, rules: ScrubRules): RequestEventData {
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

function scrubTags(tags: Record<string, string> | undefined, rules: ScrubRules): Record<string, string> {
  return tags ? (scrubValue(tags, rules) as Record<string, string>) : {};
}

function definedOnly<T extends Record<string, unknown>>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter((entry) => entry[1] !== undefined)) as T;
}
