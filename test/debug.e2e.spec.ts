import { Test } from '@nestjs/testing';
import type { Response } from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ErrorDebugInfo, ErrorHandlersModuleOptions } from 'nestjs-error-handlers';
import { debugAppWith, INTERNAL_DETAIL, XSS_MESSAGE } from './fixtures/debug.app.js';
import { BROWSER_ACCEPT } from './helpers/accept-headers.js';
import { bootstrapError, PLATFORMS, startApp, type RunningApp } from './helpers/platforms.js';

/**
 * SPEC section 7 and issue 4: debug mode adds message, stack, cause chain and
 * the registry's explanation to default responses — a `debug` field in JSON,
 * an HTML traceback page for clients that prefer text/html — and nothing of
 * the kind ever leaves the app outside debug mode.
 */

/** Not one of the app's internals in a response: message, stack frame, file name or source line. */
function expectNoInternalDetail(res: Response): void {
  const text = res.text;
  expect(text).not.toContain(INTERNAL_DETAIL);
  expect(text).not.toContain('query failed');
  expect(text).not.toContain('debug.app.ts');
  expect(text).not.toMatch(/\bat \S+ \(/);
  expect(res.body?.debug).toBeUndefined();
}

describe.each(PLATFORMS)('debug: true (%s)', (platform) => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp(platform, debugAppWith({ debug: true }));
  });
  afterAll(() => running.close());

  describe('JSON for API clients', () => {
    it('keeps Nest body fields and adds the message, stack and cause chain in `debug`', async () => {
      const res = await running.http().get('/debug/boom').set('Accept', 'application/json');
      expect(res.status).toBe(500);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body).toMatchObject({ statusCode: 500, message: 'Internal server error' });
      const debug = res.body.debug as ErrorDebugInfo;
      expect(debug.error).toMatchObject({ name: 'Error', message: 'query failed' });
      expect(debug.error.stack[0]).toMatch(/^queryUsers \(.*debug\.app\.ts:\d+:\d+\)$/);
      expect(debug.causes.map(({ name, message }) => ({ name, message }))).toEqual([
        { name: 'Error', message: 'driver gave up after 3 retries' },
        { name: 'TypeError', message: `socket closed: ${INTERNAL_DETAIL}` },
      ]);
    });

    it('includes the explanation of which handler would run, and the scopes searched', async () => {
      const { body } = await running.http().get('/debug/boom');
      expect(body.debug.explanation).toMatchObject({
        handled: false,
        searched: ['controller DebugController', 'module DebugFeatureModule', 'app module DebugAppModule'],
      });
      expect(body.debug.explanation.summary).toMatch(
        /^No handler matches; searched controller DebugController \(no handlers\) → module DebugFeatureModule → app module DebugAppModule \(no handlers\)/,
      );
    });

    it('keeps a 4xx HttpException body as Nest writes it, with `debug` beside it', async () => {
      const res = await running.http().get('/debug/not-found');
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ statusCode: 404, message: 'no such user', error: 'Not Found' });
      expect(res.body.debug.error).toMatchObject({ name: 'NotFoundException', message: 'no such user' });
    });

    it('explains unknown routes with app-level scopes only', async () => {
      const res = await running.http().get('/nowhere');
      expect(res.status).toBe(404);
      expect(res.body.debug.explanation.searched).toEqual(['app module DebugAppModule']);
    });

    it('describes thrown non-errors and stops at a cause cycle', async () => {
      const thrown = await running.http().get('/debug/string');
      expect(thrown.body.debug.error).toEqual({ name: 'thrown string', message: `a thrown string: ${INTERNAL_DETAIL}`, stack: [] });
      const cycle = await running.http().get('/debug/cycle');
      expect(cycle.status).toBe(500);
      expect(cycle.body.debug.causes.map((cause: { message: string }) => cause.message)).toEqual(['second of a cycle']);
    });
  });

  describe('the HTML traceback page for browsers', () => {
    it('shows status, message, frames with the app’s source lines, causes and the explanation', async () => {
      const res = await running.http().get('/debug/boom').set('Accept', BROWSER_ACCEPT);
      expect(res.status).toBe(500);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers.vary).toMatch(/Accept/);
      const page = res.text;
      expect(page).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
      expect(page).toContain('500 Internal Server Error');
      expect(page).toContain('<p class="message mono">query failed</p>');
      expect(page).toMatch(/<span class="fn">queryUsers<\/span> <span class="muted">test\/fixtures\/debug\.app\.ts:\d+:\d+<\/span>/);
      expect(page).toMatch(/<span class="line hit"><span class="ln">\d+<\/span>  throw new Error\(&#39;query failed&#39;, \{ cause: driver \}\);<\/span>/);
      expect(page).toContain('Caused by: Error');
      expect(page).toContain('Caused by: TypeError');
      expect(page).toContain(
        'No handler matches; searched controller DebugController (no handlers) → module DebugFeatureModule → app module DebugAppModule (no handlers)',
      );
      expect(page).toMatch(/\d+ frames? outside the app's source/);
    });

    it('shows dependency and Node frames without reading their files', async () => {
      const page = (await running.http().get('/debug/boom').set('Accept', 'text/html')).text;
      expect(page).toMatch(/<li>[^<]*node_modules[^<]*<\/li>/);
      expect(page).not.toMatch(/class="muted">node_modules/);
    });

    it('escapes what it prints: a message with <script> is text, and so is a source line', async () => {
      const res = await running.http().get('/debug/xss').set('Accept', 'text/html');
      expect(res.status).toBe(500);
      expect(res.text).not.toMatch(/<script|<img|onerror="/i);
      expect(res.text).toContain('&lt;script&gt;window.__pwned = true&lt;/script&gt;&lt;img src=x onerror=&quot;window.__pwned = true&quot;&gt;');
      const boom = await running.http().get('/debug/boom').set('Accept', 'text/html');
      expect(boom.text).toContain('// Source lines are escaped too: &lt;script&gt;window.__pwned = true&lt;/script&gt;');
      expect(boom.text).not.toMatch(/<script/i);
    });

    it('locks the page down: no script may run, nothing may load', async () => {
      const res = await running.http().get('/debug/boom').set('Accept', 'text/html');
      expect(res.headers['content-security-policy']).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.text).not.toMatch(/<(script|form|input|iframe|link)\b|https?:\/\//i);
    });

    it('handlers still win over the debug page', async () => {
      const res = await running.http().get('/debug/handled').set('Accept', 'text/html');
      expect(res.status).toBe(409);
      expect(res.body).toEqual({ handledBy: 'DebugHandlers.handled' });
    });

    it('a handler returning an HttpException chose its answer: no debug details in it', async () => {
      const json = await running.http().get('/debug/returns-http');
      expect(json.status).toBe(400);
      expect(json.body).toEqual({ statusCode: 400, message: 'chosen by a handler', error: 'Bad Request' });
      const html = await running.http().get('/debug/returns-http').set('Accept', 'text/html');
      expect(html.headers['content-type']).toMatch(/^application\/json/);
    });
  });

  describe('negotiation', () => {
    it.each([
      ['no Accept header', undefined],
      ['*/*', '*/*'],
      ['JSON preferred by weight', 'text/html;q=0.1, application/json'],
      ['JSON first at equal weight', 'application/json, text/html'],
      ['neither offered type', 'application/xml'],
    ])('%s → JSON with `debug`', async (_name, accept) => {
      const request = running.http().get('/debug/boom');
      const res = await (accept === undefined ? request : request.set('Accept', accept));
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body.debug.error.message).toBe('query failed');
    });

    it.each([
      ['a browser', BROWSER_ACCEPT],
      ['HTML preferred by weight', 'application/json;q=0.5, text/html'],
      ['HTML first at equal weight', 'text/html, application/json'],
      ['text/*', 'text/*'],
    ])('%s → the HTML page', async (_name, accept) => {
      const res = await running.http().get('/debug/boom').set('Accept', accept);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    });
  });
});

