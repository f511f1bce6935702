import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { html, type ErrorPage } from 'nestjs-error-handlers';
import { debugAppWith, INTERNAL_DETAIL, XSS_MESSAGE } from './fixtures/debug.app.js';
import { BROWSER_ACCEPT } from './helpers/accept-headers.js';
import { PLATFORMS, startApp, type RunningApp } from './helpers/platforms.js';

/**
 * Issue 4, item 3: the formats of default responses — Nest's body (the
 * default), RFC 9457 problem details, and an HTML error page for browsers —
 * while handlers' own responses stay exactly as the handlers wrote them.
 */

describe.each(PLATFORMS)("responseFormat: 'problem+json' (%s)", (platform) => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp(platform, debugAppWith({ responseFormat: 'problem+json' }));
  });
  afterAll(() => running.close());

  it('answers a 4xx HttpException with type, title, status and its message as detail', async () => {
    const res = await running.http().get('/debug/not-found');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(res.text)).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'no such user' });
  });

  it('joins a validation list into detail and keeps the list as the `errors` extension', async () => {
    const res = await running.http().get('/debug/validation');
    expect(JSON.parse(res.text)).toEqual({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'name is required; age must be a number',
      errors: ['name is required', 'age must be a number'],
    });
  });

  it('gives a 5xx no detail: neither an unknown error’s nor an HttpException’s message', async () => {
    const unknown = await running.http().get('/debug/boom');
    expect(JSON.parse(unknown.text)).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500 });
    const unavailable = await running.http().get('/debug/unavailable');
    expect(unavailable.status).toBe(503);
    expect(JSON.parse(unavailable.text)).toEqual({ type: 'about:blank', title: 'Service Unavailable', status: 503 });
    expect(unavailable.text).not.toContain(INTERNAL_DETAIL);
  });

  it('answers unknown routes the same way', async () => {
    const res = await running.http().get('/nowhere');
    expect(JSON.parse(res.text)).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'Cannot GET /nowhere' });
  });

  it('leaves handlers’ own responses untouched', async () => {
    const res = await running.http().get('/debug/handled');
    expect(res.status).toBe(409);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual({ handledBy: 'DebugHandlers.handled' });
  });

  it('a handler returning an HttpException asks for its default response: in the configured format', async () => {
    const res = await running.http().get('/debug/returns-http');
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(res.text)).toEqual({ type: 'about:blank', title: 'Bad Request', status: 400, detail: 'chosen by a handler' });
  });

  it('with no HTML page configured, browsers get problem+json too, and no Vary header is needed', async () => {
    const res = await running.http().get('/debug/not-found').set('Accept', BROWSER_ACCEPT);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers.vary).toBeUndefined();
  });
});

describe.each(PLATFORMS)("problem+json with debug (%s)", (platform) => {
  it('adds `debug` as an extension member', async () => {
    const running = await startApp(platform, debugAppWith({ responseFormat: 'problem+json', debug: true }));
    try {
      const res = await running.http().get('/debug/boom');
      const problem = JSON.parse(res.text);
      expect(problem).toMatchObject({ type: 'about:blank', title: 'Internal Server Error', status: 500 });
      expect(problem.detail).toBeUndefined();
      expect(problem.debug.error.message).toBe('query failed');
      expect(problem.debug.explanation.handled).toBe(false);
    } finally {
      await running.close();
    }
  });
});

