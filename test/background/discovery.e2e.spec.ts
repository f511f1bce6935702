import { Injectable, Scope } from '@nestjs/common';
import { EventEmitter2, EventEmitterModule, OnEvent } from '@nestjs/event-emitter';
import { Interval, ScheduleModule } from '@nestjs/schedule';
import { afterEach, describe, expect, it } from 'vitest';
import { until } from '../helpers/until.js';
import { startBackgroundApp, type BackgroundApp } from './helpers/background-app.js';
import { OrderListeners } from './fixtures/order-listeners.js';

/** Which methods get wrapped: providers however they are made, inherited methods, and apps started one after another. */

@Injectable({ scope: Scope.REQUEST })
class RequestScopedListener {
  @OnEvent('audit.written')
  onWritten(): never {
    throw new Error('request-scoped listener');
  }
}

class FactoryMadeListener {
  @OnEvent('report.built')
  onBuilt(): never {
    throw new Error('factory-made listener');
  }
}

abstract class PollingJob {
  ticks = 0;
  @Interval('poll', 20)
  poll(): void {
    this.ticks += 1;
    if (this.ticks === 1) throw new Error(`first poll of ${this.constructor.name}`);
  }
}

@Injectable()
class InventoryPoll extends PollingJob {}

describe('background methods found on', () => {
  let running: BackgroundApp | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  it('a request-scoped listener, which the event emitter instantiates per event', async () => {
    running = await startBackgroundApp({ imports: [EventEmitterModule.forRoot()], providers: [RequestScopedListener] });
    running.app.get(EventEmitter2).emit('audit.written', { id: 1 });
    await until(() => running!.reporter!.reports.length === 1, 'one report');
    expect(running.reporter!.reports[0]!.facts?.tags).toMatchObject({ 'event.name': 'audit.written', 'nest.class': 'RequestScopedListener' });
  });

  it('a provider made by a factory', async () => {
    running = await startBackgroundApp({
      imports: [EventEmitterModule.forRoot()],
      providers: [{ provide: 'REPORTS', useFactory: () => new FactoryMadeListener() }],
    });
    running.app.get(EventEmitter2).emit('report.built');
    await until(() => running!.reporter!.reports.length === 1, 'one report');
    expect(running.reporter!.reports[0]!.facts?.tags).toMatchObject({ 'nest.class': 'FactoryMadeListener', 'nest.method': 'onBuilt' });
  });

  it('a base class: the wrapper is on the declaring prototype, the report names the provider', async () => {
    running = await startBackgroundApp({ imports: [ScheduleModule.forRoot()], providers: [InventoryPoll] });
    await until(() => running!.app.get(InventoryPoll).ticks >= 3, 'three polls');
    expect(running.reporter!.reports.map((report) => report.facts?.tags)).toEqual([
      { 'schedule.kind': 'interval', 'schedule.name': 'poll', 'nest.class': 'InventoryPoll', 'nest.method': 'poll' },
    ]);
  });

  it('an app importing ScheduleModule before ErrorHandlersModule, whose explorer then runs first', async () => {
    running = await startBackgroundApp({ imports: [ScheduleModule.forRoot()], providers: [InventoryPoll] }, { moduleLast: true });
    await until(() => running!.app.get(InventoryPoll).ticks >= 2, 'two polls');
    expect(running.reporter!.reports.map((report) => report.facts?.tags['schedule.name'])).toEqual(['poll']);
  });

  it('apps started one after another with the same classes: each reports to its own reporter, and closing restores the class', async () => {
    const original = OrderListeners.prototype.onCreated;
    const first = await startBackgroundApp({ imports: [EventEmitterModule.forRoot()], providers: [OrderListeners] });
    const second = await startBackgroundApp({ imports: [EventEmitterModule.forRoot()], providers: [OrderListeners] });
    expect(OrderListeners.prototype.onCreated).not.toBe(original);

    second.app.get(EventEmitter2).emit('order.created', { id: 'B' });
    await first.close();
    second.app.get(EventEmitter2).emit('order.created', { id: 'C' });
    await until(() => second.reporter!.reports.length === 2, 'two reports to the second app');
    expect(first.reporter!.reports).toEqual([]);
    await second.close();
    expect(OrderListeners.prototype.onCreated).toBe(original);
  });
});
