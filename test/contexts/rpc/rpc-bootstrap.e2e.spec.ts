import { firstValueFrom } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { CapturingLogger } from '../../sentry/fixtures/capturing-logger.js';
import { bootModule, TeapotFilter } from './fixtures/bootstrap.app.js';
import { InProcessServer } from './fixtures/in-process-transport.js';
import { RecordingReporter, reportedLines } from './fixtures/recording-reporter.js';
import { BOOTSTRAP_ORDERS, errorOf, startHybrid, startMicroservice, TRANSPORTS, type RunningRpc, type Step } from './fixtures/rpc-boot.js';

const INTERNAL = { status: 'error', message: 'Internal server error' };

/** What SPEC section 10 asks in every bootstrap order: handlers run, and no error is lost. */
async function expectNothingLost(running: RunningRpc, logger: CapturingLogger, { handlersFound = true } = {}): Promise<void> {
  logger.clear();
  expect(await firstValueFrom(running.client.send('boot.ok', {}))).toBe('ok');
  // Never initialised, Nest has run no lifecycle hook: the module has not read the handlers (the app's choice, not a lost error).
  expect(await errorOf(running.client, 'boot.handled')).toEqual(handlersFound ? { handledBy: 'boot-controller' } : INTERNAL);
  RecordingReporter.clear();
  logger.clear();
  expect(await errorOf(running.client, 'boot.unhandled')).toEqual(INTERNAL);
  expect(reportedLines()).toEqual(['500 unhandled in boot']);
  expect(RecordingReporter.seen[0]).toMatchObject({ kind: 'rpc', facts: { transaction: 'RPC boot.unhandled' } });
  expect(logger.at('error').map((entry) => entry.message)).toEqual(['500 RPC boot.unhandled Error: unhandled in boot [event event-1]']);
  // The deliberate answer passes as Nest passes it, unreported and unlogged, whatever was loaded when it came.
  RecordingReporter.clear();
  logger.clear();
  expect(await errorOf(running.client, 'boot.refused')).toEqual({ code: 'E_REFUSED' });
  expect(reportedLines()).toEqual([]);
  expect(logger.at('error')).toEqual([]);
}

describe.each(TRANSPORTS)('RPC bootstrap orders (%s): handlers run and no error is ever lost', (transport) => {
  afterEach(() => RecordingReporter.clear());

  describe.each([true, false])('hybrid app, inheritAppConfig %s', (inheritAppConfig) => {
    it.each(BOOTSTRAP_ORDERS.map((order) => [order.join(' → '), order] as [string, Step[]]))('%s', async (_name, order) => {
      const logger = new CapturingLogger();
      const teapot = new TeapotFilter();
      const running = await startHybrid(bootModule(), { order, inheritAppConfig, transport, logger, setup: (app) => app.useGlobalFilters(teapot) });
      try {
        await expectNothingLost(running, logger, { handlersFound: order.includes('init') || order.includes('listen') });
        // Nest gives a microservice the app's global filters only with inheritAppConfig; the module consults them exactly then.
        expect(await errorOf(running.client, 'boot.teapot')).toEqual(inheritAppConfig ? { teapot: true } : INTERNAL);
        expect(teapot.calls).toBe(inheritAppConfig ? 1 : 0);
      } finally {
        await running.close();
      }
    });
  });

  describe('standalone microservice (NestFactory.createMicroservice)', () => {
    it.each([
      ['listen()', false],
      ['init() → listen()', true],
    ])('%s', async (_name, initFirst) => {
      const logger = new CapturingLogger();
      const teapot = new TeapotFilter();
      const running = await startMicroservice(bootModule(), { transport, logger, initFirst, setup: (app) => app.useGlobalFilters(teapot) });
      try {
        await expectNothingLost(running, logger);
        expect(await errorOf(running.client, 'boot.teapot')).toEqual({ teapot: true });
        expect(teapot.calls).toBe(1);
      } finally {
        await running.close();
      }
    });
  });
});

describe('RPC: the app’s own global filters answer exactly where Nest would have them answer', () => {
  it.each([true, false])('hybrid app, inheritAppConfig %s: the same answer and calls with and without the module', async (inheritAppConfig) => {
    const observed = [];
    for (const withModule of [false, true]) {
      const teapot = new TeapotFilter();
      const running = await startHybrid(bootModule({ withModule }), { inheritAppConfig, setup: (app) => app.useGlobalFilters(teapot) });
      try {
        observed.push({ error: await errorOf(running.client, 'boot.teapot'), calls: teapot.calls });
      } finally {
        await running.close();
      }
    }
    expect(observed[1]).toEqual(observed[0]);
  });

  it('two microservices connected together, one inheriting the app’s config and one not', async () => {
    const teapot = new TeapotFilter();
    const running = await startHybrid(bootModule(), {
      order: ['connect', 'startAll', 'listen'],
      inheritAppConfig: false,
      setup: (app) => {
        app.useGlobalFilters(teapot);
        // Connected in the same synchronous step as the microservice the test talks to, which does not inherit.
        app.connectMicroservice({ strategy: new InProcessServer() }, { inheritAppConfig: true });
      },
    });
    try {
      expect(await errorOf(running.client, 'boot.teapot')).toEqual(INTERNAL);
      expect(teapot.calls).toBe(0);
    } finally {
      await running.close();
    }
  });
});
