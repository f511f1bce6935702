import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { Controller, Get, HttpException, Injectable, Module, type DynamicModule, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ErrorHandler, ErrorHandlerRegistry, ErrorHandlersModule, ErrorReporter, ErrorResponse, type ErrorReportContext } from 'nestjs-error-handlers';
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

/**
 * The examples of docs/testing.md (testing an app that uses the module), as
 * the page shows them: change one, change the other. Express only: the page
 * is about how to test, the platforms are the rest of the suite's concern.
 */

// --- The app under test, as a user's would be. ---

class PaymentDeclined extends Error {}

@Controller('billing')
class BillingController {
  @Get('pay') pay() { throw new PaymentDeclined('card refused'); }
  @Get('boom') boom() { throw new Error('boom'); }
  @Get('teapot') teapot() { throw new HttpException('short and stout', 418); }
}

@Injectable()
class BillingErrors {
  @ErrorHandler(PaymentDeclined)
  declined() {
    return new ErrorResponse({ error: 'payment_declined' }, 402);
  }
}

@Module({ controllers: [BillingController], providers: [BillingErrors] })
class BillingModule {}

@Module({ imports: [ErrorHandlersModule.forRoot(), BillingModule] })
class AppModule {}

// --- The page's helpers. ---

@Injectable()
class RecordingReporter extends ErrorReporter {
  static readonly reports: Array<{ error: unknown; status?: number; handler?: string }> = [];

  captureException(error: unknown, context?: ErrorReportContext): string | undefined {
    RecordingReporter.reports.push({ error, status: context?.status, handler: context?.handler });
    return undefined;
  }
}

/** A stand-in for Sentry's ingest endpoint: keeps every error event the SDK sends. */
async function startSentryReceiver() {
  const events: Array<Record<string, any>> = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const text = (req.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body).toString('utf8');
      // An envelope: a header line, then an item header and its payload, line by line.
      const [, ...items] = text.split('\n');
      for (let i = 0; i + 1 < items.length; i += 2) {
        if (JSON.parse(items[i]).type === 'event') events.push(JSON.parse(items[i + 1]));
      }
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    dsn: `http://public@127.0.0.1:${port}/1`,
    events,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// --- The page's examples. ---

describe('docs/testing.md: an app under test behaves as in production', () => {
  let app: INestApplication;
  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });
  afterAll(() => app.close());

  it('answers a declined payment with 402', async () => {
    const res = await request(app.getHttpServer()).get('/billing/pay');
    expect(res.status).toBe(402);
    expect(res.body).toEqual({ error: 'payment_declined' });
  });
});

describe('docs/testing.md: handlers provided in the testing module are app-level', () => {
  @Injectable()
  class TestErrors {
    @ErrorHandler(418)
    teapot() {
      return new ErrorResponse({ seenBy: 'TestErrors' }, 418);
    }
  }

  it('answers the app’s errors as an app-level handler would', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [AppModule], providers: [TestErrors] }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    try {
      expect((await request(app.getHttpServer()).get('/billing/teapot')).body).toEqual({ seenBy: 'TestErrors' });
      expect(app.get(ErrorHandlerRegistry).explain(new HttpException('x', 418), { controller: BillingController }).scope).toBe('app module AppModule');
    } finally {
      await app.close();
    }
  });
});

describe('docs/testing.md: explain() in a unit test', () => {
  it('payment errors are answered by the billing module', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    await moduleRef.init(); // runs discovery; no HTTP server needed
    const explanation = moduleRef.get(ErrorHandlerRegistry).explain(new PaymentDeclined(), { controller: BillingController });
    expect(explanation).toMatchObject({ handled: true, handler: 'BillingErrors.declined', scope: 'module BillingModule' });
    await moduleRef.close();
  });
});

describe('docs/testing.md: a recording reporter', () => {
  beforeEach(() => {
    RecordingReporter.reports.length = 0;
  });

  it('with forRoot({ reporter }) in a root module of the test', async () => {
    @Module({
      imports: [ErrorHandlersModule.forRoot({ reporter: RecordingReporter, stormControl: false, logger: false }), BillingModule],
    })
    class TestAppModule {}
    const moduleRef = await Test.createTestingModule({ imports: [TestAppModule] }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    for (let i = 0; i < 12; i++) await request(app.getHttpServer()).get('/billing/boom');
    await request(app.getHttpServer()).get('/billing/pay');
    await app.close();
    // stormControl: false: every one of the twelve is its own report; the 402 is not reported.
    expect(RecordingReporter.reports.map((report) => report.status)).toEqual(Array(12).fill(500));
  });

  it('with overrideProvider(ErrorReporter) on the app’s own module', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
      .overrideProvider(ErrorReporter)
      .useClass(RecordingReporter)
      .compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    for (let i = 0; i < 12; i++) await request(app.getHttpServer()).get('/billing/boom');
    // Storm control at its defaults: the first 10 of one fingerprint are reported, the rest counted...
    expect(RecordingReporter.reports).toHaveLength(10);
    await app.close();
    // ...and their count is reported on shutdown.
    expect(RecordingReporter.reports).toHaveLength(11);
  });
});

describe('docs/testing.md: Sentry events against a local receiver', () => {
  function appReportingTo(dsn: string): DynamicModule {
    @Module({})
    class SentryAppModule {}
    return { module: SentryAppModule, imports: [ErrorHandlersModule.forRoot({ sentry: { dsn }, logger: false }), BillingModule] };
  }

  it('receives the event whose id the client got', async () => {
    const receiver = await startSentryReceiver();
    const moduleRef = await Test.createTestingModule({ imports: [appReportingTo(receiver.dsn)] }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    const res = await request(app.getHttpServer()).get('/billing/boom');
    await app.close(); // flushes pending events
    await receiver.close();
    expect(receiver.events).toHaveLength(1);
    const [event] = receiver.events;
    expect(event.event_id).toBe(res.headers['x-sentry-event-id']);
    expect(event.tags).toMatchObject({ 'http.status_code': '500', 'nest.controller': 'BillingController', 'nest.module': 'BillingModule' });
    expect(event.exception.values[0]).toMatchObject({ type: 'Error', value: 'boom' });
  });
});
