import { SentryService } from 'nestjs-error-handlers';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PLATFORMS } from '../../helpers/platforms.js';
import { SentryReceiver } from '../../helpers/sentry-receiver.js';
import { GRAPHQL_SECRET } from './fixtures/parity.resolvers.js';
import { ReportingResolver } from './fixtures/reporting.app.js';
import { errorAt, startGraphqlApp, type RunningGraphqlApp } from './graphql-client.js';

const AUTHORIZATION = 'Bearer graphql-s3cret';

/**
 * SPEC section 10 through the real @sentry/node and the Sentry stand-in:
 * a GraphQL error's event is named for GraphQL, carries the operation and
 * field, and the HTTP request behind the operation with its secrets
 * scrubbed; its id is the client's `extensions.eventId`.
 */
describe.each(PLATFORMS)('GraphQL events in Sentry (%s)', (platform) => {
  let receiver: SentryReceiver;
  let app: RunningGraphqlApp;

  beforeAll(async () => {
    receiver = await SentryReceiver.start();
    app = await startGraphqlApp(platform, { providers: [ReportingResolver], errorHandlers: { sentry: { dsn: receiver.dsn }, logger: false } });
  });
  afterAll(async () => {
    await app?.close();
    await receiver?.close();
  });
  beforeEach(() => receiver.clear());

  it('an internal error: mechanism, tags, contexts, transaction and the scrubbed request', async () => {
    const response = await app
      .query('query GetInvoice($kind: String!) { fail(kind: $kind) }', { kind: 'plain' }, 'GetInvoice')
      .set('authorization', AUTHORIZATION)
      .set('x-request-id', 'r-7');
    const eventId = errorAt(response, 'fail')?.extensions?.eventId;
    expect(eventId).toEqual(expect.any(String));
    const event = await receiver.waitForEvent((candidate) => candidate.event_id === eventId);
    expect(event.exception?.values.at(-1)).toMatchObject({ value: GRAPHQL_SECRET, mechanism: { type: 'auto.graphql.nestjs_error_handlers' } });
    expect(event.tags).toMatchObject({
      'graphql.operation_type': 'query',
      'graphql.operation_name': 'GetInvoice',
      'graphql.field': 'Query.fail',
      'nest.controller': 'ReportingResolver',
    });
    expect(event.tags?.['http.status_code']).toBeUndefined();
    expect(event.contexts).toMatchObject({ graphql: { operation_type: 'query', operation_name: 'GetInvoice', field: 'Query.fail', path: 'fail' } });
    expect(event.transaction).toBe('query GetInvoice');
    expect(event.request).toMatchObject({ method: 'POST', headers: { 'x-request-id': 'r-7' } });
    expect(event.request?.url).toMatch(/\/graphql$/);
    expect(JSON.stringify(event)).not.toContain(AUTHORIZATION);
  });

  it('a resolver\'s 404 sends no event', async () => {
    await app.query('{ fail(kind: "not-found") }');
    await app.query('{ fail(kind: "plain") }');
    await app.app.get(SentryService).flush(2000);
    const events = await receiver.waitForEvents(1);
    expect(events.map((event) => event.exception?.values.at(-1)?.value)).toEqual([GRAPHQL_SECRET]);
  });
});