describe.each(PLATFORMS)('htmlErrorPage: true (%s)', (platform) => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp(platform, debugAppWith({ htmlErrorPage: true }));
  });
  afterAll(() => running.close());

  it('gives browsers a page with status, title and a 4xx message', async () => {
    const res = await running.http().get('/debug/not-found').set('Accept', BROWSER_ACCEPT);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toMatch(/^default-src 'none'/);
    expect(res.headers.vary).toMatch(/Accept/);
    expect(res.text).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(res.text).toContain('<title>404 Not Found</title>');
    expect(res.text).toContain('<p class="message">no such user</p>');
  });

  it('shows a 5xx as its reason phrase only', async () => {
    for (const path of ['/debug/boom', '/debug/unavailable']) {
      const res = await running.http().get(path).set('Accept', BROWSER_ACCEPT);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.text).not.toContain(INTERNAL_DETAIL);
      expect(res.text).not.toContain('class="message"');
    }
  });

  it('escapes a 4xx message', async () => {
    const res = await running.http().get('/debug/xss-bad-request').set('Accept', 'text/html');
    expect(res.status).toBe(400);
    expect(res.text).not.toMatch(/<script|<img/i);
    expect(res.text).toContain('&lt;script&gt;window.__pwned = true&lt;/script&gt;');
  });

  it('API clients still get Nest’s body, with Vary: Accept', async () => {
    const res = await running.http().get('/debug/not-found').set('Accept', 'application/json');
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers.vary).toMatch(/Accept/);
    expect(res.body).toEqual({ statusCode: 404, message: 'no such user', error: 'Not Found' });
  });

  it.each([
    ['no Accept header', undefined, 'json'],
    ['*/*', '*/*', 'json'],
    ['text/html;q=0.1, application/json', 'text/html;q=0.1, application/json', 'json'],
    ['application/json;q=0.9, text/html', 'application/json;q=0.9, text/html', 'html'],
    ['text/html, application/json (client order at equal weight)', 'text/html, application/json', 'html'],
    ['application/json, text/html', 'application/json, text/html', 'json'],
    ['application/xml (neither offered)', 'application/xml', 'json'],
    ['a browser', BROWSER_ACCEPT, 'html'],
  ])('negotiates %s → %s', async (_name, accept, expected) => {
    const request = running.http().get('/debug/not-found');
    const res = await (accept === undefined ? request : request.set('Accept', accept));
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(expected === 'html' ? /^text\/html/ : /^application\/json/);
  });

  it('leaves handlers’ own responses untouched, even for browsers', async () => {
    const res = await running.http().get('/debug/handled').set('Accept', BROWSER_ACCEPT);
    expect(res.status).toBe(409);
    expect(res.body).toEqual({ handledBy: 'DebugHandlers.handled' });
  });
});

describe.each(PLATFORMS)('htmlErrorPage: a template function (%s)', (platform) => {
  const seen: ErrorPage[] = [];
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp(
      platform,
      debugAppWith({
        responseFormat: 'problem+json',
        htmlErrorPage: (page) => {
          seen.push(page);
          if (page.status === 400 && page.message.startsWith('name')) throw new Error('a broken template');
          return html`<!doctype html><title>${page.title}</title><h1 class="custom">${page.status}: ${page.message}</h1>`;
        },
      }),
    );
  });
  afterAll(() => running.close());

  it('receives status, title and message, and its `html` interpolations are escaped', async () => {
    const res = await running.http().get('/debug/xss-bad-request').set('Accept', BROWSER_ACCEPT);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toBeUndefined();
    expect(seen.at(-1)).toEqual({ status: 400, title: 'Bad Request', message: XSS_MESSAGE });
    expect(res.text).toMatch(/^<!doctype html><title>Bad Request<\/title><h1 class="custom">400: &lt;script&gt;/);
    expect(res.text).not.toMatch(/<script|<img/i);
  });

  it('never receives a 5xx’s internal message', async () => {
    await running.http().get('/debug/unavailable').set('Accept', BROWSER_ACCEPT);
    expect(seen.at(-1)).toEqual({ status: 503, title: 'Service Unavailable', message: 'Service Unavailable' });
  });

  it('a template that throws does not turn the answer into a 500: the client gets the JSON format', async () => {
    const res = await running.http().get('/debug/validation').set('Accept', BROWSER_ACCEPT);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(res.text)).toMatchObject({ title: 'Bad Request', status: 400 });
  });

  it('API clients get the configured JSON format', async () => {
    const res = await running.http().get('/debug/not-found');
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});

describe.each(PLATFORMS)('no format options: the drop-in (%s)', (platform) => {
  it('writes Nest’s body with no Vary or policy header', async () => {
    const running = await startApp(platform, debugAppWith({}));
    try {
      const res = await running.http().get('/debug/not-found').set('Accept', BROWSER_ACCEPT);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.headers.vary).toBeUndefined();
      expect(res.headers['content-security-policy']).toBeUndefined();
      expect(res.body).toEqual({ statusCode: 404, message: 'no such user', error: 'Not Found' });
    } finally {
      await running.close();
    }
  });
});
