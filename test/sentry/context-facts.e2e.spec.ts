import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SentryService, type ErrorContextFacts } from 'nestjs-error-handlers';
import { startApp, type RunningApp } from '../helpers/platforms.js';
import { SentryReceiver } from '../helpers/sentry-receiver.js';
import { sentryAppModule } from './fixtures/sentry.app.js';

/**
 * The contract between contexts and reporters (ErrorReportContext.kind and
 * facts): SentryService names the mechanism and the status tag for the
 * context, reads the facts once the answer is sent, and scrubs them as it
 * scrubs an HTTP request.
 */
describe('SentryService reads the context facts it is given', () => {
  let receiver: SentryReceiver;
  let running: RunningApp;
  let sentry: SentryService;

  beforeAll(async () => {
    receiver = await SentryReceiver.start();
    running = await startApp('fastify', sentryAppModule({ sentry: { dsn: receiver.dsn }, logger: false }));
    sentry = running.app.get(SentryService);
  });
  afterAll(async () => {
    await running?.close();
    await receiver?.close();
  });

  const graphqlFacts: ErrorContextFacts = {
    tags: { 'graphql.operation_type': 'query', 'graphql.operation_name': 'GetUser' },
    contexts: { graphql: { path: 'user.orders', variables: { id: '7', apiToken: 'tok-123' } } },
    request: {
      method: 'POST',
      url: 'http://api.example/graphql',
      query: [['access_token', 'tok-456']],
      headers: { host: 'api.example', authorization: 'Bearer tok-789', referer: 'http://app.example/?session=tok-000' },
      routePattern: '/graphql',
      user: { id: 'u-1', email: 'ada@example.com' },
    },
    transaction: 'query GetUser',
  };

  it('a GraphQL report: mechanism and status tag named for the context, facts read after the call returned, secrets scrubbed', async () => {
    let read = 0;
    const eventId = sentry.captureException(new Error('resolver failed'), {
      status: 500,
      kind: 'graphql',
      module: 'UsersModule',
      controller: 'UsersResolver',
      facts: () => {
        read += 1;
        return graphqlFacts;
      },
    });
    expect(read).toBe(0);
    const event = await receiver.waitForEvent((e) => e.event_id === eventId);
    expect(read).toBe(1);
    expect(event.exception?.values.at(-1)).toMatchObject({ value: 'resolver failed', mechanism: { type: 'auto.graphql.nestjs_error_handlers', handled: false } });
    expect(event.tags).toMatchObject({
      'nest.status': '500',
      'nest.context': 'graphql',
      'nest.controller': 'UsersResolver',
      'graphql.operation_type': 'query',
      'graphql.operation_name': 'GetUser',
    });
    expect(event.tags).not.toHaveProperty('http.status_code');
    expect(event.transaction).toBe('query GetUser');
    expect(event.contexts).toMatchObject({ graphql: { path: 'user.orders', variables: { id: '7', apiToken: '[Filtered]' } }, occurrences: { count: 1 } });
    expect(event.request).toMatchObject({ method: 'POST', url: 'http://api.example/graphql', query_string: [['access_token', '[Filtered]']] });
    expect(event.user).toEqual({ id: 'u-1' });
    expect(JSON.stringify(event)).not.toMatch(/tok-\d/);
  });

  it('without facts, an HTTP report keeps reading the request, and its mechanism and status tag stay HTTP', async () => {
    const res = await running.http().get('/orders/boom?page=2');
    const event = await receiver.waitForEventOf(res);
    expect(event.exception?.values.at(-1)).toMatchObject({ mechanism: { type: 'auto.http.nestjs_error_handlers' } });
    expect(event.tags).toMatchObject({ 'http.status_code': '500', 'nest.context': 'http', 'http.route': '/orders/boom' });
    expect(event.request?.query_string).toEqual([['page', '2']]);
  });

  it('a background job (no request): the status under nest.status, the mechanism named for the kind', async () => {
    const eventId = sentry.captureException(new Error('cron failed'), { status: 500, kind: 'schedule', facts: () => ({ tags: { 'schedule.name': 'nightly' } }) });
    const event = await receiver.waitForEvent((e) => e.event_id === eventId);
    expect(event.exception?.values.at(-1)).toMatchObject({ mechanism: { type: 'auto.schedule.nestjs_error_handlers' } });
    expect(event.tags).toMatchObject({ 'nest.status': '500', 'nest.context': 'schedule', 'schedule.name': 'nightly' });
    expect(event.request).toBeUndefined();
  });
});
