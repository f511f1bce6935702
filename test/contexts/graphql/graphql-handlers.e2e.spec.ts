import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PLATFORMS } from '../../helpers/platforms.js';
import { AnswerHandlers, AnswersResolver, seenHosts } from './fixtures/handlers.app.js';
import { CapturingLogger, RecordingReporter } from './fixtures/recording.js';
import { errorAt, startGraphqlApp, type RunningGraphqlApp } from './graphql-client.js';

/**
 * SPEC section 10, GraphQL: a handler's answer becomes the failing field's
 * GraphQL error, and the rest of the query still resolves. Apollo adds
 * `extensions.code` to every error; Mercurius sends extensions only when the
 * error has some, so answers the module builds read the same on both.
 */
describe.each(PLATFORMS)('GraphQL handler answers (%s)', (platform) => {
  let app: RunningGraphqlApp;
  const logger = new CapturingLogger();
  const answer = (kind: string) => app.query('query Answer($kind: String!) { ok answer(kind: $kind) }', { kind });

  beforeAll(async () => {
    app = await startGraphqlApp(platform, {
      providers: [AnswersResolver, AnswerHandlers],
      errorHandlers: { reporter: RecordingReporter, logger },
      driverOptions: platform === 'express' ? { includeStacktraceInErrorResponses: false } : {},
    });
  });
  afterAll(() => app?.close());
  afterEach(() => {
    RecordingReporter.reports.length = 0;
    logger.lines.length = 0;
  });

  it('ErrorResponse: message from the body, its code, the status, the other fields; the rest of the query resolves', async () => {
    const response = await answer('gone');
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({ ok: 'fine', answer: null });
    expect(errorAt(response, 'answer')).toEqual({
      message: 'Profile is gone',
      locations: [{ line: 1, column: 35 }],
      path: ['answer'],
      extensions: { code: 'PROFILE_GONE', status: 410, profileId: 7 },
    });
  });

  it('the handler gets a GraphQL host', async () => {
    await answer('gone');
    expect(seenHosts[0]).toEqual({ type: 'graphql', kind: 'gone' });
  });

  it('ErrorResponse without a code: the code is derived from the status (404 → NOT_FOUND)', async () => {
    const response = await answer('not-found');
    expect(errorAt(response, 'answer')?.message).toBe('Nothing here');
    expect(errorAt(response, 'answer')?.extensions).toEqual({ code: 'NOT_FOUND', status: 404 });
  });

  it('a body whose message is not a string: the status text is the message, the body keeps its field', async () => {
    const response = await answer('many-problems');
    expect(errorAt(response, 'answer')?.message).toBe('Unprocessable Entity');
    expect(errorAt(response, 'answer')?.extensions).toEqual({ code: 'BAD_USER_INPUT', status: 422, message: ['name is empty', 'age is negative'] });
  });

  it('a string body is the message', async () => {
    const response = await answer('plain-text');
    expect(errorAt(response, 'answer')?.message).toBe('Just text');
    expect(errorAt(response, 'answer')?.extensions).toEqual({ code: 'BAD_REQUEST', status: 400 });
  });

  it('a plain value takes the status of @HttpCode()', async () => {
    const response = await answer('slow-down');
    expect(errorAt(response, 'answer')?.message).toBe('Slow down');
    expect(errorAt(response, 'answer')?.extensions).toEqual({ code: 'TOO_MANY_REQUESTS', status: 429, retryAfter: 30 });
  });

  it('a returned HttpException is rendered as Nest and the driver render it', async () => {
    const response = await answer('conflict');
    const expected =
      platform === 'express'
        ? { code: 'INTERNAL_SERVER_ERROR', status: 409, originalError: { message: 'Email taken', error: 'Conflict', statusCode: 409 } }
        : undefined;
    expect(errorAt(response, 'answer')?.message).toBe('Email taken');
    expect(errorAt(response, 'answer')?.extensions).toEqual(expected);
  });

  it('a returned GraphQLError is the field\'s error as it is', async () => {
    const response = await answer('locked');
    expect(errorAt(response, 'answer')?.message).toBe('Account locked');
    expect(errorAt(response, 'answer')?.extensions).toEqual({ code: 'ACCOUNT_LOCKED', until: '2030-01-01' });
    expect(RecordingReporter.reports).toEqual([]);
  });

  it('an async handler\'s 503: the field\'s error carries the event id of its report', async () => {
    const response = await answer('ledger-offline');
    expect(response.body.data).toEqual({ ok: 'fine', answer: null });
    const [report] = RecordingReporter.reports;
    expect(RecordingReporter.reports).toHaveLength(1);
    expect(report.context.status).toBe(503);
    expect(errorAt(response, 'answer')).toMatchObject({
      message: 'Payments are unavailable, try again soon',
      extensions: { code: 'SERVICE_UNAVAILABLE', status: 503, eventId: report.id },
    });
  });

  it('a handler that returns nothing leaves the default answer (masked: the error is internal)', async () => {
    const response = await answer('unanswered');
    expect(errorAt(response, 'answer')?.message).toBe('Internal server error');
    expect(errorAt(response, 'answer')?.extensions).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', eventId: RecordingReporter.reports[0].id });
  });

  it('a handler that throws: both errors are reported and logged, the client gets the masked 500', async () => {
    const response = await answer('broken-handler');
    expect(response.body.data).toEqual({ ok: 'fine', answer: null });
    expect(errorAt(response, 'answer')?.message).toBe('Internal server error');
    expect(RecordingReporter.reports.map((report) => (report.error as Error).message).sort()).toEqual(['first', 'handler bug']);
    expect(logger.at('error').some((line) => line.includes('AnswerHandlers.broken failed') && line.includes('handler bug'))).toBe(true);
  });

  it('an answer whose status is not one: the handler\'s failure, then the default answer', async () => {
    const response = await answer('impossible-status');
    expect(errorAt(response, 'answer')?.message).toBe('Internal server error');
    expect(RecordingReporter.reports.map((report) => report.context.status)).toEqual([500, 500]);
    expect(logger.at('error').find((line) => line.includes('AnswerHandlers.impossible failed'))).toContain('1234');
  });

  it('several failing fields in one operation: each gets its own answer, the others resolve', async () => {
    const response = await app.query('{ ok a: answer(kind: "gone") b: answer(kind: "not-found") c: answer(kind: "bad-request") d: ok }');
    expect(response.body.data).toEqual({ ok: 'fine', a: null, b: null, c: null, d: 'fine' });
    expect(errorAt(response, 'a')?.extensions).toMatchObject({ code: 'PROFILE_GONE' });
    expect(errorAt(response, 'b')?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect(errorAt(response, 'c')?.message).toBe('not answered by any handler');
  });
});
