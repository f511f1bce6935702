import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import type { Response } from 'supertest';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HUGE_MESSAGE, RobustnessAppModule, SECRET, probe } from './fixtures/robustness.app.js';
import { PLATFORMS, startApp, type RunningApp } from './helpers/platforms.js';
import { expectNoProcessFaults } from './helpers/process-faults.js';
import { until } from './helpers/until.js';

/**
 * SPEC sections 4, 5 and 9: whatever is thrown — by a route or by a handler —
 * the process lives and the client gets an answer: the right status and body,
 * no internal message or stack in a 5xx, no unhandled rejection, no hang, and
 * the app keeps answering afterwards.
 */

const INTERNAL_ERROR = { statusCode: 500, message: 'Internal server error' };
const REQUEST_TIMEOUT_MS = 5000;

/** Anything that escaped to the process: must stay empty for the whole file. */
const processFaults = expectNoProcessFaults();

/** A 5xx body must not carry internal text: the secret, a stack frame, a serialiser's complaint. */
function expectNoInternalDetail(res: Response): void {
  expect(res.text).not.toContain(SECRET);
  expect(res.text).not.toMatch(/\bat .*:\d+:\d+/);
  expect(res.text).not.toMatch(/circular structure/i);
  expect(res.text).not.toMatch(/node_modules|\.ts:\d+/);
}

