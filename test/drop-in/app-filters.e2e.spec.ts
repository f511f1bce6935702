import type { INestApplication } from '@nestjs/common';
import type { Response } from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PLATFORMS, startApp, type RunningApp } from '../helpers/platforms.js';
import { DbErrorFilter, filtersApp, LoggingFilter, RecordingReporter, TeapotFilter, type FiltersAppOptions } from './fixtures/app-filters.app.js';

/**
 * SPEC section 2 and issue 10: the app's own global filters keep working.
 * They are consulted, by their @Catch() types and in Nest's order, for every
 * error no @ErrorHandler resolves — on controller routes as before routing —
 * and an app with filters and no handlers answers byte for byte as without
 * the module.
 */

type Setup = Omit<FiltersAppOptions, 'module'> & { useGlobalTeapot?: boolean };

const PATHS = ['/f/db', '/f/teapot', '/f/plain', '/f/not-found', '/f/handled', '/no-such-route', '/f/ok'];

/** What a client sees of an answer: status, content type and the exact bytes. */
function seen(res: Response) {
  return { status: res.status, contentType: res.headers['content-type'], text: res.text };
}

describe.each(PLATFORMS)("the app's own global filters (%s)", (platform) => {
  const running: RunningApp[] = [];
  beforeEach(() => {
    RecordingReporter.seen.length = 0;
    LoggingFilter.seen.length = 0;
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((app) => app.close()));
  });

  async function start(setup: Setup, module: boolean): Promise<RunningApp> {
    const { useGlobalTeapot, ...options } = setup;
    const beforeInit = (app: INestApplication) => {
      if (useGlobalTeapot) app.useGlobalFilters(new TeapotFilter(app.getHttpAdapter() as never));
    };
    const app = await startApp(platform, filtersApp({ ...options, module }), undefined, beforeInit);
    running.push(app);
    return app;
  }

  it('an APP_FILTER @Catch(DbError) answering 503 still answers 503, and the module reports it', async () => {
    const app = await start({ appFilters: [DbErrorFilter] }, true);
    const res = await app.http().get('/f/db');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ statusCode: 503, message: 'database unavailable' });
    expect(RecordingReporter.seen).toEqual([{ message: 'connection refused', status: 503 }]);
  });

  it('a filter registered with useGlobalFilters() still answers', async () => {
    const app = await start({ useGlobalTeapot: true }, true);
    expect(seen(await app.http().get('/f/teapot'))).toMatchObject({ status: 418, text: JSON.stringify({ statusCode: 418, message: 'short and stout' }) });
    // Not reported: its answer is a 4xx.
    expect(RecordingReporter.seen).toEqual([]);
  });

  it('a logging filter built on BaseExceptionFilter sees every unhandled error and answers as Nest does, before routing too', async () => {
    const app = await start({ appFilters: [LoggingFilter] }, true);
    expect((await app.http().get('/f/plain')).body).toEqual({ statusCode: 500, message: 'Internal server error' });
    expect((await app.http().get('/no-such-route')).status).toBe(404);
    expect(LoggingFilter.seen.map((error) => (error as Error).message)).toEqual(['plain', 'Cannot GET /no-such-route']);
    expect(RecordingReporter.seen).toEqual([{ message: 'plain', status: 500 }]);
  });

  it('with handlers: an @ErrorHandler comes before every global filter; the filters answer the rest', async () => {
    const app = await start({ appFilters: [LoggingFilter, DbErrorFilter], useGlobalTeapot: true, handlers: true }, true);
    expect((await app.http().get('/f/db')).body).toEqual({ message: 'handled by @ErrorHandler' });
    expect((await app.http().get('/f/handled')).status).toBe(409);
    // Before routing, an app-level 404 handler comes first too.
    expect((await app.http().get('/no-such-route')).body).toEqual({ message: 'app-level 404' });
    expect((await app.http().get('/f/teapot')).status).toBe(418);
    expect((await app.http().get('/f/plain')).body).toEqual({ statusCode: 500, message: 'Internal server error' });
    expect(LoggingFilter.seen.map((error) => (error as Error).message)).toEqual(['plain']);
  });

  // Both registration styles, alone and together, in both of Nest's orders of trying them.
  const setups: Array<[string, Setup]> = [
    ['APP_FILTER @Catch(DbError)', { appFilters: [DbErrorFilter] }],
    ['useGlobalFilters(@Catch(TeapotError))', { useGlobalTeapot: true }],
    ['an APP_FILTER catch-all on BaseExceptionFilter', { appFilters: [LoggingFilter] }],
    ['two APP_FILTERs and a useGlobalFilters()', { appFilters: [DbErrorFilter, LoggingFilter], useGlobalTeapot: true }],
    ['two APP_FILTERs, the other order', { appFilters: [LoggingFilter, DbErrorFilter], useGlobalTeapot: true }],
  ];
  it.each(setups)('with %s and no handlers, every answer is byte for byte the one without the module', async (_name, setup) => {
    const ours = await start(setup, true);
    const bare = await start(setup, false);
    for (const path of PATHS) {
      const [withModule, without] = [await ours.http().get(path), await bare.http().get(path)];
      expect({ path, ...seen(withModule) }).toEqual({ path, ...seen(without) });
    }
  });
});
