import { Controller, Get, Injectable, Module, type DynamicModule, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ErrorHandlersModule, ErrorReporter, type ErrorHandlersModuleOptions, type ErrorReportContext } from 'nestjs-error-handlers';
import request from 'supertest';
import { describe, expect, it } from 'vitest';

/**
 * The examples of docs/options.md, as the page shows them: `forRootAsync`
 * with a factory, a class and a reporter, and the validation messages.
 */

@Injectable()
class ConfigService {
  private readonly values: Record<string, string> = { NODE_ENV: 'test' };
  get(key: string): string | undefined {
    return this.values[key];
  }
}
@Module({ providers: [ConfigService], exports: [ConfigService] })
class ConfigModule {}

@Injectable()
class OutboxReporter extends ErrorReporter {
  static readonly seen: Array<number | undefined> = [];
  captureException(_error: unknown, context?: ErrorReportContext): string | undefined {
    OutboxReporter.seen.push(context?.status);
    return undefined;
  }
}

@Controller('o')
class OptionsController {
  @Get('boom') boom() { throw new Error('boom'); }
}

async function startWith(imports: DynamicModule[]): Promise<INestApplication> {
  @Module({ imports, controllers: [OptionsController] })
  class AppModule {}
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  return app;
}

describe('docs/options.md: forRootAsync', () => {
  it('useFactory with imports, inject and a reporter', async () => {
    OutboxReporter.seen.length = 0;
    const app = await startWith([
      ErrorHandlersModule.forRootAsync({
        imports: [ConfigModule],
        inject: [ConfigService],
        useFactory: (config: ConfigService) => ({
          sentry: { dsn: config.get('SENTRY_DSN'), environment: config.get('NODE_ENV') },
          debug: config.get('NODE_ENV') === 'development',
        }),
        reporter: OutboxReporter,
      }),
    ]);
    await request(app.getHttpServer()).get('/o/boom');
    await app.close();
    expect(OutboxReporter.seen).toEqual([500]);
  });

  it('useClass: a class with createErrorHandlersOptions()', async () => {
    @Injectable()
    class ErrorHandlersConfig {
      createErrorHandlersOptions(): ErrorHandlersModuleOptions {
        return { responseFormat: 'problem+json' };
      }
    }
    const app = await startWith([ErrorHandlersModule.forRootAsync({ useClass: ErrorHandlersConfig })]);
    const res = await request(app.getHttpServer()).get('/o/boom');
    await app.close();
    expect(res.text).toBe('{"type":"about:blank","title":"Internal Server Error","status":500}');
  });
});

describe('docs/options.md: validation', () => {
  async function failure(options: unknown): Promise<string | undefined> {
    try {
      const app = await startWith([ErrorHandlersModule.forRoot(options as ErrorHandlersModuleOptions)]);
      await app.close();
      return undefined;
    } catch (error) {
      return (error as Error).message;
    }
  }

  it.each([
    [
      { debug: 'yes' },
      'ErrorHandlersModule: debug must be true, false or { inspector?: boolean, contextLines?: number, propagate?: boolean } (contextLines a whole number from 0), got "yes".',
    ],
    [{ debug: { contextLines: -1 } }, 'got an object with contextLines -1.'],
    [{ responseFormat: 'xml' }, `ErrorHandlersModule: responseFormat "xml" is not supported; use 'nest' (the default, Nest's own body) or 'problem+json' (RFC 9457).`],
    [{ htmlErrorPage: 'x' }, 'ErrorHandlersModule: htmlErrorPage must be true, false or a template function (page) => html`…`, got string.'],
    [
      { clientErrorLogLevel: 'info' },
      `ErrorHandlersModule: clientErrorLogLevel must be one of 'log', 'warn', 'error', 'debug', 'verbose', 'fatal' (or left out: 4xx answers are not logged), got "info".`,
    ],
    [
      { stormControl: { perFingerprint: 0 } },
      'ErrorHandlersModule.forRoot({ stormControl }): perFingerprint must be a whole number ≥ 1 or false, got 0. Leave it out for the default, or set stormControl: false to send every reported error as its own event.',
    ],
  ])('%j fails the bootstrap, naming the option', async (options, message) => {
    expect(await failure(options)).toContain(message);
  });
});
