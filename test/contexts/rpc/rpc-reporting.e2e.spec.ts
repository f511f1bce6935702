import { firstValueFrom } from 'rxjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../../helpers/until.js';
import { NEST_MAJOR } from '../../helpers/nest-version.js';
import { CapturingLogger } from '../../sentry/fixtures/capturing-logger.js';
import { ordersController, withModule } from './fixtures/parity.app.js';
import { RecordingReporter, reportedLines } from './fixtures/recording-reporter.js';
import { errorOf, startMicroservice, TRANSPORTS, type RunningMicroservice } from './fixtures/rpc-boot.js';

describe.each(TRANSPORTS)('RPC reporting and logging (%s), no handlers', (transport) => {
  const logger = new CapturingLogger();
  const controller = ordersController();
  const root = withModule(controller);
  const transportName = transport === 'tcp' ? 'tcp' : undefined;
  let running: RunningMicroservice;
  beforeAll(async () => {
    running = await startMicroservice(root, { transport, logger });
  });
  afterAll(() => running.close());
  afterEach(() => {
    RecordingReporter.clear();
    logger.clear();
  });

  it('an unexpected error: reported once as a 500 of kind rpc, with the pattern and transport as tags, context and transaction', async () => {
    await errorOf(running.client, 'plain');
    expect(RecordingReporter.seen).toHaveLength(1);
    const [report] = RecordingReporter.seen;
    expect(report).toMatchObject({ status: 500, kind: 'rpc', controller: controller.name, module: root.name, handler: undefined });
    expect((report!.error as Error).message).toBe('db password=hunter2');
    expect(report!.facts).toEqual({
      tags: { 'rpc.pattern': 'plain', ...(transportName && { 'rpc.transport': transportName }) },
      contexts: { rpc: { pattern: 'plain', transport: transportName } },
      transaction: 'RPC plain',
    });
  });

  it('an object pattern is named by the string Nest made of it', async () => {
    await errorOf(running.client, { cmd: 'sum' }, 'not an array');
    expect(RecordingReporter.seen[0]!.facts).toMatchObject({ tags: { 'rpc.pattern': '{"cmd":"sum"}' }, transaction: 'RPC {"cmd":"sum"}' });
  });

  it('logs a 5xx once, through the module, with the pattern, the stack and the event id; Nest’s own filter logs nothing more', async () => {
    await errorOf(running.client, 'plain');
    expect(logger.at('error')).toHaveLength(1);
    const [entry] = logger.at('error');
    expect(entry!.message).toBe('500 RPC plain Error: db password=hunter2 [event event-1]');
    expect(entry!.params[0]).toMatch(/^Error: db password=hunter2\n\s+at /);
    expect(entry!.params.at(-1)).toBe('ErrorHandlers');
  });

  it.each(['type-error', 'async', 'stream', 'not-an-error', 'intercepted'])('reports and logs %s once as a 500', async (pattern) => {
    await errorOf(running.client, pattern);
    expect(RecordingReporter.seen.map((report) => report.status)).toEqual([500]);
    expect(logger.at('error')).toHaveLength(1);
  });

  it.each(['rpc-string', 'rpc-object', 'stream-rpc', 'guarded', 'http-404', 'http-403', ['parse', 'abc']])(
    'reports and logs nothing for a deliberate answer or an HttpException below 500 (%s)',
    async (message) => {
      const [pattern, data] = Array.isArray(message) ? message : [message, {}];
      await errorOf(running.client, pattern, data);
      expect(reportedLines()).toEqual([]);
      expect(logger.at('error')).toEqual([]);
    },
  );

  it('an event handler’s unexpected error: reported and logged once as a 500', async () => {
    await firstValueFrom(running.client.emit('event-plain', {}), { defaultValue: undefined });
    await until(() => RecordingReporter.seen.length > 0 && logger.at('error').length > 0, 'event error reported and logged');
    expect(reportedLines()).toEqual(['500 event failure']);
    expect(RecordingReporter.seen[0]!.facts?.tags['rpc.pattern']).toBe('event-plain');
    expect(logger.at('error').map((entry) => entry.message)).toEqual(['500 RPC event-plain Error: event failure [event event-1]']);
  });

  it('an event handler’s RpcException: logged as Nest logs it (no client will see it), not reported', async () => {
    await firstValueFrom(running.client.emit('event-rpc', {}), { defaultValue: undefined });
    if (NEST_MAJOR >= 12) {
      await until(() => logger.at('error').length > 0, 'event RpcException logged');
      expect(logger.at('error').map((entry) => entry.params.at(-1))).toEqual(['RpcExceptionsHandler']);
    } else {
      // Nest 11's BaseRpcExceptionFilter logs only unknown errors; a request answered after the event shows it was handled.
      await firstValueFrom(running.client.send('rpc-string', {})).catch(() => undefined);
      expect(logger.at('error')).toEqual([]);
    }
    expect(reportedLines()).toEqual([]);
  });
});
