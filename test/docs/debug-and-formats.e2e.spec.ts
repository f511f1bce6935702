import {
  BadRequestException,
  Controller,
  Get,
  HttpException,
  Injectable,
  InternalServerErrorException,
  Module,
  NotFoundException,
  type DynamicModule,
} from '@nestjs/common';
import { ErrorHandler, ErrorHandlersModule, html, type ErrorHandlersModuleOptions } from 'nestjs-error-handlers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapError, PLATFORMS, startApp, type PlatformName, type RunningApp } from '../helpers/platforms.js';

/**
 * The examples of docs/debug-and-formats.md, as the page shows them: change
 * one, change the other.
 */

const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

class OutOfStock extends Error {}

@Controller('users')
class UsersController {
  @Get() list() { throw new Error('query failed', { cause: new TypeError('socket closed') }); }
  @Get('missing') missing() { throw new NotFoundException('no such user'); }
  @Get('validation') validation() { throw new BadRequestException(['name must be a string', 'age must be a number']); }
  @Get('unavailable') unavailable() { throw new HttpException('db password is hunter2', 503); }
  @Get('type-error') typeError() { throw new TypeError('x is undefined'); }
  @Get('stock') stock() { throw new OutOfStock('no mugs'); }
  @Get('http-500') http500() { throw new InternalServerErrorException(); }
}
@Module({ controllers: [UsersController] })
class UsersModule {}

@Injectable()
class AppErrors {
  @ErrorHandler(500) internal() { return { handledBy: '500 handler' }; }
  @ErrorHandler(OutOfStock) outOfStock() { return { handledBy: 'OutOfStock handler' }; }
}

/** `AppModule`, as the page names it; with the 500 and OutOfStock handlers for the propagation table. */
function appModule(options: ErrorHandlersModuleOptions, { handlers = false } = {}): DynamicModule {
  @Module({})
  class AppModule {}
  return { module: AppModule, imports: [ErrorHandlersModule.forRoot(options), UsersModule], providers: handlers ? [AppErrors] : [] };
}

describe.each(PLATFORMS)('docs/debug-and-formats.md: debug mode (%s)', (platform) => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp(platform, appModule({ debug: true }));
  });
  afterAll(() => running.close());

  it('adds `debug` beside Nest’s fields: the error, the real causes, the explanation', async () => {
    const res = await running.http().get('/users');
    expect(res.status).toBe(500);
    const { statusCode, message, debug } = res.body;
    expect({ statusCode, message }).toEqual({ statusCode: 500, message: 'Internal server error' });
    expect(debug.error).toMatchObject({ name: 'Error', message: 'query failed' });
    expect(debug.error.stack[0]).toMatch(/^UsersController\.list \(.*debug-and-formats\.e2e\.spec\.ts:\d+:\d+\)$/);
    expect(debug.causes).toEqual([{ name: 'TypeError', message: 'socket closed', stack: expect.any(Array) }]);
    expect(debug.explanation).toEqual({
      handled: false,
      wrapped: false,
      searched: ['controller UsersController', 'module UsersModule', 'app module AppModule'],
      defaultResponse: { status: 500, body: { statusCode: 500, message: 'Internal server error' } },
      summary:
        'No handler matches; searched controller UsersController (no handlers) → module UsersModule (no handlers) → app module AppModule (no handlers). ' +
        'Nest\'s default response: 500 {"statusCode":500,"message":"Internal server error"}.',
    });
  });

  it('a 4xx gets the field too; an HttpException has no phantom cause', async () => {
    const res = await running.http().get('/users/missing');
    expect(res.text).toMatch(/^\{"message":"no such user","error":"Not Found","statusCode":404,"debug":\{/);
    expect(res.body.debug.causes).toEqual([]);
  });

  it('a browser gets the locked-down traceback page', async () => {
    const res = await running.http().get('/users').set('accept', BROWSER);
    expect(res.status).toBe(500);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toMatch(/^default-src 'none'; /);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers.vary).toBe('Accept');
    expect(res.text).toContain('<h2>Which handler?</h2>');
    expect(res.text).toContain('<h2>Caused by: TypeError</h2>');
  });
});

