import { EventEmitter2, EventEmitterModule } from '@nestjs/event-emitter';
import { ScheduleModule } from '@nestjs/schedule';
import { SentryService } from 'nestjs-error-handlers';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SentryReceiver } from '../helpers/sentry-receiver.js';
import { until } from '../helpers/until.js';
import { startBackgroundApp, type BackgroundApp } from './helpers/background-app.js';
import { OrderListeners } from './fixtures/order-listeners.js';
import { ScheduledJobs } from './fixtures/scheduled-jobs.js';

/** Background errors through the default reporter: the real @sentry/node transport, to a receiver on 127.0.0.1. */
describe('background errors reach Sentry', () => {
  let receiver: SentryReceiver;
  let running: BackgroundApp | undefined;
  beforeAll(async () => {
    receiver = await SentryReceiver.start();
  });
  afterAll(async () => {
    await receiver.close();
  });
  afterEach(async () => {
    await running?.close();
    running = undefined;
    receiver.clear();
  });

  const start = () =>
    startBackgroundApp(
      { imports: [EventEmitterModule.forRoot(), ScheduleModule.forRoot({ cronJobs: false })], providers: [OrderListeners, ScheduledJobs] },
      { defaultReporter: true, options: { sentry: { dsn: receiver.dsn } } },
    );

  it('sends one event per failure, unhandled, with the error and the stack through the wrapper', async () => {
    running = await start();
    const jobs = running.app.get(ScheduledJobs);
    running.app.get(EventEmitter2).emit('order.created', { id: 'S-1' });
    await until(() => jobs.intervalTicks >= 4 && jobs.timeoutRuns === 1, 'the interval past its failures, and the timeout');
    expect(await running.app.get(SentryService).flush(2_000)).toBe(true);

    const messages = receiver.events.map((event) => event.exception?.values.at(-1)?.value).sort();
    expect(messages).toEqual(['cannot file order S-1', 'interval tick 1', 'interval tick 2', 'timeout rejected']);
    const listenerEvent = receiver.events.find((event) => event.exception?.values.at(-1)?.value === 'cannot file order S-1')!;
    const exception = listenerEvent.exception!.values.at(-1)! as { mechanism?: { handled?: boolean }; stacktrace?: { frames?: Array<{ function?: string }> } };
    expect(exception.mechanism?.handled).toBe(false);
    expect(exception.stacktrace?.frames?.map((frame) => frame.function)).toContain('OrderListeners.onCreated');
    expect(listenerEvent.request).toBeUndefined();
    expect(listenerEvent.tags).toMatchObject({ 'nest.module': 'BackgroundRoot' });
  });
});
