import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PLATFORMS } from '../../helpers/platforms.js';
import { GRAPHQL_SECRET } from './fixtures/parity.resolvers.js';
import { CapturingLogger, RecordingReporter } from './fixtures/recording.js';
import { AuditHandlers, ReportingResolver } from './fixtures/reporting.app.js';
import { defineParityResolvers } from './fixtures/parity.resolvers.js';
import { errorAt, startGraphqlApp, type RunningGraphqlApp } from './graphql-client.js';

/**
 * SPEC sections 6 and 10 for GraphQL: the outcome's status decides what is
 * reported and logged; reports carry the operation, the field and the HTTP
 * request behind them (unscrubbed here: the reporter scrubs), and the event
 * id reaches the client as `extensions.eventId`.
 */
describe.each(PLATFORMS)('GraphQL reporting and logging (%s)', (platform) => {
  let app: RunningGraphqlApp;
  const moduleLogger = new CapturingLogger();
  const nestLogger = new CapturingLogger();
  const reports = RecordingReporter.reports;
  const fail = (kind: string) =>
    app.query('query GetInvoice($kind: String!) { ok: __typename fail(kind: $kind) }', { kind }, 'GetInvoice');

  beforeAll(async () => {
    app = await startGraphqlApp(
      platform,
      {
        providers: [ReportingResolver, AuditHandlers],
        errorHandlers: { reporter: RecordingReporter, logger: moduleLogger },
        fieldResolverEnhancers: ['filters'],
      },
      nestLogger,
    );
  });
  afterAll(() => app?.close());
  afterEach(() => {
    reports.length = 0;
    moduleLogger.lines.length = 0;
    nestLogger.lines.length = 0;
  });

  it('an unhandled internal error: reported as a 500 with the operation, the field and the request; its id in extensions', async () => {
    const response = await app.query('query GetInvoice($kind: String!) { fail(kind: $kind) }', { kind: 'plain' }, 'GetInvoice');
    expect(reports).toHaveLength(1);
    const [report] = reports;
    expect((report.error as Error).message).toBe(GRAPHQL_SECRET);
    expect(report.context).toMatchObject({ status: 500, kind: 'graphql', controller: 'ReportingResolver' });
    expect(report.facts).toMatchObject({
      tags: { 'graphql.operation_type': 'query', 'graphql.operation_name': 'GetInvoice', 'graphql.field': 'Query.fail' },
      contexts: { graphql: { operation_type: 'query', operation_name: 'GetInvoice', field: 'Query.fail', path: 'fail' } },
      transaction: 'query GetInvoice',
      request: { method: 'POST', query: [] },
    });
    expect(Object.keys(report.facts!.tags).some((tag) => tag.startsWith('http.'))).toBe(false);
    expect(report.facts!.request!.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
    expect(errorAt(response, 'fail')?.extensions).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', eventId: report.id });
  });

  it('the request behind the operation is given unscrubbed, for the reporter to scrub', async () => {
    await app.query('{ fail(kind: "plain") }').set('authorization', 'Bearer s3cret').set('x-request-id', 'r-1');
    expect(reports[0].facts?.request?.headers).toMatchObject({ authorization: 'Bearer s3cret', 'x-request-id': 'r-1' });
    expect(reports[0].facts?.transaction).toBe('query');
  });

  it('a 5xx is logged once, at error level, with the operation, the path and the event id; Nest logs nothing of its own', async () => {
    await fail('plain');
    const errors = moduleLogger.at('error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBe(`500 query GetInvoice (fail) Error: ${GRAPHQL_SECRET} [event ${reports[0].id}]`);
    expect(nestLogger.lines.filter((line) => line.level === 'error')).toEqual([]);
  });

  it('a resolver\'s 404 is neither reported nor logged', async () => {
    const response = await fail('not-found');
    expect(errorAt(response, 'fail')?.message).toBe('No profile 7');
    expect(errorAt(response, 'fail')?.extensions?.eventId).toBeUndefined();
    expect(reports).toEqual([]);
    expect(moduleLogger.lines).toEqual([]);
    expect(nestLogger.lines.filter((line) => line.level === 'error')).toEqual([]);
  });

  it('a GraphQLError thrown on purpose is the resolver\'s answer: passed on, not reported, not logged', async () => {
    for (const kind of ['graphql-error', 'graphql-error-bare']) {
      const response = await fail(kind);
      expect(errorAt(response, 'fail')?.extensions?.eventId).toBeUndefined();
    }
    expect(reports).toEqual([]);
    expect(moduleLogger.lines).toEqual([]);
  });

  it('a GraphQLError coded INTERNAL_SERVER_ERROR is passed on as it is, and reported and logged as a 500', async () => {
    const response = await fail('graphql-error-500');
    expect(reports.map((report) => report.context.status)).toEqual([500]);
    expect(errorAt(response, 'fail')).toMatchObject({ message: 'Ledger unavailable', extensions: { code: 'INTERNAL_SERVER_ERROR', eventId: reports[0].id } });
    expect(moduleLogger.at('error')).toHaveLength(1);
  });

  it('an HttpException keeps its status: a 502 is reported as a 502 and passed on as Nest would', async () => {
    const response = await fail('http-500');
    expect(reports.map((report) => report.context.status)).toEqual([502]);
    expect(errorAt(response, 'fail')).toMatchObject({ message: 'Upstream broke', extensions: { eventId: reports[0].id } });
    expect(moduleLogger.at('error')[0]).toMatch(/^502 query GetInvoice \(fail\) /);
  });

  it('a handler with `report: true` has its 4xx reported, with the id in extensions', async () => {
    const response = await fail('audited');
    expect(reports.map((report) => [report.context.status, report.context.handler])).toEqual([[404, 'AuditHandlers.audited']]);
    expect(errorAt(response, 'fail')).toMatchObject({ message: 'No such invoice', extensions: { code: 'NOT_FOUND', status: 404, eventId: reports[0].id } });
  });

  it('a mutation and a field of a list: the operation type and the path with its index', async () => {
    await app.query('mutation Rename { rename(name: "x") }');
    await app.query('query Everyone { profiles { id secret } }');
    expect(reports.map((report) => report.facts?.transaction)).toEqual(['mutation Rename', 'query Everyone', 'query Everyone']);
    expect(reports.map((report) => report.facts?.contexts?.graphql.path)).toEqual(['rename', 'profiles.0.secret', 'profiles.1.secret']);
    expect(reports[1].facts?.tags['graphql.field']).toBe('Profile.secret');
  });

  it('nothing is lost: every failing field of an operation is answered; each 5xx reported once and logged once', async () => {
    const response = await app.query(
      '{ a: fail(kind: "plain") b: fail(kind: "not-found") c: fail(kind: "type-error") d: fail(kind: "http-500") e: fail(kind: "graphql-error") profiles { secret } }',
    );
    const paths = (response.body.errors as Array<{ path: Array<string | number> }>).map((error) => error.path.join('.')).sort();
    expect(paths).toEqual(['a', 'b', 'c', 'd', 'e', 'profiles.0.secret', 'profiles.1.secret']);
    expect(response.body.data).toEqual({ a: null, b: null, c: null, d: null, e: null, profiles: [{ secret: null }, { secret: null }] });
    expect(reports.map((report) => report.context.status).sort()).toEqual([500, 500, 500, 500, 502]);
    expect(new Set(reports.map((report) => report.id)).size).toBe(5);
    expect(moduleLogger.at('error')).toHaveLength(5);
    for (const report of reports) {
      const path = report.facts?.contexts?.graphql.path as string;
      expect(errorAt(response, path)?.extensions?.eventId).toBe(report.id);
    }
  });
});

describe.each(PLATFORMS)('GraphQL without the module, for contrast (%s)', (platform) => {
  it('Nest\'s own filter logs an internal error at error level (and no HttpException): the module logs in its place, once', async () => {
    const nestLogger = new CapturingLogger();
    const app = await startGraphqlApp(platform, { providers: defineParityResolvers() }, nestLogger);
    try {
      await app.query('{ a: fail(kind: "not-found") b: fail(kind: "plain") }');
      expect(nestLogger.lines.filter((line) => line.level === 'error').map((line) => [line.message, line.context])).toEqual([
        [`Error: ${GRAPHQL_SECRET}`, 'ExceptionsHandler'],
      ]);
    } finally {
      await app.close();
    }
  });
});