describe.each(PLATFORMS)('docs/debug-and-formats.md: debug propagation (%s)', (platform) => {
  const apps: Record<'off' | 'on' | 'propagateOff', RunningApp> = {} as never;
  beforeAll(async () => {
    apps.off = await startApp(platform, appModule({}, { handlers: true }));
    apps.on = await startApp(platform, appModule({ debug: true }, { handlers: true }));
    apps.propagateOff = await startApp(platform, appModule({ debug: { propagate: false } }, { handlers: true }));
  });
  afterAll(() => Promise.all(Object.values(apps).map((app) => app.close())));

  it.each([
    ['/users/type-error', { handledBy: '500 handler' }, 'traceback'],
    ['/users/stock', { handledBy: 'OutOfStock handler' }, { handledBy: 'OutOfStock handler' }],
    ['/users/http-500', { handledBy: '500 handler' }, { handledBy: '500 handler' }],
  ] as const)('%s: debug off → %j, debug on → %j', async (path, off, on) => {
    expect((await apps.off.http().get(path)).body).toEqual(off);
    const debugAnswer = (await apps.on.http().get(path)).body;
    if (on === 'traceback') expect(debugAnswer).toMatchObject({ statusCode: 500, message: 'Internal server error', debug: { error: { name: 'TypeError' } } });
    else expect(debugAnswer).toEqual(on);
    // propagate: false: the 500 handlers answer as outside debug mode.
    expect((await apps.propagateOff.http().get(path)).body).toEqual(off);
  });
});

describe.each(PLATFORMS)('docs/debug-and-formats.md: the production guard and the inspector (%s)', (platform: PlatformName) => {
  it('refuses debug with NODE_ENV=production unless forced', async () => {
    const saved = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      expect((await bootstrapError({ imports: [appModule({ debug: true })] }, platform))?.message).toBe(
        'ErrorHandlersModule refuses debug mode: NODE_ENV is "production", and debug responses show error messages, stacks, ' +
          'source lines and handler resolution to every client. Turn debug off in production; if this deployment is not public ' +
          '(a staging box that runs with NODE_ENV=production), force it with allowDebugInProduction: true next to debug.',
      );
      expect(await bootstrapError({ imports: [appModule({ debug: true, allowDebugInProduction: true })] }, platform)).toBeUndefined();
    } finally {
      if (saved === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = saved;
    }
  });

  it('inspector: true: no traceback page, a browser gets the JSON with `debug`', async () => {
    const running = await startApp(platform, appModule({ debug: { inspector: true } }));
    try {
      const res = await running.http().get('/users').set('accept', BROWSER);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(res.body.debug.error.message).toBe('query failed');
    } finally {
      await running.close();
    }
  });
});

describe.each(PLATFORMS)('docs/debug-and-formats.md: response formats (%s)', (platform) => {
  const apps: Record<'problem' | 'page' | 'custom' | 'none', RunningApp> = {} as never;
  beforeAll(async () => {
    apps.problem = await startApp(platform, appModule({ responseFormat: 'problem+json' }));
    apps.page = await startApp(platform, appModule({ htmlErrorPage: true }));
    apps.custom = await startApp(
      platform,
      appModule({
        responseFormat: 'problem+json',
        htmlErrorPage: ({ status, title, message }) =>
          html`<!doctype html><title>${status} ${title}</title><h1>${title}</h1><p>${message}</p>`,
      }),
    );
    apps.none = await startApp(platform, appModule({}));
  });
  afterAll(() => Promise.all(Object.values(apps).map((app) => app.close())));

  it('problem+json: the 404, the validation list, a 5xx without detail; no Vary without a page', async () => {
    const notFound = await apps.problem.http().get('/users/missing');
    expect(notFound.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(notFound.text).toBe('{"type":"about:blank","title":"Not Found","status":404,"detail":"no such user"}');
    expect(notFound.headers.vary).toBeUndefined();
    expect((await apps.problem.http().get('/users/validation')).text).toBe(
      '{"type":"about:blank","title":"Bad Request","status":400,"detail":"name must be a string; age must be a number","errors":["name must be a string","age must be a number"]}',
    );
    expect((await apps.problem.http().get('/users/unavailable')).text).toBe('{"type":"about:blank","title":"Service Unavailable","status":503}');
  });

  it('a template of your own, with problem+json for API clients', async () => {
    const res = await apps.custom.http().get('/users/missing').set('accept', BROWSER);
    expect(res.text).toBe('<!doctype html><title>404 Not Found</title><h1>Not Found</h1><p>no such user</p>');
    expect(res.headers['content-security-policy']).toBeUndefined();
    expect((await apps.custom.http().get('/users/missing')).headers['content-type']).toBe('application/problem+json; charset=utf-8');
  });

  it.each([
    [undefined, 'json'],
    ['*/*', 'json'],
    ['text/html;q=0.1, application/json', 'json'],
    ['text/html, application/json', 'html'],
    [BROWSER, 'html'],
    ['image/png', 'json'],
  ] as const)('negotiation: Accept %s → %s, with Vary: Accept', async (accept, expected) => {
    const call = apps.page.http().get('/users/missing');
    const res = await (accept ? call.set('accept', accept) : call);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe(expected === 'html' ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8');
    expect(res.headers.vary).toBe('Accept');
  });

  it('no option: no negotiation, no Vary', async () => {
    const res = await apps.none.http().get('/users/missing').set('accept', BROWSER);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers.vary).toBeUndefined();
  });
});
