import type { Event } from '@sentry/node';
import { scrubQueryText, type ScrubRules } from './scrub.js';

/**
 * Issue 9, item 6: the request's query string is not the only place a URL
 * shows in an event. Nest's 404 says `Cannot GET /x?token=…`, a Referer
 * header carries the previous page's query, breadcrumbs quote outgoing URLs.
 * Every text of the event that can hold one is scrubbed by the rules of
 * `query_string`. Runs on the finished event, after every integration.
 */
export function scrubEventTexts(event: Event, rules: ScrubRules): void {
  for (const exception of event.exception?.values ?? []) {
    if (typeof exception.value === 'string') exception.value = scrubQueryText(exception.value, rules);
  }
  if (typeof event.message === 'string') event.message = scrubQueryText(event.message, rules);
  if (event.logentry?.message) event.logentry.message = scrubQueryText(event.logentry.message, rules);
  if (typeof event.transaction === 'string') event.transaction = scrubQueryText(event.transaction, rules);
  scrubRequest(event.request, rules);
  for (const breadcrumb of event.breadcrumbs ?? []) {
    if (typeof breadcrumb.message === 'string') breadcrumb.message = scrubQueryText(breadcrumb.message, rules);
    const data = breadcrumb.data;
    if (!data) continue;
    for (const key of ['url', 'http.query', 'to', 'from']) {
      if (typeof data[key] === 'string') data[key] = scrubQueryText(data[key], rules);
    }
  }
}

function scrubRequest(request: Event['request'], rules: ScrubRules): void {
  if (!request) return;
  if (typeof request.url === 'string') request.url = scrubQueryText(request.url, rules);
  if (typeof request.query_string === 'string') request.query_string = scrubQueryText(`?${request.query_string}`, rules).slice(1);
  const headers = request.headers;
  if (!headers) return;
  for (const name of Object.keys(headers)) {
    const value = headers[name];
    if (typeof value === 'string') headers[name] = scrubQueryText(value, rules);
  }
}
