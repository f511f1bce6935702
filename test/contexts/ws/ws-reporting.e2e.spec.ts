import { afterEach, describe, expect, it } from 'vitest';
import { ErrorHandlersModule } from 'nestjs-error-handlers';
import { makeEventsGateway, rootModule, type FailingEvent } from './fixtures/events.gateway.js';
import { gatewayPlace, PLACEMENTS, startGatewayApp, TRANSPORTS, type GatewayApp, type GatewayPlace, type Placement, type WsTransportName } from './helpers/gateway-apps.js';
import { CapturingLogger, RecordingReporter } from './helpers/recording.js';

const DATA = { room: 'lobby' };

async function start(transport: WsTransportName, placement: Placement, options: { module?: boolean; logger?: CapturingLogger } = {}) {
  const place = await gatewayPlace(transport, placement);
  const imports = options.module === false ? [] : [ErrorHandlersModule.forRoot({ reporter: RecordingReporter })];
  const running = await startGatewayApp(rootModule([makeEventsGateway(place)], imports), place, { logger: options.logger ?? false });
  return { running, place };
}

/** `WS boom`, `WS /chat boom`: the place the module names in its log line and as the transaction. */
function whereOf(place: GatewayPlace, event: string): string {
  return place.namespace && place.namespace !== '/' ? `WS ${place.namespace} ${event}` : `WS ${event}`;
}

describe.each(TRANSPORTS)('reporting gateway errors (%s)', (transport) => {
  let running: GatewayApp | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
    RecordingReporter.seen.length = 0;
  });

  it.each(PLACEMENTS)('reports an unhandled error as a 500 of kind ws, with the event and namespace (gateway on %s)', async (placement) => {
    const started = await start(transport, placement);
    running = started.running;
    const client = await running.connect();
    await client.request('boom', DATA);
    const { place } = started;
    expect(RecordingReporter.seen).toHaveLength(1);
    const [report] = RecordingReporter.seen;
    expect(report).toMatchObject({ status: 500, kind: 'ws', controller: 'EventsGateway', module: 'RootModule', handler: undefined });
    expect((report!.error as Error).message).toBe('db password=hunter2');
    const tags: Record<string, string> = { 'ws.event': 'boom' };
    if (place.namespace) tags['ws.namespace'] = place.namespace;
    expect(report!.facts).toEqual({
      tags,
      contexts: { ws: { event: 'boom', transport, ...(place.namespace && { namespace: place.namespace }) } },
      transaction: whereOf(place, 'boom'),
    });
  });

  it('reports every way a handler can fail unexpectedly, each once, with its status', async () => {
    running = (await start(transport, 'express')).running;
    const client = await running.connect();
    for (const event of ['boom', 'asyncBoom', 'observableBoom', 'unavailable'] satisfies FailingEvent[]) await client.request(event, DATA);
    expect(RecordingReporter.seen.map(({ error, status }) => [(error as Error).message, status])).toEqual([
      ['db password=hunter2', 500],
      ['async internal detail', 500],
      ['observable internal detail', 500],
      ['try later', 503],
    ]);
  });

  it('does not report a WsException (a deliberate answer) nor an HttpException under 500', async () => {
    running = (await start(transport, 'express')).running;
    const client = await running.connect();
    for (const event of ['refuse', 'refuseObject', 'guarded', 'notFound', 'piped'] satisfies FailingEvent[]) await client.request(event, DATA);
    expect(RecordingReporter.seen).toEqual([]);
  });
});

describe.each(TRANSPORTS)('logging gateway errors (%s)', (transport) => {
  let running: GatewayApp | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
    RecordingReporter.seen.length = 0;
  });

  it('logs an unhandled error once, through the module, naming the place and the event id; Nest\'s filter does not log it again', async () => {
    const logger = new CapturingLogger();
    const started = await start(transport, 'express', { logger });
    running = started.running;
    const client = await running.connect();
    await client.request('boom', DATA);
    await client.request('asyncBoom', DATA);
    await client.request('unavailable', DATA);
    expect(logger.errors()).toEqual([
      { level: 'error', message: `500 ${whereOf(started.place, 'boom')} Error: db password=hunter2 [event event-1]`, context: 'ErrorHandlers' },
      { level: 'error', message: `500 ${whereOf(started.place, 'asyncBoom')} TypeError: async internal detail [event event-2]`, context: 'ErrorHandlers' },
      // A 5xx HttpException: Nest does not log it (an IntrinsicException); the module logs every 5xx (SPEC section 6).
      { level: 'error', message: `503 ${whereOf(started.place, 'unavailable')} ServiceUnavailableException: try later [event event-3]`, context: 'ErrorHandlers' },
    ]);
  });

  it('logs nothing for a WsException or an HttpException under 500', async () => {
    const logger = new CapturingLogger();
    running = (await start(transport, 'express', { logger })).running;
    const client = await running.connect();
    for (const event of ['refuse', 'refuseObject', 'guarded', 'notFound', 'piped'] satisfies FailingEvent[]) await client.request(event, DATA);
    expect(logger.errors()).toEqual([]);
  });

  it('without the module, Nest logs an unhandled error once, and no exception (HttpException is an IntrinsicException)', async () => {
    const logger = new CapturingLogger();
    running = (await start(transport, 'express', { module: false, logger })).running;
    const client = await running.connect();
    for (const event of ['boom', 'refuse', 'notFound', 'unavailable'] satisfies FailingEvent[]) await client.request(event, DATA);
    expect(logger.errors()).toEqual([{ level: 'error', message: 'Error: db password=hunter2', context: 'WsExceptionsHandler' }]);
  });
});
