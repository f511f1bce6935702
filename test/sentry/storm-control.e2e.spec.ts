import { Injectable, Module } from '@nestjs/common';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorHandlersModule, ErrorReporter, SentryService, type ErrorHandlersModuleOptions, type ErrorReportContext } from 'nestjs-error-handlers';
import { PLATFORMS, startApp, type RunningApp } from '../helpers/platforms.js';
import { SentryReceiver, type SentryEventJson } from '../helpers/sentry-receiver.js';
import { until } from '../helpers/until.js';
import { DISTINCT_ERRORS, sentryAppModule, ShopModule } from './fixtures/sentry.app.js';

/**
 * SPEC section 6, storm control, through the real @sentry/node transport:
 * the first occurrences of a fingerprint are sent in full, the rest counted
 * into `contexts.occurrences.count`, so the counts received add up to the
 * errors reported. Small limits and windows keep the tests fast.
 */

interface Occurrences {
  count: number;
  summary?: true;
}

const occurrencesOf = (event: SentryEventJson) => (event.contexts as { occurrences?: Occurrences } | undefined)?.occurrences;
const countOf = (event: SentryEventJson) => occurrencesOf(event)?.count ?? NaN;
const sumOf = (events: SentryEventJson[]) => events.reduce((sum, event) => sum + countOf(event), 0);
const typeOf = (event: SentryEventJson) => event.exception?.values.at(-1)?.type;

describe.each(PLATFORMS)('storm control against a real Sentry transport (%s)', (platform) => {
  let receiver: SentryReceiver | undefined;
  let running: RunningApp | undefined;
  afterEach(async () => {
    await running?.close();
    await receiver?.close();
    running = receiver = undefined;
  });

  async function start(options: ErrorHandlersModuleOptions): Promise<{ receiver: SentryReceiver; running: RunningApp }> {
    receiver = await SentryReceiver.start();
    running = await startApp(platform, sentryAppModule({ sentry: { dsn: receiver.dsn }, logger: false, ...options }));
    return { receiver, running };
  }

  async function burst(app: RunningApp, path: string, count: number): Promise<void> {
    for (let index = 0; index < count; index++) expect((await app.http().get(path)).status).toBe(500);
  }

  it('a burst of one fingerprint: the budgeted events in full, the rest counted; counts pending at app.close() arrive', async () => {
    const { receiver, running } = await start({ stormControl: { perFingerprint: 3, maxEventsPerSecond: false } });
    await burst(running, '/orders/boom', 25);
    expect(await running.app.get(SentryService).flush(2000)).toBe(true);
    expect(receiver.events.map(countOf)).toEqual([1, 1, 1]);

    await running.close();
    const events = receiver.events;
    expect(events).toHaveLength(4);
    expect(occurrencesOf(events[3]!)).toEqual({ count: 22, summary: true });
    // The summary reports the last error counted: the same class, so Sentry files it under the same issue.
    expect(events.map(typeOf)).toEqual(['Error', 'Error', 'Error', 'Error']);
    expect(events[3]!.tags).toMatchObject({ 'http.status_code': '500', 'nest.controller': 'OrdersController', 'nest.module': 'ShopModule' });
    expect(sumOf(events)).toBe(25);
  });

  it("the window rolls over: its count arrives in a summary at the window's end, then a new budget starts", async () => {
    const { receiver, running } = await start({ stormControl: { windowMs: 300, perFingerprint: 2, maxEventsPerSecond: false } });
    await burst(running, '/orders/boom', 9);
    const summary = await receiver.waitForEvent((event) => occurrencesOf(event)?.summary === true);
    // A slow machine may have rolled the window during the burst: then more went in full; the sum is the same.
    await until(() => sumOf(receiver!.events) >= 9, 'counts adding up to the burst');
    expect(sumOf(receiver.events)).toBe(9);
    expect(summary.exception?.values.at(-1)?.value).toBe('kaboom');

    receiver.clear();
    await burst(running, '/orders/boom', 1);
    const next = await receiver.waitForEvent();
    expect(occurrencesOf(next)).toEqual({ count: 1 });
  });

  it('many distinct fingerprints: each is reported, the ones the global cap held back in a summary of their own', async () => {
    const { receiver, running } = await start({ stormControl: { perFingerprint: 1, maxEventsPerSecond: 5 } });
    for (let index = 0; index < DISTINCT_ERRORS.length; index++) await burst(running, `/storm/distinct/${index}`, 2);
    await running.close();
    const types = new Set(receiver.events.map(typeOf));
    expect(types).toEqual(new Set(DISTINCT_ERRORS.map((errorClass) => errorClass.name)));
    expect(sumOf(receiver.events)).toBe(DISTINCT_ERRORS.length * 2);
    for (const name of types) {
      expect(sumOf(receiver.events.filter((event) => typeOf(event) === name)), name).toBe(2);
    }
  });

  /** A send queue of one, and a Sentry that takes its time: events reported together overflow the SDK's queue. */
  const narrowQueue = (receiver: SentryReceiver) => {
    receiver.answerDelayMs = 300;
    return { dsn: receiver.dsn, transportOptions: { bufferSize: 1 } };
  };

  it("an event the SDK's full queue drops gives its count back to its fingerprint, which is sent again: every fingerprint arrives, with its own count", async () => {
    receiver = await SentryReceiver.start();
    running = await startApp(platform, sentryAppModule({ sentry: narrowQueue(receiver), logger: false, stormControl: { perFingerprint: 1, maxEventsPerSecond: false } }));
    const answers = await Promise.all([0, 1, 2].map((index) => running!.http().get(`/storm/distinct/${index}`)));
    expect(answers.map((res) => res.status)).toEqual([500, 500, 500]);
    // Sent again by the running app after the retry delay, one at a time through the narrow queue: no shutdown needed.
    await until(() => new Set(receiver!.events.map(typeOf)).size === 3, 'each fingerprint, sent again', 8000);
    expect(receiver.events.map(countOf)).toEqual([1, 1, 1]);
    // Nothing rode on another fingerprint's event.
    expect(receiver.events.every((event) => (event.contexts as { occurrences?: { carried?: number } }).occurrences?.carried === undefined)).toBe(true);
  });

  it("on shutdown, counts the SDK's full queue dropped go back to their fingerprints and out again before the app closes", async () => {
    receiver = await SentryReceiver.start();
    running = await startApp(platform, sentryAppModule({ sentry: narrowQueue(receiver), logger: false, stormControl: { perFingerprint: 1, maxEventsPerSecond: false } }));
    await Promise.all([0, 1, 2].map((index) => running!.http().get(`/storm/distinct/${index}`)));
    expect(await running.app.get(SentryService).flush(2000)).toBe(true);
    expect(receiver.events).toHaveLength(1);

    await running.close();
    expect(receiver.events.map(typeOf).sort()).toEqual(DISTINCT_ERRORS.slice(0, 3).map((errorClass) => errorClass.name).sort());
    expect(receiver.events.map(countOf)).toEqual([1, 1, 1]);
  });

  it('the global cap holds across fingerprints, and what it held back is counted', async () => {
    const cap = 4;
    const { receiver, running } = await start({ stormControl: { perFingerprint: false, maxEventsPerSecond: cap } });
    const started = Date.now();
    await Promise.all(Array.from({ length: 30 }, () => running.http().get('/orders/boom')));
    const elapsed = Date.now() - started;
    expect(await running.app.get(SentryService).flush(2000)).toBe(true);
    // At most `cap` per second started: however long the burst took on this machine.
    expect(receiver.events.length).toBeGreaterThan(0);
    expect(receiver.events.length).toBeLessThanOrEqual(cap * (Math.floor(elapsed / 1000) + 1));

    await running.close();
    expect(sumOf(receiver.events)).toBe(30);
  });

  it('stormControl: false sends every reported error as its own event, count 1', async () => {
    const { receiver, running } = await start({ stormControl: false });
    await burst(running, '/orders/boom', 15);
    await receiver.waitForEvents(15);
    expect(receiver.events.map(countOf)).toEqual(Array(15).fill(1));
    expect(receiver.events.every((event) => occurrencesOf(event)?.summary === undefined)).toBe(true);
  });
});

