import { executionAsyncId } from 'node:async_hooks';
import diagnosticsChannel from 'node:diagnostics_channel';
import { setTimeout as delay } from 'node:timers/promises';
import { Module, type INestApplication, type Type } from '@nestjs/common';
import * as Sentry from '@sentry/node';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorHandlersModule, ErrorReporter, SentryService, type ErrorReportContext } from 'nestjs-error-handlers';
import { PLATFORMS, startApp, type PlatformName, type RunningApp } from '../helpers/platforms.js';
import { SentryReceiver } from '../helpers/sentry-receiver.js';
import { AppErrors, ShopModule, sentryAppModule } from './fixtures/sentry.app.js';

/**
 * The client the module creates when the app did not initialise Sentry:
 * configured from `forRoot`/`forRootAsync`, private to its app (two apps in
 * one process do not meet), adding nothing to the request path, absent
 * without a DSN, and replaceable by binding `ErrorReporter`.
 */

/** Diagnostics channels Sentry's HTTP instrumentation subscribes to. */
const REQUEST_CHANNELS = ['http.server.request.start', 'http.server.response.finish', 'http.client.request.start', 'undici:request:create'];
const PROCESS_EVENTS = ['uncaughtException', 'unhandledRejection', 'beforeExit'] as const;

async function asyncIdAfterAwait(): Promise<number> {
  await null;
  return executionAsyncId();
}

