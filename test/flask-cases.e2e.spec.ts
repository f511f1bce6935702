import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FlaskAppModule } from './fixtures/flask.app.js';
import { PLATFORMS, startApp, type RunningApp } from './helpers/platforms.js';

// Flask's own test cases for error handlers, on Nest (see also scopes.e2e.spec.ts).
describe.each(PLATFORMS)("Flask's cases (%s)", (platform) => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp(platform, FlaskAppModule);
  });
  afterAll(() => running.close());

  it('registration order does not matter: the most specific class wins', async () => {
    expect((await running.http().get('/specific-first/refused')).body).toEqual({ handledBy: 'refused' });
    expect((await running.http().get('/general-first/refused')).body).toEqual({ handledBy: 'refused' });
    expect((await running.http().get('/specific-first/connection')).body).toEqual({ handledBy: 'connection' });
  });

  it('BadRequestException and 400 are the same key', async () => {
    expect((await running.http().get('/app/bad-request-class')).body).toEqual({ handledBy: 'bad-request', message: 'Bad Request' });
    const byStatus = await running.http().get('/app/bad-request-status');
    expect(byStatus.status).toBe(400);
    expect(byStatus.body).toEqual({ handledBy: 'bad-request', message: 'by status' });
  });

  it('a handler for Error also catches HTTP exceptions', async () => {
    const res = await running.http().get('/app/forbidden');
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ handledBy: 'error', name: 'HttpException' });
  });

  it('an unknown route reaches the app-level Error handler with its 404 status', async () => {
    const res = await running.http().get('/does-not-exist');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ handledBy: 'error', name: 'NotFoundException' });
  });

  it('a module imported from two places resolves deterministically: the importer scanned first', async () => {
    const res = await running.http().get('/shared');
    expect(res.status).toBe(409);
    expect(res.body).toEqual({ handledBy: 'left' });
  });
});
