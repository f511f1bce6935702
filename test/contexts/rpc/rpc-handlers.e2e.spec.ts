import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CapturingLogger } from '../../sentry/fixtures/capturing-logger.js';
import { ControllerHandlersOnlyModule, HandlersAppModule } from './fixtures/handlers.app.js';
import { RecordingReporter, reportedLines } from './fixtures/recording-reporter.js';
import { errorOf, startMicroservice, TRANSPORTS, type RunningMicroservice } from './fixtures/rpc-boot.js';

const INTERNAL = { status: 'error', message: 'Internal server error' };

describe.each(TRANSPORTS)('RPC: what a handler returns becomes the error the client receives (%s)', (transport) => {
  const logger = new CapturingLogger();
  let running: RunningMicroservice;
  beforeAll(async () => {
    running = await startMicroservice(HandlersAppModule, { transport, logger });
  });
  afterAll(() => running.close());
  afterEach(() => {
    RecordingReporter.clear();
    logger.clear();
  });
  const errorLines = () => logger.at('error').map((entry) => entry.message);

  it('an ErrorResponse: its body, from a handler that got the RPC host and its injected services', async () => {
    expect(await errorOf(running.client, 'out-of-stock', { qty: 2 })).toEqual({
      code: 'OUT_OF_STOCK',
      sku: 'sku-1',
      message: 'none left',
      context: 'rpc',
      data: { qty: 2 },
    });
    expect(reportedLines()).toEqual([]);
    expect(errorLines()).toEqual([]);
  });

  it('an ErrorResponse whose body is not an object reaches the client as an RpcException with that body would', async () => {
    expect(await errorOf(running.client, 'returns-string')).toEqual({ status: 'error', message: 'just a sentence' });
  });

  it('a returned RpcException: passed on as Nest passes it', async () => {
    expect(await errorOf(running.client, 'returns-rpc')).toEqual({ code: 'FROM_HANDLER' });
    expect(reportedLines()).toEqual([]);
  });

  it('a returned HttpException: its default response body, as an HTTP client would get it', async () => {
    expect(await errorOf(running.client, 'returns-http')).toEqual({ statusCode: 404, message: 'order 7 not found', error: 'Not Found' });
    expect(reportedLines()).toEqual([]);
  });

  it('a plain value: the body; @HttpCode() on the handler gives its status (418: not reported)', async () => {
    expect(await errorOf(running.client, 'returns-plain')).toEqual({ code: 'PLAIN' });
    expect(reportedLines()).toEqual([]);
  });

  it('an async handler', async () => {
    expect(await errorOf(running.client, 'async')).toEqual({ code: 'LATER' });
  });

  it('a handler by status code takes an HttpException thrown in a message handler', async () => {
    expect(await errorOf(running.client, 'not-found')).toEqual({ code: 'NOT_FOUND', message: 'no such order' });
    expect(reportedLines()).toEqual([]);
  });

  it('a handler that returns nothing leaves Nest’s answer; the 500 is reported and logged once', async () => {
    expect(await errorOf(running.client, 'unanswered')).toEqual(INTERNAL);
    expect(reportedLines()).toEqual(['500 handler returns nothing']);
    expect(errorLines()).toEqual([expect.stringMatching(/^500 RPC unanswered Unanswered: handler returns nothing \[event event-1\]$/)]);
  });

  it('a 5xx answer is reported with its status and logged once', async () => {
    expect(await errorOf(running.client, 'unavailable')).toEqual({ code: 'UNAVAILABLE', retryInSeconds: 30 });
    expect(RecordingReporter.seen).toMatchObject([{ status: 503, kind: 'rpc', handler: 'ShopController.onUnavailable' }]);
    expect(errorLines()).toHaveLength(1);
  });

  it('an unhandled non-HTTP error goes to the app’s 500 handler, with the error as cause (SPEC section 3, step 3)', async () => {
    expect(await errorOf(running.client, 'plain-error')).toEqual({ code: 'INTERNAL', cause: 'nobody handles this' });
    expect(RecordingReporter.seen).toMatchObject([{ status: 500, handler: 'AppHandlers.internal' }]);
  });

  it('a handler that throws: the 500 path answers, and both errors are reported', async () => {
    expect(await errorOf(running.client, 'handler-fails')).toEqual({ code: 'INTERNAL', cause: 'the handler itself failed' });
    expect(reportedLines().sort()).toEqual(['500 first failure', '500 the handler itself failed']);
  });

  it('an RpcException is not an unhandled error: the app’s 500 handler does not take it, Nest passes it, nothing is reported or logged', async () => {
    expect(await errorOf(running.client, 'rpc-refused')).toEqual({ code: 'E_REFUSED' });
    expect(reportedLines()).toEqual([]);
    expect(errorLines()).toEqual([]);
  });

  it('an RpcException handler that returns a plain value: its body, with the RpcException’s status (not reported)', async () => {
    expect(await errorOf(running.client, 'translating.refused')).toEqual({ translated: 'E_LIMIT' });
    expect(reportedLines()).toEqual([]);
    expect(errorLines()).toEqual([]);
  });

  it('an RpcException handler with report: true: reported with the status of its answer', async () => {
    expect(await errorOf(running.client, 'audited.refused')).toEqual({ audited: { code: 'E_AUDITED' } });
    expect(RecordingReporter.seen).toMatchObject([{ status: 403, kind: 'rpc', handler: 'AuditedController.onRpcException' }]);
  });
});

describe('RPC: a handler that throws, with no 500 handler', () => {
  afterEach(() => RecordingReporter.clear());

  it('leaves Nest’s answer, and both errors are reported', async () => {
    const running = await startMicroservice(ControllerHandlersOnlyModule);
    try {
      expect(await errorOf(running.client, 'handler-fails')).toEqual(INTERNAL);
      expect(reportedLines().sort()).toEqual(['500 first failure', '500 the handler itself failed']);
    } finally {
      await running.close();
    }
  });
});
