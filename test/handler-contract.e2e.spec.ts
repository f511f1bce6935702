import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractAppModule } from './fixtures/contract.app.js';
import { NEST_MAJOR } from './helpers/nest-version.js';
import { PLATFORMS, startApp, type RunningApp } from './helpers/platforms.js';

describe.each(PLATFORMS)('handler contract, SPEC section 4 (%s)', (platform) => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp(platform, ContractAppModule);
  });
  afterAll(() => running.close());

  it('ErrorResponse sets body, status and headers', async () => {
    const res = await running.http().get('/contract/error-response');
    expect(res.status).toBe(418);
    expect(res.headers['x-custom']).toBe('yes');
    expect(res.body).toEqual({ custom: true });
  });

  it('ErrorResponse headers may choose a JSON content type of their own for an object body', async () => {
    const res = await running.http().get('/contract/json-api');
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/vnd\.api\+json/);
    expect(JSON.parse(res.text)).toEqual({ errors: [{ status: '422' }] });
  });

  it('a returned HttpException renders as Nest would', async () => {
    const res = await running.http().get('/contract/http-exception');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ statusCode: 404, message: 'gone fishing', error: 'Not Found' });
  });

  it('a returned string is sent as text with @HttpCode() and @Header()', async () => {
    const res = await running.http().get('/contract/string');
    expect(res.status).toBe(409);
    expect(res.headers['x-handler']).toBe('string');
    expect(res.text).toBe('plain text');
  });

  it('a returned object is sent as JSON with the error status (500 for a non-HTTP error)', async () => {
    const res = await running.http().get('/contract/object');
    expect(res.status).toBe(500);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body).toEqual({ plain: 'object' });
  });

  it('a handler that writes the response itself is left alone', async () => {
    const res = await running.http().get('/contract/writes');
    expect(res.status).toBe(202);
    expect(res.headers['x-written']).toBe(platform);
    expect(res.text).toBe('written');
  });

  it('async handlers with injected services work', async () => {
    const res = await running.http().get('/contract/async');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ value: 'async' });
  });

  it('a handler throwing an HttpException gets that exception\'s response', async () => {
    const res = await running.http().get('/contract/throws-http');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ statusCode: 400, message: 'from handler', error: 'Bad Request' });
  });

  it('a handler throwing anything else takes the 500 path with its error as cause', async () => {
    const res = await running.http().get('/contract/throws-plain');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ handledBy: 'app-500', cause: 'handler bug' });
  });

  it('a handler that returns nothing and writes nothing leaves the default response', async () => {
    const res = await running.http().get('/contract/nothing');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ statusCode: 500, message: 'Internal server error' });
  });

  it('a createHttpException class is handled by its code', async () => {
    const res = await running.http().get('/contract/storage');
    expect(res.status).toBe(507);
    expect(res.body).toEqual({ storage: 'full', status: 507 });
  });

  it('errors without a handler keep Nest\'s default body', async () => {
    const res = await running.http().get('/contract/forbidden');
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ statusCode: 403, message: 'Forbidden' });
  });

  it.each(['guarded', 'intercepted', 'piped'])('errors from the controller\'s %s stage reach its handlers', async (route) => {
    const res = await running.http().get(`/contract/${route}?q=1`);
    expect(res.status).toBe(503);
    expect(res.body.handledBy).toBe('controller');
  });

  it('body-parser errors are 400s for the app-level 400 handler, with the platform error as cause', async () => {
    const res = await running.http().post('/contract/body').set('content-type', 'application/json').send('{"broken":');
    expect(res.status).toBe(400);
    expect(res.body.handledBy).toBe('app-400');
    // Nest 11's RoutesResolver.mapExternalException turns the platform's error into
    // an HttpException without `cause` before any filter sees it; Nest 12's adapters keep it.
    if (NEST_MAJOR >= 12) expect(res.body.cause).not.toBeNull();
    else expect(res.body.cause).toBeNull();
  });

  it('successful routes are untouched', async () => {
    const res = await running.http().get('/contract/ok');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true });
  });
});
