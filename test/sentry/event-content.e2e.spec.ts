import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PLATFORMS, startApp, type RunningApp } from '../helpers/platforms.js';
import { SentryReceiver, type SentryEventJson } from '../helpers/sentry-receiver.js';
import { sentryAppModule } from './fixtures/sentry.app.js';

/**
 * SPEC section 6 and issue 3: what an event carries, read from the envelope
 * the real SDK sent. Secrets are distinctive strings, so "nowhere in the
 * event" can be checked on the raw JSON.
 */

const SECRETS = {
  authorization: 'Bearer auth-s3cret',
  proxyAuthorization: 'Basic proxy-s3cret',
  sessionCookie: 'session-s3cret',
  sidCookie: 'sid-s3cret',
  apiKeyHeader: 'apikey-s3cret',
  internalHeader: 'internal-s3cret',
  tokenQuery: 'token-s3cret',
  ibanQuery: 'iban-s3cret',
};

describe.each(PLATFORMS)('event content (%s)', (platform) => {
  let receiver: SentryReceiver;
  let running: RunningApp;

  beforeAll(async () => {
    receiver = await SentryReceiver.start();
    const sentry = { dsn: receiver.dsn, environment: 'test-env', release: 'shop@1.2.3', scrubHeaders: ['X-Internal'], scrubFields: ['iban'] };
    running = await startApp(platform, sentryAppModule({ sentry, logger: false }));
  });
  afterAll(async () => {
    await running?.close();
    await receiver?.close();
  });
  beforeEach(() => receiver.clear());

  async function eventFor(path: string): Promise<SentryEventJson> {
    const res = await running.http().get(path);
    return receiver.waitForEventOf(res);
  }

  describe('a failing request with credentials', () => {
    let event: SentryEventJson;
    beforeAll(async () => {
      const res = await running
        .http()
        .get(`/orders/42/details?q=shoes&token=${SECRETS.tokenQuery}&iban=${SECRETS.ibanQuery}&page=2`)
        .set('Authorization', SECRETS.authorization)
        .set('Proxy-Authorization', SECRETS.proxyAuthorization)
        .set('Cookie', `theme=dark; session_id=${SECRETS.sessionCookie}; connect.sid=${SECRETS.sidCookie}`)
        .set('X-Api-Key', SECRETS.apiKeyHeader)
        .set('X-Internal', SECRETS.internalHeader)
        .set('X-Request-Id', 'req-1');
      expect(res.status).toBe(500);
      event = await receiver.waitForEventOf(res);
    });

    it('carries the exception with a stack trace down to the route method', () => {
      const exception = event.exception?.values.at(-1);
      expect(exception).toMatchObject({ type: 'Error', value: 'details failed' });
      expect(exception?.stacktrace?.frames?.at(-1)).toMatchObject({ function: 'OrdersController.details' });
      expect(exception?.stacktrace?.frames?.at(-1)?.filename).toMatch(/fixtures\/sentry\.app\.ts$/);
    });

    it('carries method, URL without query, and the query with secret-looking values filtered', () => {
      expect(event.request).toMatchObject({ method: 'GET', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/orders\/42\/details$/) });
      expect(event.request?.query_string).toEqual([
        ['q', 'shoes'],
        ['token', '[Filtered]'],
        ['iban', '[Filtered]'],
        ['page', '2'],
      ]);
    });

    it('leaves out Authorization, Proxy-Authorization, Cookie and configured headers; filters secret-looking ones', () => {
      const headers = event.request?.headers ?? {};
      for (const name of ['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-internal']) expect(headers).not.toHaveProperty(name);
      expect(headers['x-api-key']).toBe('[Filtered]');
      expect(headers['x-request-id']).toBe('req-1');
    });

    it('keeps cookies with their secret-looking values filtered', () => {
      expect(event.request?.cookies).toEqual({ theme: 'dark', session_id: '[Filtered]', 'connect.sid': '[Filtered]' });
    });

    it('has no secret anywhere in the event', () => {
      const json = JSON.stringify(event);
      for (const secret of Object.values(SECRETS)) expect(json).not.toContain(secret.split(' ').at(-1));
    });

    it('is tagged with status, route, module, controller and route handler, and named for the route', () => {
      expect(event.tags).toMatchObject({
        'http.status_code': '500',
        'http.method': 'GET',
        'http.route': '/orders/:id/details',
        'nest.module': 'ShopModule',
        'nest.controller': 'OrdersController',
        'nest.route_handler': 'OrdersController.details',
      });
      expect(event.tags).not.toHaveProperty('nest.error_handler');
      expect(event.transaction).toBe('GET /orders/:id/details');
    });

    it('names the user by id only', () => {
      expect(event.user).toEqual({ id: 'user-42' });
      expect(JSON.stringify(event)).not.toContain('ada@example.com');
    });

    it('passes Sentry init options through (environment, release)', () => {
      expect(event.environment).toBe('test-env');
      expect(event.release).toBe('shop@1.2.3');
    });
  });

  it('carries the cause chain as linked exceptions, root cause first', async () => {
    const event = await eventFor('/orders/caused');
    expect(event.exception?.values.map((value) => [value.type, value.value])).toEqual([
      ['RangeError', 'root cause'],
      ['TypeError', 'inner failure'],
      ['Error', 'outer failure'],
    ]);
  });

  it('tags the @ErrorHandler that answered', async () => {
    const event = await eventFor('/orders/storage');
    expect(event.tags).toMatchObject({
      'http.status_code': '507',
      'nest.error_handler': 'AppErrors.storageFull',
      'nest.route_handler': 'OrdersController.storage',
    });
  });

  it('does not report an unknown route (a 404 raised before routing)', async () => {
    const res = await running.http().get('/no/such/route');
    expect(res.status).toBe(404);
    expect(res.headers['x-sentry-event-id']).toBeUndefined();
  });
});