describe.each(PLATFORMS)('debug: { inspector: true } (%s)', (platform) => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp(platform, debugAppWith({ debug: { inspector: true } }));
  });
  afterAll(() => running.close());

  it('renders no traceback page: a browser gets the JSON answer with `debug`', async () => {
    const res = await running.http().get('/debug/boom').set('Accept', BROWSER_ACCEPT);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body.debug.error.message).toBe('query failed');
  });

  it('with an HTML error page, a browser gets the plain page and no internals', async () => {
    const withPage = await startApp(platform, debugAppWith({ debug: { inspector: true }, htmlErrorPage: true }));
    try {
      const res = await withPage.http().get('/debug/boom').set('Accept', BROWSER_ACCEPT);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.text).toContain('<h1>Internal Server Error</h1>');
      expectNoInternalDetail(res);
    } finally {
      await withPage.close();
    }
  });
});

describe.each(PLATFORMS)('outside debug mode, no internal detail of a 5xx reaches a client (%s)', (platform) => {
  const configurations: Array<[string, ErrorHandlersModuleOptions]> = [
    ['Nest bodies', {}],
    ['problem+json', { responseFormat: 'problem+json' }],
    ['the HTML error page', { htmlErrorPage: true }],
    ['debug: false and every format', { debug: false, responseFormat: 'problem+json', htmlErrorPage: true }],
  ];

  it.each(configurations)('%s', async (_name, options) => {
    const running = await startApp(platform, debugAppWith(options));
    try {
      for (const path of ['/debug/boom', '/debug/string', '/debug/cycle']) {
        for (const accept of ['application/json', BROWSER_ACCEPT, '*/*']) {
          const res = await running.http().get(path).set('Accept', accept);
          expect(res.status).toBe(500);
          expectNoInternalDetail(res);
        }
      }
    } finally {
      await running.close();
    }
  });
});

