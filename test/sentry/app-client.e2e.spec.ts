import diagnosticsChannel from 'node:diagnostics_channel';
import { Injectable, Module, type CanActivate, type ExecutionContext, type Type } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import * as Sentry from '@sentry/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SentryService } from 'nestjs-error-handlers';
import { PLATFORMS, startApp, type RunningApp } from '../helpers/platforms.js';
import { SentryReceiver } from '../helpers/sentry-receiver.js';
import { until } from '../helpers/until.js';
import { CapturingLogger } from './fixtures/capturing-logger.js';
import { DISTINCT_ERRORS, sentryAppModule } from './fixtures/sentry.app.js';

/**
 * The `instrument.ts` pattern: the app calls `Sentry.init()` before Nest
 * starts, with Sentry's default integrations (request isolation, request
 * data…). The module must report through that client, not a second one; its
 * scrubbing must still hold; shutdown flushes that client but leaves it open.
 *
 * Vitest runs each spec file in its own process, so this global init stays here.
 */

let appSentry: SentryReceiver;
/** Where the module's own `sentry.dsn` points: it must receive nothing, the app's client wins. */
let moduleSentry: SentryReceiver;

beforeAll(async () => {
  appSentry = await SentryReceiver.start();
  moduleSentry = await SentryReceiver.start();
  Sentry.init({ dsn: appSentry.dsn, environment: 'from-instrument-ts' });
});
afterAll(async () => {
  await Sentry.close(500);
  await appSentry?.close();
  await moduleSentry?.close();
});

/** Tags each request's isolation scope with its `x-marker` header, as app code calling `Sentry.setTag()` in a guard would. */
@Injectable()
class MarkRequestScope implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    Sentry.getIsolationScope().setTag('request.marker', String(context.switchToHttp().getRequest<{ headers: Record<string, unknown> }>().headers['x-marker']));
    return true;
  }
}

function withRequestMarker(root: Type): Type {
  @Module({ imports: [root], providers: [{ provide: APP_GUARD, useClass: MarkRequestScope }] })
  class MarkedAppModule {}
  return MarkedAppModule;
}

describe.each(PLATFORMS)('reusing the client the app initialised (%s)', (platform) => {
  let running: RunningApp;
  const logger = new CapturingLogger();

  beforeAll(async () => {
    running = await startApp(platform, withRequestMarker(sentryAppModule({ sentry: { dsn: moduleSentry.dsn, scrubHeaders: ['x-internal'] }, logger })));
  });
  afterAll(() => running?.close());
  beforeEach(() => appSentry.clear());

  it('reports through the app\'s client, and says so once at bootstrap', async () => {
    expect(running.app.get(SentryService).getClient()).toBe(Sentry.getClient());
    expect(logger.at('log').filter((entry) => /already initialised/.test(entry.message))).toHaveLength(1);
    const res = await running.http().get('/orders/boom');
    const event = await appSentry.waitForEventOf(res);
    expect(event.environment).toBe('from-instrument-ts');
    expect(event.tags).toMatchObject({ 'nest.route_handler': 'OrdersController.boom', 'http.status_code': '500' });
    expect(moduleSentry.requests).toBe(0);
  });

  it('each event carries what the app put on its own request\'s scope, even for concurrent requests', async () => {
    const markers = ['first', 'second', 'third'];
    // Different errors, none the same as the last test's: Sentry.init()'s Dedupe integration drops an event identical to the one before.
    const paths = ['/orders/caused', '/orders/boom', '/orders/storage'];
    const responses = await Promise.all(paths.map((path, index) => running.http().get(path).set('X-Marker', markers[index])));
    for (const [index, res] of responses.entries()) {
      const event = await appSentry.waitForEventOf(res);
      expect(event.tags).toMatchObject({ 'request.marker': markers[index] });
    }
  });

  it('really is an instrumented client (the contrast with the module\'s own)', () => {
    expect(diagnosticsChannel.hasSubscribers('http.server.request.start')).toBe(true);
  });

  it('scrubs the request even though Sentry\'s own request-data integration ran', async () => {
    const res = await running
      .http()
      .get('/orders/7/details?token=query-s3cret')
      .set('Authorization', 'Bearer auth-s3cret')
      .set('Cookie', 'sid=cookie-s3cret')
      .set('X-Internal', 'internal-s3cret');
    const event = await appSentry.waitForEventOf(res);
    expect(event.request?.headers).not.toHaveProperty('authorization');
    expect(event.request?.headers).not.toHaveProperty('x-internal');
    expect(event.user).toMatchObject({ id: 'user-42' });
    expect(JSON.stringify(event)).not.toMatch(/s3cret/);
  });
});

it('on shutdown flushes the app\'s client but leaves it open for the rest of the app', async () => {
  appSentry.clear();
  appSentry.answerDelayMs = 300;
  const running = await startApp('express', sentryAppModule({ logger: false }));
  const res = await running.http().get('/orders/boom');
  await running.close();
  expect(appSentry.events.map((event) => event.event_id)).toEqual([res.headers['x-sentry-event-id']]);

  appSentry.answerDelayMs = 0;
  const laterId = Sentry.captureException(new Error('after the Nest app closed'));
  await appSentry.waitForEvent((event) => event.event_id === laterId);
});

// Distinct errors in turn: Sentry.init()'s Dedupe drops an event identical to the one before it, on purpose, before the module sees it (see docs/reporting.md).
it("events the app's client drops (Sentry slow) are counted, said once, and carried into the next event", async () => {
  appSentry.clear();
  appSentry.answerDelayMs = 2000;
  const logger = new CapturingLogger();
  const running = await startApp('fastify', sentryAppModule({ logger, stormControl: false }));
  try {
    const burst = await Promise.all(Array.from({ length: 150 }, (_, index) => running.http().get(`/storm/distinct/${index % DISTINCT_ERRORS.length}`)));
    expect(burst.every((res) => res.status === 500)).toBe(true);
    const backlog = () => logger.at('warn').filter((entry) => /not keeping up/.test(entry.message));
    await until(() => backlog().length > 0, 'the backlog warning', 5000);

    appSentry.answerDelayMs = 0;
    expect(await running.app.get(SentryService).flush(5000)).toBe(true);
    const next = await running.http().get('/orders/caused');
    await appSentry.waitForEventOf(next);
    const counts = appSentry.events.map((event) => (event.contexts as { occurrences?: { count: number } }).occurrences?.count ?? NaN);
    expect(counts.length).toBeLessThan(151);
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(151);
    expect(backlog()).toHaveLength(1);
  } finally {
    appSentry.answerDelayMs = 0;
    await running.close();
  }
});
