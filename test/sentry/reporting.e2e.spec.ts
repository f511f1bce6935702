import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SentryService } from 'nestjs-error-handlers';
import { PLATFORMS, startApp, type RunningApp } from '../helpers/platforms.js';
import { SentryReceiver } from '../helpers/sentry-receiver.js';
import { CapturingLogger } from './fixtures/capturing-logger.js';
import { sentryAppModule } from './fixtures/sentry.app.js';

/**
 * SPEC section 6, the policy, through the real @sentry/node transport to a
 * local receiver: what ends in a 5xx is reported, a 4xx is not, a handler's
 * `report` and the `report()` option override, the same error object is
 * reported once; the event id reaches the client and the log line.
 */
describe.each(PLATFORMS)('reporting policy against a real Sentry transport (%s)', (platform) => {
  let receiver: SentryReceiver;
  let running: RunningApp;
  let sentry: SentryService;
  const logger = new CapturingLogger();

  beforeAll(async () => {
    receiver = await SentryReceiver.start();
    const report = (_error: unknown, status: number) => status >= 500 || status === 409;
    running = await startApp(platform, sentryAppModule({ sentry: { dsn: receiver.dsn }, logger, report }));
    sentry = running.app.get(SentryService);
  });
  afterAll(async () => {
    await running?.close();
    await receiver?.close();
  });
  beforeEach(() => {
    receiver.clear();
    logger.clear();
  });

  /** Everything the SDK had pending has been sent: absence of an event now means it was never sent. */
  async function settled(): Promise<void> {
    expect(await sentry.flush(2000)).toBe(true);
  }

  it('reports an unhandled error (default 500) and puts the event id in the header and on res.sentry', async () => {
    const res = await running.http().get('/orders/boom');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ statusCode: 500, message: 'Internal server error' });
    const eventId = res.headers['x-sentry-event-id'];
    expect(eventId).toMatch(/^[0-9a-f]{32}$/);
    const event = await receiver.waitForEvent((e) => e.event_id === eventId);
    expect(event.exception?.values.at(-1)).toMatchObject({ type: 'Error', value: 'kaboom' });
    expect(receiver.envelopes[0]?.projectId).toBe('1');
    expect(receiver.envelopes[0]?.publicKey).toBe('publickey');
  });

  it('reports a 5xx a handler answered, tagged with that handler', async () => {
    const res = await running.http().get('/orders/storage');
    expect(res.status).toBe(507);
    expect(res.body).toEqual({ message: 'storage is full' });
    const event = await receiver.waitForEventOf(res);
    expect(event.tags).toMatchObject({ 'http.status_code': '507', 'nest.error_handler': 'AppErrors.storageFull' });
  });

  it('does not report a 4xx', async () => {
    const res = await running.http().get('/orders/missing');
    expect(res.status).toBe(404);
    expect(res.headers['x-sentry-event-id']).toBeUndefined();
    await settled();
    expect(receiver.events).toEqual([]);
  });

  it('reports a 4xx whose handler says report: true', async () => {
    const res = await running.http().get('/orders/teapot');
    expect(res.status).toBe(418);
    const event = await receiver.waitForEventOf(res);
    expect(event.tags?.['nest.error_handler']).toBe('AppErrors.teapot');
  });

  it('does not report a 5xx whose handler says report: false', async () => {
    const res = await running.http().get('/orders/glitch');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ message: 'known glitch' });
    expect(res.headers['x-sentry-event-id']).toBeUndefined();
    await settled();
    expect(receiver.events).toEqual([]);
  });

  it('reports what the report() option allows (here a 409)', async () => {
    const res = await running.http().get('/orders/conflict');
    expect(res.status).toBe(409);
    const event = await receiver.waitForEventOf(res);
    expect(event.exception?.values.at(-1)?.type).toBe('ConflictException');
  });

  it('never reports the same error object twice', async () => {
    const first = await running.http().get('/orders/same');
    const second = await running.http().get('/orders/same');
    expect([first.status, second.status]).toEqual([500, 500]);
    expect(first.headers['x-sentry-event-id']).toMatch(/^[0-9a-f]{32}$/);
    expect(second.headers['x-sentry-event-id']).toBeUndefined();
    await settled();
    expect(receiver.events.map((e) => e.event_id)).toEqual([first.headers['x-sentry-event-id']]);
  });

  it('reports a new error object on every request', async () => {
    const ids = [(await running.http().get('/orders/boom')).headers['x-sentry-event-id'], (await running.http().get('/orders/boom')).headers['x-sentry-event-id']];
    await receiver.waitForEvents(2);
    expect(new Set(receiver.events.map((e) => e.event_id))).toEqual(new Set(ids));
  });

  it('logs a 5xx at error level with method, path, stack and event id; a 4xx not at all', async () => {
    const res = await running.http().get('/orders/boom');
    const eventId = res.headers['x-sentry-event-id'];
    const [line] = logger.at('error');
    expect(line?.message).toBe(`500 GET /orders/boom Error: kaboom [event ${eventId}]`);
    expect(String(line?.params[0])).toMatch(/^Error: kaboom\n\s+at /);
    logger.clear();
    await running.http().get('/orders/missing');
    expect(logger.at('error')).toEqual([]);
    expect(logger.entries).toEqual([]);
  });
});