describe.each(PLATFORMS)('the module\'s own Sentry client (%s)', (platform: PlatformName) => {
  const cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  async function receiver(): Promise<SentryReceiver> {
    const started = await SentryReceiver.start();
    cleanup.push(() => started.close());
    return started;
  }
  async function app(root: Type, configure?: Parameters<typeof startApp>[2]): Promise<RunningApp> {
    const running = await startApp(platform, root, configure);
    cleanup.push(() => running.close());
    return running;
  }

  it('adds no per-request instrumentation, process handler or global client', async () => {
    const sentry = await receiver();
    const channelsBefore = REQUEST_CHANNELS.map((name) => diagnosticsChannel.hasSubscribers(name));
    const listenersBefore = PROCESS_EVENTS.map((event) => process.listenerCount(event));
    const running = await app(sentryAppModule({ sentry: { dsn: sentry.dsn }, logger: false }));
    const res = await running.http().get('/orders/boom');
    await sentry.waitForEventOf(res);

    expect(REQUEST_CHANNELS.map((name) => diagnosticsChannel.hasSubscribers(name))).toEqual(channelsBefore);
    expect(Sentry.getClient()).toBeUndefined();
    expect(running.app.get(SentryService).getClient()).toBeInstanceOf(Sentry.NodeClient);
    await running.close();
    // The client's own exit hook goes with it.
    expect(PROCESS_EVENTS.map((event) => process.listenerCount(event))).toEqual(listenersBefore);
  });

  it('sends events without turning on async hooks for the whole process (every await would cost ~4× after the first event)', async () => {
    // With no async hook enabled, code resumed after an await runs with no async id.
    expect(await asyncIdAfterAwait()).toBe(0);
    const sentry = await receiver();
    const running = await app(sentryAppModule({ sentry: { dsn: sentry.dsn }, logger: false }));
    for (let index = 0; index < 3; index++) await sentry.waitForEventOf(await running.http().get(`/storm/distinct/${index}`));
    expect(sentry.events).toHaveLength(3);
    expect(await asyncIdAfterAwait()).toBe(0);
  });

  it('keeps the request pipeline of an app without a DSN', async () => {
    const sentry = await receiver();
    const withDsn = await app(sentryAppModule({ sentry: { dsn: sentry.dsn }, logger: false }));
    const withoutDsn = await app(sentryAppModule({ logger: false }));
    expect(pipelineOf(withDsn.app)).toEqual(pipelineOf(withoutDsn.app));
  });

  it('without a DSN sends nothing and breaks nothing, even with SENTRY_DSN in the environment', async () => {
    const sentry = await receiver();
    const previous = process.env.SENTRY_DSN;
    process.env.SENTRY_DSN = sentry.dsn;
    cleanup.push(async () => {
      if (previous === undefined) delete process.env.SENTRY_DSN;
      else process.env.SENTRY_DSN = previous;
    });
    const running = await app(sentryAppModule({ sentry: { environment: 'no-dsn' }, logger: false }));
    const res = await running.http().get('/orders/boom');
    expect(res.status).toBe(500);
    expect(res.headers['x-sentry-event-id']).toBeUndefined();
    const service = running.app.get(SentryService);
    expect(service.getClient()).toBeUndefined();
    expect(service.captureException(new Error('manual'))).toBeUndefined();
    expect(await service.flush(100)).toBe(true);
    await delay(100);
    expect(sentry.requests).toBe(0);
  });

  it('takes its options from forRootAsync', async () => {
    const sentry = await receiver();
    @Module({
      imports: [ErrorHandlersModule.forRootAsync({ useFactory: async () => ({ sentry: { dsn: sentry.dsn, environment: 'from-factory' }, logger: false }) }), ShopModule],
      providers: [AppErrors],
    })
    class AsyncAppModule {}
    const running = await app(AsyncAppModule);
    const res = await running.http().get('/orders/boom');
    const event = await sentry.waitForEventOf(res);
    expect(event.environment).toBe('from-factory');
  });

  it('keeps two apps in one process apart, before and after one of them closes', async () => {
    const [first, second] = [await receiver(), await receiver()];
    const firstApp = await startApp(platform, sentryAppModule({ sentry: { dsn: first.dsn }, logger: false }));
    const secondApp = await app(sentryAppModule({ sentry: { dsn: second.dsn }, logger: false }));
    const one = await firstApp.http().get('/orders/boom');
    const two = await secondApp.http().get('/orders/boom');
    await first.waitForEventOf(one);
    await second.waitForEventOf(two);
    await firstApp.close();
    const three = await secondApp.http().get('/orders/boom');
    await second.waitForEventOf(three);
    expect(first.events).toHaveLength(1);
    expect(second.events).toHaveLength(2);
  });

  it('passes init options through and lets the app use the client, scope and captureException', async () => {
    const sentry = await receiver();
    const beforeSend: Sentry.NodeOptions['beforeSend'] = (event) => ({ ...event, tags: { ...event.tags, 'seen.by': 'beforeSend' } });
    const running = await app(sentryAppModule({ sentry: { dsn: sentry.dsn, beforeSend }, logger: false }));
    const service = running.app.get(SentryService);
    service.getScope()!.setTag('tenant', 'acme');

    const res = await running.http().get('/orders/boom');
    const event = await sentry.waitForEventOf(res);
    expect(event.tags).toMatchObject({ tenant: 'acme', 'seen.by': 'beforeSend', 'nest.controller': 'OrdersController' });

    const manualId = service.captureException(new Error('reported by hand'));
    const manual = await sentry.waitForEvent((e) => e.event_id === manualId);
    expect(manual.exception?.values.at(-1)?.value).toBe('reported by hand');
    expect(manual.request).toBeUndefined();
  });

  it('can be replaced: bind ErrorReporter to another implementation', async () => {
    const sentry = await receiver();
    const seen: Array<{ error: unknown; context?: ErrorReportContext }> = [];
    class RecordingReporter extends ErrorReporter {
      captureException(error: unknown, context?: ErrorReportContext): string {
        seen.push({ error, context });
        return 'recorded-1';
      }
    }
    const running = await app(sentryAppModule({ sentry: { dsn: sentry.dsn }, logger: false }), (builder) =>
      builder.overrideProvider(ErrorReporter).useClass(RecordingReporter),
    );
    const res = await running.http().get('/orders/storage');
    expect(res.headers['x-sentry-event-id']).toBe('recorded-1');
    expect(seen).toHaveLength(1);
    expect(seen[0]?.context).toMatchObject({ status: 507, controller: 'OrdersController', module: 'ShopModule', handler: 'AppErrors.storageFull' });
    expect(await running.app.get(SentryService).flush(500)).toBe(true);
    expect(sentry.requests).toBe(0);
  });
});

/** Express router layers or Fastify hook counts, plus global enhancers: what a successful request runs through. */
function pipelineOf(app: INestApplication): unknown {
  const server = app.getHttpAdapter().getInstance() as { router?: { stack: Array<{ name: string }> } };
  if (server.router) return server.router.stack.map((layer) => layer.name);
  const hooksSymbol = Object.getOwnPropertySymbols(server).find((symbol) => symbol.description === 'fastify.hooks')!;
  const hooks = (server as unknown as Record<symbol, Record<string, unknown[]>>)[hooksSymbol]!;
  return Object.fromEntries(Object.entries(hooks).map(([name, list]) => [name, Array.isArray(list) ? list.length : 0]));
}
