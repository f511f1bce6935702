import type { Response } from 'supertest';
import { ErrorHandlerRegistry, ErrorReporter } from 'nestjs-error-handlers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PARITY_SECRET,
  ParityBareAppModule,
  ParityBareSharedControllerAppModule,
  ParityWithModuleAppModule,
} from './fixtures/parity.app.js';
import { NEST_MAJOR } from './helpers/nest-version.js';
import { PLATFORMS, startApp, type PlatformName, type RunningApp } from './helpers/platforms.js';

/**
 * SPEC section 5: without handlers, `ErrorHandlersModule.forRoot()` is a
 * drop-in — every failing request is answered exactly as Nest's own
 * BaseExceptionFilter answers it. Each case is sent to an app with the module
 * and to a bare Nest app on the same platform, and the two answers must be
 * byte-identical. Each case also pins the status Nest is expected to give, so
 * that a broken route (e.g. a 404 in both apps) cannot pass as "identical".
 */

const INTERNAL_ERROR = { statusCode: 500, message: 'Internal server error' };

interface ParityCase {
  name: string;
  method: 'get' | 'post';
  path: string;
  /** Raw request body and its content type, for the body-parsing cases. */
  send?: { contentType: string; payload: string };
  /** The status Nest itself gives (per platform where Express and Fastify differ). */
  status: number | Record<PlatformName, number>;
  /** The body Nest itself gives, where it does not depend on the platform. */
  body?: unknown;
}

const CASES: ParityCase[] = [
  { name: 'NotFoundException()', method: 'get', path: '/parity/not-found', status: 404, body: { message: 'Not Found', statusCode: 404 } },
  {
    name: "BadRequestException('msg')",
    method: 'get',
    path: '/parity/bad-request-message',
    status: 400,
    body: { message: 'msg', error: 'Bad Request', statusCode: 400 },
  },
  {
    name: "BadRequestException(['a', 'b'])",
    method: 'get',
    path: '/parity/bad-request-array',
    status: 400,
    body: { message: ['a', 'b'], error: 'Bad Request', statusCode: 400 },
  },
  { name: "HttpException('str', 418)", method: 'get', path: '/parity/http-string', status: 418, body: { statusCode: 418, message: 'str' } },
  { name: 'HttpException({ custom }, 409)', method: 'get', path: '/parity/http-object', status: 409, body: { custom: 'obj' } },
  {
    name: 'ForbiddenException with a description',
    method: 'get',
    path: '/parity/forbidden-description',
    status: 403,
    body: { message: 'no entry', error: 'Members only', statusCode: 403 },
  },
  {
    name: 'ForbiddenException with options (description and cause)',
    method: 'get',
    path: '/parity/forbidden-options',
    status: 403,
    body: { message: 'no entry', error: 'Members only', statusCode: 403 },
  },
  // `errorCode` is new in Nest 12; Nest 11 ignores the option and builds the body without it.
  // Nest 11 also leaves `error` undefined (so out of the JSON) when the options carry no
  // description, where Nest 12 falls back to the status text.
  {
    name: 'HttpException with an errorCode',
    method: 'get',
    path: '/parity/http-error-code',
    status: 422,
    body: { statusCode: 422, message: 'coded', ...(NEST_MAJOR >= 12 && { errorCode: 'E_CODED' }) },
  },
  {
    name: 'ForbiddenException with an errorCode',
    method: 'get',
    path: '/parity/forbidden-error-code',
    status: 403,
    body:
      NEST_MAJOR >= 12
        ? { message: 'coded', error: 'Forbidden', statusCode: 403, errorCode: 'E_FORBIDDEN' }
        : { message: 'coded', statusCode: 403 },
  },
  NEST_MAJOR >= 12
    ? {
        // Nest 12 sends the status's standard message, never the Error's own.
        name: 'HttpException with an Error as response',
        method: 'get',
        path: '/parity/http-error-response',
        status: 503,
        body: { statusCode: 503, message: 'Service Unavailable' },
      }
    : {
        // Nest 11's FastifyAdapter.reply() hands the Error body to Fastify's
        // reply.send(), which takes it for a thrown error: Nest answers 500
        // (its Express adapter already sent 503 with the status text).
        name: 'HttpException with an Error as response',
        method: 'get',
        path: '/parity/http-error-response',
        status: { express: 503, fastify: 500 },
      },
  { name: 'a plain Error', method: 'get', path: '/parity/plain-error', status: 500, body: INTERNAL_ERROR },
  { name: 'a TypeError', method: 'get', path: '/parity/type-error', status: 500, body: INTERNAL_ERROR },
  { name: 'a thrown string', method: 'get', path: '/parity/string', status: 500, body: INTERNAL_ERROR },
  { name: 'an async route rejecting', method: 'get', path: '/parity/async-error', status: 500, body: INTERNAL_ERROR },
  {
    name: 'an http-errors error with expose: true',
    method: 'get',
    path: '/parity/http-errors-exposed',
    status: 418,
    body: { statusCode: 418, message: 'short and stout' },
  },
  {
    name: 'an http-errors error with expose: false',
    method: 'get',
    path: '/parity/http-errors-hidden',
    status: 503,
    body: { statusCode: 503, message: 'Service Unavailable' },
  },
  {
    name: 'a thrown http-error-shaped plain object',
    method: 'get',
    path: '/parity/http-error-shaped-object',
    status: 429,
    body: { statusCode: 429, message: 'slow down' },
  },
  {
    name: 'a guard refusing',
    method: 'get',
    path: '/parity/guarded',
    status: 403,
    body: { message: 'Forbidden resource', error: 'Forbidden', statusCode: 403 },
  },
  {
    name: 'a pipe rejecting a parameter',
    method: 'get',
    path: '/parity/items/abc',
    status: 400,
    body: { message: 'Validation failed (numeric string is expected)', error: 'Bad Request', statusCode: 400 },
  },
  {
    name: 'an unknown route',
    method: 'get',
    path: '/parity/no-such-route',
    status: 404,
    body: { message: 'Cannot GET /parity/no-such-route', error: 'Not Found', statusCode: 404 },
  },
  {
    name: 'an unknown route (POST)',
    method: 'post',
    path: '/no-such-prefix/anything',
    status: 404,
    body: { message: 'Cannot POST /no-such-prefix/anything', error: 'Not Found', statusCode: 404 },
  },
  {
    name: 'a malformed JSON body',
    method: 'post',
    path: '/parity/echo',
    send: { contentType: 'application/json', payload: '{"broken": ' },
    status: 400,
  },
  {
    // Express leaves an unknown media type unparsed; Fastify refuses it.
    name: 'an unsupported content type',
    method: 'post',
    path: '/parity/echo',
    send: { contentType: 'application/x-parity-unknown', payload: 'opaque' },
    status: { express: 201, fastify: 415 },
  },
  {
    // Above both platforms' default body limits (Express 100 kB, Fastify 1 MB).
    name: 'a payload too large',
    method: 'post',
    path: '/parity/echo',
    send: { contentType: 'application/json', payload: JSON.stringify({ filler: 'x'.repeat(2 * 1024 * 1024) }) },
    status: 413,
  },
  // A control: success answers must be the same too.
  { name: 'a successful request', method: 'get', path: '/parity/ok', status: 200, body: { ok: true } },
];