/** What a custom reporter is told: the same counts, in `occurrences` and `summary`. */
@Injectable()
class TallyReporter extends ErrorReporter {
  static readonly seen: Array<Pick<ErrorReportContext, 'occurrences' | 'summary' | 'status' | 'controller'>> = [];
  captureException(_error: unknown, context?: ErrorReportContext): string | undefined {
    TallyReporter.seen.push({ occurrences: context?.occurrences, summary: context?.summary, status: context!.status, controller: context?.controller });
    return undefined;
  }
}

describe.each(PLATFORMS)('storm control with a custom ErrorReporter (%s)', (platform) => {
  it('works the same: occurrences on each report, a summary on shutdown', async () => {
    TallyReporter.seen.length = 0;
    @Module({ imports: [ErrorHandlersModule.forRoot({ reporter: TallyReporter, logger: false, stormControl: { perFingerprint: 2 } }), ShopModule] })
    class TallyModule {}
    const running = await startApp(platform, TallyModule);
    for (let index = 0; index < 6; index++) await running.http().get('/orders/boom');
    await running.close();
    expect(TallyReporter.seen).toEqual([
      { occurrences: 1, summary: undefined, status: 500, controller: 'OrdersController' },
      { occurrences: 1, summary: undefined, status: 500, controller: 'OrdersController' },
      { occurrences: 4, summary: true, status: 500, controller: 'OrdersController' },
    ]);
  });
});

describe('storm control options', () => {
  it.each([
    [{ windowMs: 0 }, /windowMs must be a positive number, got 0/],
    [{ perFingerprint: 0 }, /perFingerprint must be a whole number ≥ 1 or false, got 0/],
    [{ maxEventsPerSecond: 1.5 }, /maxEventsPerSecond must be a whole number ≥ 1 or false, got 1.5/],
    [{ maxFingerprints: false as unknown as number }, /maxFingerprints must be a whole number ≥ 1, got false/],
  ])('refuses %o at bootstrap, saying what it must be', async (stormControl, message) => {
    await expect(startApp('express', sentryAppModule({ logger: false, stormControl }))).rejects.toThrow(message);
  });
});
