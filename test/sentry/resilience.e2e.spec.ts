import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SentryService } from 'nestjs-error-handlers';
import { PLATFORMS, startApp, type RunningApp } from '../helpers/platforms.js';
import { expectNoProcessFaults } from '../helpers/process-faults.js';
import { SentryReceiver } from '../helpers/sentry-receiver.js';
import { until } from '../helpers/until.js';
import { CapturingLogger } from './fixtures/capturing-logger.js';
import { observedResponseEnded, sentryAppModule } from './fixtures/sentry.app.js';

/**
 * Issue 3, resilience: Sentry slow (accepts, never answers) or down
 * (connection refused) changes no response and slows none down; the app
 * warns once per outage, not once per event; a delivered event ends the
 * outage; nothing escapes to the process; shutdown flushes, bounded.
 */

const FAILING_ROUTES = ['/orders/boom', '/orders/storage', '/orders/caused', '/orders/teapot'];
const FAST_MS = 1000;
const SEND_TIMEOUT_MS = 200;

expectNoProcessFaults();

describe.each(PLATFORMS)('Sentry slow or down changes no response (%s)', (platform) => {
  /** The same app without Sentry: what every response must look like. */
  let baseline: RunningApp;

  beforeAll(async () => {
    baseline = await startApp(platform, sentryAppModule({ logger: false }));
  });
  afterAll(() => baseline?.close());

  function startReporting(dsn: string, logger: CapturingLogger): Promise<RunningApp> {
    return startApp(platform, sentryAppModule({ sentry: { dsn, sendTimeout: SEND_TIMEOUT_MS, shutdownTimeout: 300 }, logger }));
  }

  /** Every failing route answers as without Sentry, and fast. */
  async function expectUnchangedAndFast(running: RunningApp): Promise<void> {
    for (const path of FAILING_ROUTES) {
      const started = Date.now();
      const res = await running.http().get(path);
      expect(Date.now() - started, `${path} took too long`).toBeLessThan(FAST_MS);
      const expected = await baseline.http().get(path);
      expect({ status: res.status, body: res.body }).toEqual({ status: expected.status, body: expected.body });
    }
  }

  const warnings = (logger: CapturingLogger) => logger.at('warn').map((entry) => entry.message);
  const recoveries = (logger: CapturingLogger) => logger.at('log').filter((entry) => /answers again/.test(entry.message));

  it('Sentry slow: responses unchanged and fast, one warning per outage, a delivered event ends it', async () => {
    const receiver = await SentryReceiver.start('slow');
    const logger = new CapturingLogger();
    const running = await startReporting(receiver.dsn, logger);
    try {
      for (let round = 0; round < 3; round++) await expectUnchangedAndFast(running);
      await until(() => warnings(logger).length > 0, 'the outage warning');
      // By now every send of the burst has hit its deadline.
      await delay(SEND_TIMEOUT_MS * 2);
      expect(warnings(logger)).toEqual([expect.stringMatching(/^Sentry is unreachable \(no answer within 200 ms\)/)]);

      receiver.mode = 'ok';
      const res = await running.http().get('/orders/boom');
      await receiver.waitForEventOf(res);
      await until(() => recoveries(logger).length === 1, 'the recovery line');

      receiver.mode = 'slow';
      await expectUnchangedAndFast(running);
      await until(() => warnings(logger).length === 2, 'the second outage warning');
      await delay(SEND_TIMEOUT_MS * 2);
      expect(warnings(logger)).toHaveLength(2);

      // Shutdown waits for pending events, but not longer than shutdownTimeout.
      await running.http().get('/orders/boom');
      const closing = Date.now();
      await running.close();
      expect(Date.now() - closing).toBeLessThan(1500);
    } finally {
      await receiver.close();
    }
  });

  it('Sentry down: responses unchanged and fast, one warning; back up, events arrive again', async () => {
    const { dsn, port } = await SentryReceiver.down();
    const logger = new CapturingLogger();
    const running = await startReporting(dsn, logger);
    let receiver: SentryReceiver | undefined;
    try {
      for (let round = 0; round < 3; round++) await expectUnchangedAndFast(running);
      await until(() => warnings(logger).length > 0, 'the outage warning');
      await delay(100);
      expect(warnings(logger)).toEqual([expect.stringMatching(/^Sentry is unreachable \(ECONNREFUSED\)/)]);

      receiver = await SentryReceiver.start('ok', port);
      const res = await running.http().get('/orders/boom');
      await receiver.waitForEventOf(res);
      await until(() => recoveries(logger).length === 1, 'the recovery line');
      expect(warnings(logger)).toHaveLength(1);
    } finally {
      await running.close();
      await receiver?.close();
    }
  });

  it('survives hostile thrown values: every one answered 500, the reportable ones reported', async () => {
    const receiver = await SentryReceiver.start();
    const running = await startApp(platform, sentryAppModule({ sentry: { dsn: receiver.dsn }, logger: false }));
    try {
      const paths = ['string', 'null', 'object', 'frozen', 'circular-cause', 'getters', 'proxy'].map((name) => `/hostile/${name}`);
      for (const path of paths) {
        const res = await running.http().get(path);
        expect({ path, status: res.status, body: res.body }).toEqual({ path, status: 500, body: { statusCode: 500, message: 'Internal server error' } });
      }
      expect(await running.app.get(SentryService).flush(2000)).toBe(true);
      const values = receiver.events.map((event) => event.exception?.values.at(-1)?.value);
      expect(values).toEqual(expect.arrayContaining(['a bare string', 'frozen', 'its own cause']));
      // The Proxy cannot be described; a stand-in says so, and the flush above was not held up by it.
      expect(receiver.events.map((event) => event.exception?.values.at(-1)?.type)).toContain('UnreadableThrownValue');
    } finally {
      await running.close();
      await receiver.close();
    }
  });

  it('the SDK starts building the event only after the response was written', async () => {
    const receiver = await SentryReceiver.start();
    const endedWhenBuildStarted: boolean[] = [];
    // preprocessEvent is the first thing the SDK runs when it builds an event, synchronously.
    const watcher = { name: 'ResponseEndedWatcher', preprocessEvent: () => void endedWhenBuildStarted.push(observedResponseEnded()) };
    const running = await startApp(platform, sentryAppModule({ sentry: { dsn: receiver.dsn, integrations: [watcher] }, logger: false }));
    try {
      const res = await running.http().get('/orders/observed');
      expect(res.status).toBe(500);
      await receiver.waitForEventOf(res);
      expect(endedWhenBuildStarted).toEqual([true]);
    } finally {
      await running.close();
      await receiver.close();
    }
  });

  it('flushes on shutdown: an error thrown just before app.close() arrives', async () => {
    const receiver = await SentryReceiver.start();
    // Slower than closing the app takes without a flush: the event only arrives if close() waits for it.
    receiver.answerDelayMs = 300;
    const running = await startApp(platform, sentryAppModule({ sentry: { dsn: receiver.dsn }, logger: false }));
    try {
      const res = await running.http().get('/orders/boom');
      await running.close();
      expect(receiver.events.map((event) => event.event_id)).toEqual([res.headers['x-sentry-event-id']]);
    } finally {
      await receiver.close();
    }
  });
});