/** What a client can observe of a response that parity is about. */
function observable(res: Response) {
  return { status: res.status, contentType: res.headers['content-type'], text: res.text };
}

function send(running: RunningApp, testCase: ParityCase): Promise<Response> {
  const req = running.http()[testCase.method](testCase.path).timeout(5000);
  if (!testCase.send) return req;
  return req.set('Content-Type', testCase.send.contentType).send(testCase.send.payload);
}

describe.each(PLATFORMS)('default responses are identical to Nest (%s)', (platform) => {
  let withModule: RunningApp;
  let bare: RunningApp;
  let bareSharingController: RunningApp;
  // Records what the module reports, to prove its filter is on the failing path.
  const reported: unknown[] = [];
  const recordingReporter: ErrorReporter = {
    captureException: (error) => {
      reported.push(error);
      return undefined;
    },
  };

  beforeAll(async () => {
    // Order matters: the module app must bind its filter to the shared controller class first.
    withModule = await startApp(platform, ParityWithModuleAppModule, (builder) =>
      builder.overrideProvider(ErrorReporter).useValue(recordingReporter),
    );
    bare = await startApp(platform, ParityBareAppModule);
    bareSharingController = await startApp(platform, ParityBareSharedControllerAppModule);
  });
  afterAll(async () => {
    await Promise.all([withModule?.close(), bare?.close(), bareSharingController?.close()]);
  });

  it('the module app really runs the module (the comparison is not bare against bare)', async () => {
    expect(withModule.app.get(ErrorHandlerRegistry)).toBeInstanceOf(ErrorHandlerRegistry);
    expect(() => bare.app.get(ErrorHandlerRegistry)).toThrow();
    reported.length = 0;
    const res = await withModule.http().get('/parity/plain-error').timeout(5000);
    expect(res.status).toBe(500);
    expect(reported).toHaveLength(1);
    expect((reported[0] as Error).message).toBe(PARITY_SECRET);
  });

  const expectedStatus = (testCase: ParityCase) => (typeof testCase.status === 'number' ? testCase.status : testCase.status[platform]);

  it.each(CASES)('with forRoot() and no handlers: $name', async (testCase) => {
    const reference = await send(bare, testCase);
    const ours = await send(withModule, testCase);

    // The reference itself is what the case says it is (guards against a broken fixture).
    expect(reference.status).toBe(expectedStatus(testCase));
    if (testCase.body !== undefined) expect(reference.body).toEqual(testCase.body);
    // Platform-worded errors (body parsers): at least the body carries the status.
    else if (reference.status >= 400) expect(reference.body).toMatchObject({ statusCode: reference.status });

    expect(observable(ours)).toEqual(observable(reference));
    expect(ours.text).not.toContain(PARITY_SECRET);
  });

  it.each(CASES)('bare app mounting a controller class the module bound: $name', async (testCase) => {
    const reference = await send(bare, testCase);
    const sharing = await send(bareSharingController, testCase);

    expect(reference.status).toBe(expectedStatus(testCase));
    expect(observable(sharing)).toEqual(observable(reference));
  });
});
