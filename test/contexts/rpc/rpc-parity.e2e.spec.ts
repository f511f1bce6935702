import type { Type } from '@nestjs/common';
import { firstValueFrom } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { CapturingLogger } from '../../sentry/fixtures/capturing-logger.js';
import { bareModule, FAILING_MESSAGES, ordersController, withModule } from './fixtures/parity.app.js';
import { RecordingReporter } from './fixtures/recording-reporter.js';
import { errorOf, startHybrid, startMicroservice, TRANSPORTS, type RunningRpc, type TransportName } from './fixtures/rpc-boot.js';
import { until } from '../../helpers/until.js';
import { NEST_MAJOR } from '../../helpers/nest-version.js';

type Mode = 'standalone' | 'hybrid, inheritAppConfig' | 'hybrid';
const MODES: Mode[] = ['standalone', 'hybrid, inheritAppConfig', 'hybrid'];

function start(root: Type, mode: Mode, transport: TransportName, logger: CapturingLogger | false = false): Promise<RunningRpc> {
  if (mode === 'standalone') return startMicroservice(root, { transport, logger });
  return startHybrid(root, { transport, logger, inheritAppConfig: mode === 'hybrid, inheritAppConfig' });
}

/** What the client receives for every failing message, and the error lines logged meanwhile. */
async function observe(root: Type, mode: Mode, transport: TransportName) {
  const logger = new CapturingLogger();
  const running = await start(root, mode, transport, logger);
  try {
    logger.clear();
    const errors: unknown[] = [];
    const errorLines: number[] = [];
    for (const [pattern, data] of FAILING_MESSAGES) {
      const before = logger.at('error').length;
      errors.push(await errorOf(running.client, pattern, data));
      errorLines.push(logger.at('error').length - before);
    }
    const reply = await firstValueFrom(running.client.send('ok', { n: 1 }));
    return { errors, errorLines, reply };
  } finally {
    await running.close();
  }
}

describe.each(TRANSPORTS)('RPC parity (%s): the same app with and without the module, no handlers', (transport) => {
  afterEach(() => RecordingReporter.clear());

  it.each(MODES)('every failing message gets exactly what Nest answers (%s)', async (mode) => {
    const bare = await observe(bareModule(), mode, transport);
    const module = await observe(withModule(), mode, transport);
    FAILING_MESSAGES.forEach(([pattern], index) => {
      expect({ pattern, error: module.errors[index] }).toEqual({ pattern, error: bare.errors[index] });
    });
    expect(module.reply).toEqual(bare.reply);
    // What Nest answers, spelled out once: the module changes none of it.
    expect(module.errors.slice(0, 4)).toEqual([
      { status: 'error', message: 'Internal server error' },
      { status: 'error', message: 'Internal server error' },
      { status: 'error', message: 'refused on purpose' },
      { code: 'E_REFUSED', detail: 'no stock', status: 409 },
    ]);
  });

  it('logs an unexpected error once, as Nest does, and an RpcException not at all', async () => {
    const bare = await observe(bareModule(), 'standalone', transport);
    const module = await observe(withModule(), 'standalone', transport);
    const linesFor = (lines: number[], pattern: string) => lines[FAILING_MESSAGES.findIndex(([p]) => p === pattern)];
    for (const pattern of ['plain', 'type-error', 'async', 'stream', 'not-an-error', 'intercepted']) {
      expect({ pattern, lines: linesFor(module.errorLines, pattern) }).toEqual({ pattern, lines: linesFor(bare.errorLines, pattern) });
      expect(linesFor(module.errorLines, pattern)).toBe(1);
    }
    for (const pattern of ['rpc-string', 'rpc-object', 'stream-rpc', 'guarded']) {
      expect({ pattern, lines: linesFor(module.errorLines, pattern) }).toEqual({ pattern, lines: 0 });
      expect(linesFor(bare.errorLines, pattern)).toBe(0);
    }
  });

  it('does not log an HttpException, as Nest does not (an IntrinsicException; the module: a 4xx keeps its status)', async () => {
    const bare = await observe(bareModule(), 'standalone', transport);
    const module = await observe(withModule(), 'standalone', transport);
    for (const pattern of ['http-404', 'http-403', 'parse']) {
      const index = FAILING_MESSAGES.findIndex(([p]) => p === pattern);
      expect({ pattern, bare: bare.errorLines[index], module: module.errorLines[index] }).toEqual({ pattern, bare: 0, module: 0 });
    }
  });

  // Nest 12 logs an RpcException thrown in an event handler (no client will ever see it); Nest 11's
  // BaseRpcExceptionFilter logs only unknown errors. The module leaves that line to Nest's own filter.
  const nestLogsEventRpc = NEST_MAJOR >= 12 ? 1 : 0;
  it.each([
    ['event-plain', 1, 1],
    ['event-rpc', nestLogsEventRpc, nestLogsEventRpc],
  ])('an event handler that fails (%s) is logged as Nest logs it', async (pattern, bareLines, moduleLines) => {
    for (const [root, lines] of [[bareModule(), bareLines], [withModule(), moduleLines]] as Array<[Type, number]>) {
      const logger = new CapturingLogger();
      const running = await startMicroservice(root, { transport, logger });
      try {
        logger.clear();
        await firstValueFrom(running.client.emit(pattern, {}), { defaultValue: undefined });
        if (lines > 0) await until(() => logger.at('error').length >= lines, `${pattern} logged by ${root.name}`);
        // A request answered after the event shows the event was handled (one connection, in order);
        // an RpcException in a request handler is logged by neither.
        else await errorOf(running.client, 'rpc-string').catch(() => undefined);
        expect({ root: root.name, lines: logger.at('error').length }).toEqual({ root: root.name, lines });
      } finally {
        await running.close();
      }
    }
  });

  it('an app without the module answers as Nest alone, when an app with it that shared its class has closed', async () => {
    const shared = ordersController();
    const pristine = await observe(bareModule(), 'standalone', transport);
    await observe(withModule(shared), 'standalone', transport);
    const afterModule = await observe(bareModule(shared), 'standalone', transport);
    expect(afterModule).toEqual(pristine);
  });
});
