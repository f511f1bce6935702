import { Controller, Get, Injectable, Module, type Type } from '@nestjs/common';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorHandlersModule, ErrorReporter, SentryService, type ErrorReportContext } from 'nestjs-error-handlers';
import { PLATFORMS, startApp, type RunningApp } from './helpers/platforms.js';

/** A second backend composed with Sentry: what a team adds for e-mail or a webhook. */
@Injectable()
class RecordingReporter extends ErrorReporter {
  static readonly seen: Array<{ message: string; status: number; controller?: string }> = [];
  constructor(private readonly sentry: SentryService) {
    super();
  }
  captureException(error: unknown, context?: ErrorReportContext): string | undefined {
    RecordingReporter.seen.push({ message: (error as Error).message, status: context!.status, controller: context?.controller });
    return this.sentry.captureException(error, context) ?? 'recorded-event';
  }
}

@Controller('reporter')
class ReporterController {
  @Get('boom') boom() { throw new Error('kaboom'); }
}

@Module({ imports: [ErrorHandlersModule.forRoot({ reporter: RecordingReporter })], controllers: [ReporterController] })
class SyncModule {}

@Module({
  imports: [ErrorHandlersModule.forRootAsync({ useFactory: () => ({}), reporter: RecordingReporter })],
  controllers: [ReporterController],
})
class AsyncModule {}

describe.each(PLATFORMS)('a custom ErrorReporter in place of SentryService (%s)', (platform) => {
  let running: RunningApp | undefined;
  afterEach(async () => {
    await running?.close();
    RecordingReporter.seen.length = 0;
  });

  it.each([['forRoot', SyncModule], ['forRootAsync', AsyncModule]] as Array<[string, Type]>)('is used by the filter when given to %s', async (_name, root) => {
    running = await startApp(platform, root);
    const res = await running.http().get('/reporter/boom');
    expect(res.status).toBe(500);
    expect(res.headers['x-sentry-event-id']).toBe('recorded-event');
    expect(RecordingReporter.seen).toEqual([{ message: 'kaboom', status: 500, controller: 'ReporterController' }]);
    expect(running.app.get(ErrorReporter)).toBeInstanceOf(RecordingReporter);
  });
});
