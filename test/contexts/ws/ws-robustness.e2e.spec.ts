import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ErrorHandlersModule } from 'nestjs-error-handlers';
import { until } from '../../helpers/until.js';
import { rootModule } from './fixtures/events.gateway.js';
import { Departure, makeRobustnessGateway, RobustnessHandlers } from './fixtures/robustness.gateway.js';
import { gatewayPlace, PLACEMENTS, startGatewayApp, TRANSPORTS, type GatewayApp } from './helpers/gateway-apps.js';
import { CapturingLogger, RecordingReporter } from './helpers/recording.js';

const unhandledRejections: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandledRejections.push(reason);
beforeAll(() => void process.on('unhandledRejection', onUnhandled));
afterAll(() => void process.off('unhandledRejection', onUnhandled));

describe.each(TRANSPORTS)('no gateway error is lost (%s)', (transport) => {
  let running: GatewayApp | undefined;
  let logger: CapturingLogger;
  afterEach(async () => {
    await running?.close();
    running = undefined;
    RecordingReporter.seen.length = 0;
    Departure.current = new Departure();
  });

  async function start(placement: (typeof PLACEMENTS)[number]) {
    const place = await gatewayPlace(transport, placement);
    logger = new CapturingLogger();
    const root = rootModule([makeRobustnessGateway(place), RobustnessHandlers], [ErrorHandlersModule.forRoot({ reporter: RecordingReporter })]);
    running = await startGatewayApp(root, place, { logger });
  }

  it.each(PLACEMENTS)("settles an async handler's answer after the client has left: reported, logged, nothing rejected (gateway on %s)", async (placement) => {
    await start(placement);
    const client = await running!.connect();
    client.send('leave');
    // The handler waits for the disconnect; the answer then goes to a closed socket.
    await until(() => Departure.current.waiting, 'the handler to wait');
    client.close();
    await until(() => RecordingReporter.seen.length === 1, 'the late answer to be reported');
    await until(() => logger.errors().length === 1, 'the late answer to be logged');
    expect(RecordingReporter.seen[0]).toMatchObject({ status: 503, handler: 'RobustnessHandlers.afterLeaving' });
    expect(logger.errors()[0]!.message).toMatch(/^503 WS (\/\w+ )?leave AfterLeavingError: answered after the client left \[event event-1]$/);
    expect(unhandledRejections).toEqual([]);
  });

  it("answers with Nest's payload for an unknown error when a handler's answer cannot be sent; both failures reported", async () => {
    await start('express');
    const client = await running!.connect();
    expect((await client.request('unsendable', 7)).data).toEqual({ status: 'error', message: 'Internal server error', cause: { pattern: 'unsendable', data: 7 } });
    // socket.io fails on the self-reference (RangeError), ws on the BigInt (TypeError): either way before anything is sent.
    expect(RecordingReporter.seen).toEqual([
      expect.objectContaining({ status: 500, handler: 'RobustnessHandlers.unsendable', error: expect.any(Error) }),
      expect.objectContaining({ status: 500, error: expect.objectContaining({ message: 'its answer cannot be sent' }) }),
    ]);
    expect(await client.request('echo', 'still there')).toEqual({ event: 'echo', data: 'still there' });
    expect(unhandledRejections).toEqual([]);
  });
});
