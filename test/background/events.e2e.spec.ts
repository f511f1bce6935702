import { EventEmitter2, EventEmitterModule } from '@nestjs/event-emitter';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { until } from '../helpers/until.js';
import { startBackgroundApp, type BackgroundApp } from './helpers/background-app.js';
import { unhandledRejectionsOf } from './helpers/unhandled-rejections.js';
import { OrderListeners } from './fixtures/order-listeners.js';

/** SPEC section 11 on the real @nestjs/event-emitter. */
describe('errors of @OnEvent listeners', () => {
  let running: BackgroundApp | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  const start = async (withModule = true) => {
    running = await startBackgroundApp({ imports: [EventEmitterModule.forRoot()], providers: [OrderListeners] }, { withModule });
    return { emitter: running.app.get(EventEmitter2), listeners: running.app.get(OrderListeners) };
  };

  it('reports a throwing listener once, as a 500 with the event name, class and method', async () => {
    const { emitter, listeners } = await start();
    expect(emitter.emit('order.created', { id: 'A-1' })).toBe(true);
    await until(() => running!.reporter!.reports.length === 1, 'one report');

    const [report] = running!.reporter!.reports;
    expect(report!.error).toBe(listeners.thrown[0]);
    expect(report!.context).toMatchObject({ status: 500, kind: 'event' });
    expect(report!.facts).toEqual({
      tags: { 'event.name': 'order.created', 'nest.class': 'OrderListeners', 'nest.method': 'onCreated' },
      contexts: { event: { name: 'order.created' } },
      transaction: 'event order.created',
    });
  });

  it('reports a rejecting async listener', async () => {
    const { emitter, listeners } = await start();
    emitter.emit('order.paid');
    await until(() => running!.reporter!.reports.length === 1, 'one report');
    expect(running!.reporter!.reports[0]!.error).toBe(listeners.thrown[0]);
    expect(running!.reporter!.reports[0]!.facts?.tags).toMatchObject({ 'event.name': 'order.paid', 'nest.method': 'onPaid' });
  });

  it('reports nothing for a listener that does not throw', async () => {
    const { emitter, listeners } = await start();
    await emitter.emitAsync('order.ok');
    expect(listeners.okCalls).toBe(1);
    expect(running!.reporter!.reports).toEqual([]);
    expect(running!.moduleLog.entries).toEqual([]);
  });

  it('logs each failure once, with the event, Class.method, the stack and the event id', async () => {
    const { emitter, listeners } = await start();
    emitter.emit('order.created', { id: 'A-2' });
    await until(() => running!.moduleLog.entries.length > 0, 'a log line');
    await delay(20);
    expect(running!.moduleLog.entries.map(({ level, message }) => ({ level, message }))).toEqual([
      { level: 'error', message: '500 Listener of event "order.created" (OrderListeners.onCreated) Error: cannot file order A-2 [event event-1]' },
    ]);
    expect(running!.moduleLog.entries[0]!.params[0]).toBe(listeners.thrown[0]!.stack);
  });

  describe('leaves the error where the event emitter puts it without the module', () => {
    it.each([false, true])('suppressErrors (the default): the package logs it, emit() goes on (with the module: %s)', async (withModule) => {
      const { emitter } = await start(withModule);
      expect(emitter.emit('order.created', { id: 'A-3' })).toBe(true);
      await until(() => running!.nestLog.at('error').length > 0, "the event emitter's log line");
      expect(running!.nestLog.at('error').map(({ message, params }) => ({ message, params }))).toEqual([
        { message: 'cannot file order A-3', params: [expect.stringContaining('Error: cannot file order A-3'), 'Event'] },
      ]);
    });

    it.each([false, true])('suppressErrors: false, emitAsync(): rejects with the same error, sync or async listener (with the module: %s)', async (withModule) => {
      const { emitter, listeners } = await start(withModule);
      const rejectionOf = (event: string) => emitter.emitAsync(event).then(() => 'resolved', (error: unknown) => error);
      expect(await rejectionOf('order.strict')).toBe(listeners.thrown[0]);
      expect(await rejectionOf('order.strict-async')).toBe(listeners.thrown[1]);
      expect(running!.reporter?.reports.map((report) => report.error) ?? listeners.thrown).toEqual(listeners.thrown);
    });

    it.each([false, true])('suppressErrors: false, emit(): the same error is an unhandled rejection (with the module: %s)', async (withModule) => {
      const { emitter, listeners } = await start(withModule);
      const unhandled = await unhandledRejectionsOf(
        () => void emitter.emit('order.strict-async'),
        () => delay(50),
      );
      expect(unhandled).toHaveLength(1);
      expect(unhandled[0]).toBe(listeners.thrown[0]);
      if (withModule) expect(running!.reporter!.reports.map((report) => report.error)).toEqual([listeners.thrown[0]]);
    });
  });
});