describe.each(PLATFORMS)('whatever is thrown, the process lives and answers (%s)', (platform) => {
  let running: RunningApp;
  let port: number;

  beforeAll(async () => {
    running = await startApp(platform, RobustnessAppModule);
    // Listening on a real port lets a raw client hang up mid-request; supertest reuses it.
    await running.app.listen(0, '127.0.0.1');
    port = (running.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(() => running?.close());

  beforeEach(() => probe.reset());
  afterEach(async () => {
    // Give late rejections (a filter settling after the response) a chance to surface.
    await delay(20);
    // Taken out, so that one fault fails the test that caused it and not every later one.
    expect(processFaults.splice(0)).toEqual([]);
    const res = await get('/robust/ok');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true });
  });

  const get = (path: string) => running.http().get(path).timeout(REQUEST_TIMEOUT_MS);

  async function expectInternalError(path: string): Promise<Response> {
    const res = await get(path);
    expect(res.status).toBe(500);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual(INTERNAL_ERROR);
    expectNoInternalDetail(res);
    return res;
  }

  describe('values thrown by routes, no handlers', () => {
    it.each([
      ['a string', '/robust/string'],
      ['null', '/robust/null'],
      ['undefined', '/robust/undefined'],
      ['a number', '/robust/number'],
      ['a plain object', '/robust/plain-object'],
      ['an object with circular references', '/robust/circular-object'],
      ['an Error with a circular cause and a self reference', '/robust/circular-cause'],
      ['a frozen Error', '/robust/frozen-error'],
      ['an Error whose message and stack getters throw', '/robust/throwing-getters'],
      ['a Proxy whose every trap throws', '/robust/hostile-proxy'],
      ['an Error with a 5 MB message', '/robust/huge-error'],
      ['an async route rejecting with an Error', '/robust/async-reject'],
      ['an async route rejecting with undefined', '/robust/async-reject-undefined'],
    ])('%s → the built-in 500', async (_name, path) => {
      await expectInternalError(path);
    });

    it('a frozen HttpException → its default response', async () => {
      const res = await get('/robust/frozen-http-exception');
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ message: 'frozen but fine', error: 'Bad Request', statusCode: 400 });
    });

    it('an HttpException with a 5 MB message → the message in full, as Nest sends it', async () => {
      const res = await get('/robust/huge-http-exception');
      expect(res.status).toBe(400);
      expect(Object.keys(res.body).sort()).toEqual(['message', 'statusCode']);
      expect(res.body.statusCode).toBe(400);
      // Compared as a boolean: a failing toEqual would print 5 MB.
      expect(res.body.message === HUGE_MESSAGE).toBe(true);
    });
  });

  describe('errors after the response has started', () => {
    it.each([
      ['synchronously', '/robust/headers-sent'],
      ['after an await', '/robust/headers-sent-async'],
    ])('a route that wrote headers and part of the body, then threw %s → a clean end', async (_name, path) => {
      const res = await get(path);
      // The status and the bytes already sent stand; the exchange ends instead of hanging or being cut.
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/plain');
      expect(res.text).toBe('partial');
    });

    it('a client that hangs up before the route fails → the server goes on', async () => {
      const client = http.get({ host: '127.0.0.1', port, path: '/robust/slow-failure' });
      const clientClosed = new Promise<void>((resolve) => client.on('close', () => resolve()));
      client.on('error', () => {
        // Expected: we destroy the socket ourselves.
      });
      await until(() => probe.slowRouteStarted, 'the slow route to start');
      client.destroy();
      await clientClosed;
      await until(() => probe.slowRouteThrew, 'the slow route to throw');
      // The filter now answers a closed socket; give it time to do so (and to fail, if it would).
      await delay(50);
      await expectInternalError('/robust/async-reject');
    });
  });

  describe('handlers that fail', () => {
    /** The recovering 500 handler answered, having received `cause` (by identity) as the wrapper's cause. */
    async function expectRecovered(path: string): Promise<void> {
      const res = await get(path);
      expect(res.status).toBe(500);
      expect(res.body).toEqual({ handledBy: 'recovering-500', status: 500 });
      expectNoInternalDetail(res);
      expect(probe.thrown).toHaveLength(1);
      expect(probe.causes).toHaveLength(1);
      expect(probe.causes[0] === probe.thrown[0]).toBe(true);
    }

    it('a handler throwing a non-HTTP error → the 500 handler, once, with the failure as cause', async () => {
      await expectRecovered('/recovering/handler-throws-error');
      expect(Object.fromEntries(probe.handlerCalls)).toEqual({ 'recovering.domain': 1, 'recovering.500': 1 });
    });

    it('a handler throwing an Error whose message and stack getters throw → still the 500 handler', async () => {
      await expectRecovered('/recovering/handler-throws-hostile-getters');
      expect(Object.fromEntries(probe.handlerCalls)).toEqual({ 'recovering.hostile-getters': 1, 'recovering.500': 1 });
    });

    it('a handler throwing a Proxy whose traps throw → still the 500 handler', async () => {
      await expectRecovered('/recovering/handler-throws-proxy');
      expect(Object.fromEntries(probe.handlerCalls)).toEqual({ 'recovering.proxy': 1, 'recovering.500': 1 });
    });

    it('a route throwing an Error with throwing getters, 500 handler in scope → the 500 handler (step 3)', async () => {
      await expectRecovered('/recovering/route-throws-hostile-getters');
      expect(Object.fromEntries(probe.handlerCalls)).toEqual({ 'recovering.500': 1 });
    });

    it('a route throwing a hostile Proxy, 500 handler in scope → the 500 handler (step 3)', async () => {
      await expectRecovered('/recovering/route-throws-proxy');
      expect(Object.fromEntries(probe.handlerCalls)).toEqual({ 'recovering.500': 1 });
    });

    it.each([
      ['a working 500 handler', '/recovering/handler-writes-then-throws', 'recovering'],
      ['a failing 500 handler', '/failing/handler-writes-then-throws', 'failing'],
    ])('a handler that wrote part of the response then threw, with %s → a clean end', async (_name, path, prefix) => {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(res.text).toBe('partial');
      expect(probe.handlerCalls.get(`${prefix}.partial-write`)).toBe(1);
      expect(probe.handlerCalls.get(`${prefix}.500`) ?? 0).toBeLessThanOrEqual(1);
    });

    it('a handler throwing an HttpException → that exception’s default response, no 500 handler', async () => {
      const res = await get('/recovering/handler-throws-http');
      expect(res.status).toBe(409);
      expect(res.body).toEqual({ message: 'handler refused', error: 'Conflict', statusCode: 409 });
      expect(Object.fromEntries(probe.handlerCalls)).toEqual({ 'recovering.conflict': 1 });
    });

    it('a handler throwing, then the 500 handler throwing too → the built-in 500, no loop', async () => {
      await expectInternalError('/failing/handler-throws-error');
      expect(Object.fromEntries(probe.handlerCalls)).toEqual({ 'failing.domain': 1, 'failing.500': 1 });
    });

    it('an @ErrorHandler(500) that throws → the built-in 500, run once', async () => {
      await expectInternalError('/failing/plain-error');
      expect(Object.fromEntries(probe.handlerCalls)).toEqual({ 'failing.500': 1 });
    });

    it('a handler returning a circular object, no 500 handler in scope → the built-in 500', async () => {
      await expectInternalError('/unsendable/circular-return');
      expect(Object.fromEntries(probe.handlerCalls)).toEqual({ 'unsendable.domain': 1 });
    });

    it('the same failures again: nothing was left broken or cached wrongly', async () => {
      await expectInternalError('/failing/handler-throws-error');
      await expectInternalError('/unsendable/circular-return');
      const res = await get('/recovering/handler-throws-error');
      expect(res.body).toEqual({ handledBy: 'recovering-500', status: 500 });
    });
  });
});