describe('the production guard', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  const bootstrap = (options: ErrorHandlersModuleOptions) => bootstrapError({ imports: [debugAppWith(options)] });


  it.each([
    ['debug: true', { debug: true }],
    ['debug: { inspector: true }', { debug: { inspector: true } }],
  ])('refuses %s with NODE_ENV=production, saying why and naming the option that forces it', async (_name, options) => {
    vi.stubEnv('NODE_ENV', 'production');
    const error = await bootstrap(options);
    expect(error?.message).toMatch(/refuses debug mode: NODE_ENV is "production"/);
    expect(error?.message).toMatch(/stacks/);
    expect(error?.message).toMatch(/allowDebugInProduction: true/);
  });

  it('is not fooled by the case of NODE_ENV', async () => {
    vi.stubEnv('NODE_ENV', 'Production');
    expect((await bootstrap({ debug: true }))?.message).toMatch(/allowDebugInProduction/);
  });

  it('lets allowDebugInProduction force it', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    expect(await bootstrap({ debug: true, allowDebugInProduction: true })).toBeUndefined();
  });

  it('leaves production apps without debug alone, and debug apps elsewhere', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    expect(await bootstrap({})).toBeUndefined();
    vi.stubEnv('NODE_ENV', 'development');
    expect(await bootstrap({ debug: true })).toBeUndefined();
  });

  it.each(PLATFORMS)('a forced debug app in production serves debug responses (%s)', async (platform) => {
    vi.stubEnv('NODE_ENV', 'production');
    const running = await startApp(platform, debugAppWith({ debug: true, allowDebugInProduction: true }));
    try {
      expect((await running.http().get('/debug/boom')).body.debug.error.message).toBe('query failed');
    } finally {
      await running.close();
    }
  });
});

describe('option validation at bootstrap', () => {
  it.each([
    ['an unknown responseFormat', { responseFormat: 'xml' }, /responseFormat "xml" is not supported; use 'nest' \(the default, Nest's own body\) or 'problem\+json'/],
    ['an htmlErrorPage that is not a template', { htmlErrorPage: '<h1>oops</h1>' }, /htmlErrorPage must be true, false or a template function/],
    ['a debug option that is a string', { debug: 'yes' }, /debug must be true, false or \{ inspector\?: boolean, contextLines\?: number, propagate\?: boolean \}.*got "yes"/],
    ['a negative contextLines', { debug: { contextLines: -1 } }, /debug must be .*got an object with contextLines -1/],
    ['a propagate that is not a boolean', { debug: { propagate: 'no' } }, /debug must be true, false or \{ inspector\?: boolean, contextLines\?: number, propagate\?: boolean \}/],
    ['an unknown clientErrorLogLevel', { clientErrorLogLevel: 'warning' }, /clientErrorLogLevel must be one of 'log', 'warn'.*got "warning"/],
  ])('refuses %s', async (_name, options, message) => {
    const moduleRef = await Test.createTestingModule({ imports: [debugAppWith(options as ErrorHandlersModuleOptions)] }).compile();
    await expect(moduleRef.init()).rejects.toThrow(message);
    await moduleRef.close().catch(() => undefined);
  });
});

