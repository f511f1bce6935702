import { describe, expect, it } from 'vitest';
import type { Event } from '@sentry/node';
import { readableOrStandIn, UnreadableThrownValue } from '../../src/reporting/sentry/readable-error.js';
import { readRequest } from '../../src/contexts/http/request-facts.js';
import { scrubRules } from '../../src/reporting/sentry/scrub.js';
import { applyEventDetails, describeEvent } from '../../src/reporting/sentry/sentry-event.js';

describe('reading the request', () => {
  it('reads an Express request: originalUrl, route path, user', () => {
    const facts = readRequest({
      method: 'post',
      url: '/inner?x=1',
      originalUrl: '/api/orders/7?x=1&x=2',
      protocol: 'https',
      headers: { host: 'shop.example:8443' },
      route: { path: '/api/orders/:id' },
      user: { id: 7 },
    });
    expect(facts).toEqual({
      method: 'POST',
      url: 'https://shop.example:8443/api/orders/7',
      query: [['x', '1'], ['x', '2']],
      headers: { host: 'shop.example:8443' },
      routePattern: '/api/orders/:id',
      user: { id: 7 },
    });
  });

  it('reads a Fastify request: url, routeOptions.url, user on the raw request', () => {
    const facts = readRequest({ method: 'GET', url: '/orders/7', headers: {}, routeOptions: { url: '/orders/:id' }, raw: { user: { sub: 'u' } } });
    expect(facts).toMatchObject({ url: 'http://localhost/orders/7', routePattern: '/orders/:id', user: { sub: 'u' } });
  });

  it('keeps a protocol-relative target on this host, and ignores a malformed Host header', () => {
    expect(readRequest({ url: '//evil.example/x', headers: { host: 'bad host/\\' } })?.url).toBe('http://localhost//evil.example/x');
  });

  it('has nothing to read from a non-object', () => {
    expect(readRequest(undefined)).toBeUndefined();
  });
});

describe('describing an event', () => {
  const rules = scrubRules();
  const request = readRequest({
    method: 'GET',
    originalUrl: '/orders/7?token=t&q=a',
    headers: { host: 'h', authorization: 'x', cookie: 'sid=s; theme=dark' },
    route: { path: '/orders/:id' },
    user: { id: 'u1', email: 'e@x' },
  });

  it('tags what is known and names the transaction after the route', () => {
    const details = describeEvent(
      { status: 503, kind: 'http', module: 'M', controller: 'C', errorHandler: 'H.handle', request, tags: { 'nest.route_handler': 'C.get' } },
      rules,
    );
    expect(details.tags).toEqual({
      'http.status_code': '503',
      'http.method': 'GET',
      'http.route': '/orders/:id',
      'nest.context': 'http',
      'nest.module': 'M',
      'nest.controller': 'C',
      'nest.route_handler': 'C.get',
      'nest.error_handler': 'H.handle',
    });
    expect(details.transaction).toBe('GET /orders/:id');
    expect(details.user).toEqual({ id: 'u1' });
    expect(details.request).toEqual({
      method: 'GET',
      url: 'http://h/orders/7',
      query_string: [['token', '[Filtered]'], ['q', 'a']],
      headers: { host: 'h' },
      cookies: { sid: '[Filtered]', theme: 'dark' },
    });
  });

  it('without a request (RPC, WebSocket) carries tags only, the status under a name that is not HTTP', () => {
    expect(describeEvent({ status: 500, kind: 'rpc', controller: 'C' }, rules)).toEqual({
      tags: { 'nest.status': '500', 'nest.context': 'rpc', 'nest.controller': 'C' },
    });
  });

  it("takes a context's facts: its tags, contexts and transaction, scrubbed", () => {
    const details = describeEvent(
      {
        status: 500,
        kind: 'graphql',
        tags: { 'graphql.operation_type': 'query' },
        contexts: { graphql: { path: 'user.orders', variables: { apiKey: 'k', q: 'x' } } },
        transaction: 'query GetUser',
      },
      rules,
    );
    expect(details).toEqual({
      tags: { 'graphql.operation_type': 'query', 'nest.status': '500', 'nest.context': 'graphql' },
      contexts: { graphql: { path: 'user.orders', variables: { apiKey: '[Filtered]', q: 'x' } } },
      transaction: 'query GetUser',
    });
  });

  it('applies over what integrations put on the event: the request is replaced, tags and user merged', () => {
    const event: Event = {
      request: { headers: { authorization: 'leaked' }, data: 'body' },
      tags: { existing: 'kept' },
      user: { ip_address: '1.2.3.4' },
      transaction: 'set by tracing',
    };
    const details = describeEvent({ status: 500, request }, rules);
    const applied = applyEventDetails(event, details, rules, { count: 1 });
    expect(applied.request).toEqual(details.request);
    expect(applied.tags).toMatchObject({ existing: 'kept', 'http.status_code': '500' });
    expect(applied.user).toEqual({ ip_address: '1.2.3.4', id: 'u1' });
    expect(applied.transaction).toBe('set by tracing');
  });
});

describe('values the SDK cannot read', () => {
  it('are replaced by a stand-in; everything else is reported as thrown', () => {
    const hostile = new Proxy({}, { get: () => { throw new Error('trap'); } });
    expect(readableOrStandIn(hostile)).toBeInstanceOf(UnreadableThrownValue);
    for (const value of ['text', null, undefined, 42, { plain: true }, new Error('fine')]) expect(readableOrStandIn(value)).toBe(value);
  });
});
