import { Controller, Get, Injectable, Module, NotFoundException, type DynamicModule, type INestApplication, type LoggerService } from '@nestjs/common';
import { ErrorHandler, ErrorHandlersModule, ErrorReporter, type ErrorHandlersModuleOptions } from 'nestjs-error-handlers';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { initApp, PLATFORMS, type PlatformName } from '../helpers/platforms.js';
import { CapturingLogger } from '../sentry/fixtures/capturing-logger.js';

/**
 * SPEC section 6 and issue 10: a 5xx is logged once, with method, path,
 * status, event id and stack; a 4xx is not logged (Nest's own filter does not
 * log them) unless `clientErrorLogLevel` chooses a level; a handler's own
 * failure says which handler. Out of the box, through Nest's logger.
 */

class HandlerBug extends Error {}

@Controller('l')
class LoggingController {
  @Get('boom') boom() { throw new Error('kaboom'); }
  @Get('missing') missing() { throw new NotFoundException('nope'); }
  @Get('broken-handler') brokenHandler() { throw new HandlerBug('the original'); }
}

@Injectable()
class LoggingHandlers {
  @ErrorHandler(HandlerBug)
  broken(): never {
    throw new Error('a bug in the handler');
  }
}

@Injectable()
class FixedIdReporter extends ErrorReporter {
  captureException(): string {
    return 'event-42';
  }
}

function loggingApp(options: ErrorHandlersModuleOptions): DynamicModule {
  @Module({})
  class LoggingAppModule {}
  return {
    module: LoggingAppModule,
    imports: [ErrorHandlersModule.forRoot({ reporter: FixedIdReporter, ...options })],
    controllers: [LoggingController],
    providers: [LoggingHandlers],
  };
}

/** The app's own logger is the capturing one: the module's lines go through Nest's Logger, as out of the box. */
async function start(platform: PlatformName, options: ErrorHandlersModuleOptions, logger: LoggerService): Promise<INestApplication> {
  const app = await initApp(platform, loggingApp(options), { logger });
  return app;
}

describe.each(PLATFORMS)('what the module logs (%s)', (platform) => {
  let app: INestApplication | undefined;
  const logger = new CapturingLogger();
  afterEach(async () => {
    await app?.close();
    app = undefined;
    logger.clear();
  });
  const lines = (level: 'error' | 'warn' | 'debug' | 'log') => logger.at(level).filter((entry) => /^\d{3} |^Error handler /.test(entry.message));

  it('a 5xx: one error line with status, method, path (never the query), error and event id, with its stack', async () => {
    app = await start(platform, {}, logger);
    await request(app.getHttpServer()).get('/l/boom?token=s3cret');
    const [line, ...more] = lines('error');
    expect(more).toEqual([]);
    expect(line.message).toBe('500 GET /l/boom Error: kaboom [event event-42]');
    expect(String(line.params[0])).toMatch(/^Error: kaboom\n\s+at /);
    expect(JSON.stringify(logger.entries)).not.toContain('s3cret');
  });

  it('a 4xx: nothing at any level out of the box', async () => {
    app = await start(platform, {}, logger);
    await request(app.getHttpServer()).get('/l/missing');
    expect(logger.entries.filter((entry) => entry.message.includes('nope'))).toEqual([]);
  });

  it('a 4xx at the level clientErrorLogLevel chooses', async () => {
    app = await start(platform, { clientErrorLogLevel: 'warn' }, logger);
    await request(app.getHttpServer()).get('/l/missing');
    expect(lines('warn').map((entry) => entry.message)).toEqual(['404 GET /l/missing NotFoundException: nope']);
    expect(lines('error')).toEqual([]);
  });

  it("a handler's failure names the handler, and the original error is logged once with the status sent", async () => {
    app = await start(platform, {}, logger);
    const res = await request(app.getHttpServer()).get('/l/broken-handler');
    expect(res.status).toBe(500);
    expect(lines('error').map((entry) => entry.message)).toEqual([
      'Error handler LoggingHandlers.broken failed on GET /l/broken-handler: Error: a bug in the handler',
      '500 GET /l/broken-handler HandlerBug: the original [event event-42]',
    ]);
  });

  it('logger: false silences the module', async () => {
    app = await start(platform, { logger: false }, logger);
    await request(app.getHttpServer()).get('/l/boom');
    expect(lines('error')).toEqual([]);
  });
});
