import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ErrorHandlersModule } from 'nestjs-error-handlers';
import { rootModule } from './fixtures/events.gateway.js';
import { hostsSeen, makeFailGateway, WsHandlers } from './fixtures/handlers.gateway.js';
import { NEST_SENDS_TO_WS } from './helpers/nest-version.js';
import { gatewayPlace, startGatewayApp, TRANSPORTS, type GatewayApp } from './helpers/gateway-apps.js';
import type { GatewayClient } from './helpers/ws-clients.js';
import { CapturingLogger, RecordingReporter } from './helpers/recording.js';

/** Nest's `exception` payload for a value it does not know (anything but a WsException). */
const nestUnknown = (name: string) => ({ status: 'error', message: 'Internal server error', cause: { pattern: 'fail', data: name } });

const unhandledRejections: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandledRejections.push(reason);
beforeAll(() => void process.on('unhandledRejection', onUnhandled));
afterAll(() => void process.off('unhandledRejection', onUnhandled));

describe.each(TRANSPORTS)('@ErrorHandler methods answering gateway errors (%s)', (transport) => {
  let running: GatewayApp;
  let client: GatewayClient;
  let logger: CapturingLogger;
  /** The log line's place: the socket.io namespace or the ws path of the gateway, and the event. */
  const where = transport === 'socket.io' ? 'WS /chat fail' : 'WS /events fail';

  beforeAll(async () => {
    const place = await gatewayPlace(transport, 'express');
    logger = new CapturingLogger();
    const root = rootModule([makeFailGateway(place), WsHandlers], [ErrorHandlersModule.forRoot({ reporter: RecordingReporter })]);
    running = await startGatewayApp(root, place, { logger });
    client = await running.connect();
  });
  afterAll(() => running.close());
  afterEach(() => {
    client.relayed.length = 0;
    RecordingReporter.seen.length = 0;
    logger.lines.length = 0;
    hostsSeen.length = 0;
  });

  const reported = () => RecordingReporter.seen.map(({ error, status, handler }) => ({ message: (error as Error).message, status, handler }));

  it("emits an ErrorResponse's body as the exception payload; its status decides reporting (409: not reported)", async () => {
    expect(await client.request('fail', 'RoomFullError')).toEqual({ event: 'exception', data: { code: 'ROOM_FULL', message: 'failing' } });
    expect(hostsSeen).toEqual([{ type: 'ws', pattern: 'fail', data: 'RoomFullError' }]);
    // A handler's answer is sent to the client on Nest 11 too (Nest 11's own filter only emits on the server-side socket).
    expect(client.relayed).toEqual([]);
    expect(reported()).toEqual([]);
    expect(logger.errors()).toEqual([]);
  });

  it('emits a body that is not an object as Nest emits a WsException carrying it', async () => {
    expect((await client.request('fail', 'TextAnswerError')).data).toEqual({ status: 'error', message: 'try another room', cause: { pattern: 'fail', data: 'TextAnswerError' } });
  });

  it("emits a plain value as the payload; without a status it is a 500, reported with the handler's name", async () => {
    expect((await client.request('fail', 'PlainValueError')).data).toEqual({ retry: true });
    expect(reported()).toEqual([{ message: 'failing', status: 500, handler: 'WsHandlers.plain' }]);
  });

  it('emits a returned WsException as Nest emits it, and does not report it', async () => {
    expect((await client.request('fail', 'WsAnswerError')).data).toEqual({ status: 'error', message: 'answered as a WsException', cause: { pattern: 'fail', data: 'WsAnswerError' } });
    expect(reported()).toEqual([]);
  });

  it("emits a returned HttpException's HTTP body, keeping its status (404: not reported, not logged)", async () => {
    expect((await client.request('fail', 'HttpAnswerError')).data).toEqual({ statusCode: 404, message: 'no such room', error: 'Not Found' });
    expect(reported()).toEqual([]);
    expect(logger.errors()).toEqual([]);
  });

  it('emits an HttpException the handler throws as if it had returned it', async () => {
    expect((await client.request('fail', 'ThrowsHttpError')).data).toEqual({ statusCode: 403, message: 'not yours', error: 'Forbidden' });
  });

  it("leaves Nest's own payload when the handler returns nothing", async () => {
    expect((await client.request('fail', 'SilentError')).data).toEqual(nestUnknown('SilentError'));
    expect(client.relayed).toHaveLength(transport === 'ws' && !NEST_SENDS_TO_WS ? 1 : 0);
    expect(reported()).toEqual([{ message: 'failing', status: 500, handler: 'WsHandlers.silent' }]);
  });

  it("emits an async handler's answer once it resolves", async () => {
    expect((await client.request('fail', 'AsyncAnswerError')).data).toEqual({ answered: 'later' });
    expect(reported()).toEqual([]);
  });

  it('answers through the 500 handler when an async handler rejects; both errors reported, nothing rejected unhandled', async () => {
    expect((await client.request('fail', 'AsyncFailingError')).data).toEqual({ message: 'Something went wrong on our side' });
    expect(reported()).toEqual([
      { message: 'the handler broke', status: 500, handler: 'WsHandlers.brokenLater' },
      { message: 'failing', status: 500, handler: 'WsHandlers.internal' },
    ]);
    expect(logger.errors().map(({ message }) => message)).toEqual([
      `Error handler WsHandlers.brokenLater failed on ${where}: Error: the handler broke`,
      `500 ${where} AsyncFailingError: failing [event event-2]`,
    ]);
    expect(unhandledRejections).toEqual([]);
  });

  it('sends nothing more when the handler answered the client itself and returned it', async () => {
    expect(await client.request('fail', 'DirectAnswerError')).toEqual({ event: 'kicked', data: { reason: 'failing' } });
    // The next message the client gets is the answer to its next request: no exception event came between.
    expect(await client.request('echo', 1)).toEqual({ event: 'echo', data: 1 });
  });

  it("treats an answer with a status that is not an HTTP status as the handler's failure (SPEC section 4)", async () => {
    expect((await client.request('fail', 'BadStatusError')).data).toEqual({ message: 'Something went wrong on our side' });
    expect(logger.errors()[0]?.message).toBe(
      `Error handler WsHandlers.badStatus failed on ${where}: TypeError: the handler's answer has status 999, which is not an HTTP status: ` +
        'use an integer from 200 to 599 (in a gateway it decides reporting and logging).',
    );
  });

  it('reports a WsException with status 400 when its handler says report: true', async () => {
    expect((await client.request('fail', 'ReportedWsException')).data).toEqual({ status: 'error', message: 'failing', cause: { pattern: 'fail', data: 'ReportedWsException' } });
    expect(reported()).toEqual([{ message: 'failing', status: 400, handler: 'WsHandlers.reportedWs' }]);
  });

  it('gives an unhandled error to the 500 handler (SPEC section 3, step 3), reported as a 500', async () => {
    expect((await client.request('fail', 'Error')).data).toEqual({ message: 'Something went wrong on our side' });
    expect(reported()).toEqual([{ message: 'failing', status: 500, handler: 'WsHandlers.internal' }]);
    expect(logger.errors().map(({ message }) => message)).toEqual([`500 ${where} Error: failing [event event-1]`]);
  });
});
