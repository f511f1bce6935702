import {
  ArgumentsHost,
  BadRequestException,
  Catch,
  Controller,
  ExceptionFilter,
  Get,
  Global,
  HttpException,
  Injectable,
  Module,
  NotFoundException,
  Scope,
  type INestApplication,
  type Type,
} from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { createHttpException, ErrorHandler, ErrorHandlerRegistry, ErrorHandlersModule, ErrorResponse } from 'nestjs-error-handlers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapError, PLATFORMS, startApp, type RunningApp } from '../helpers/platforms.js';
import { CapturingLogger } from '../sentry/fixtures/capturing-logger.js';

/**
 * The examples of docs/scopes-and-resolution.md, as the page shows them:
 * change one, change the other.
 */

const InsufficientStorage = createHttpException(507, 'Insufficient Storage');
class PaymentDeclined extends Error {
  readonly reason = 'card';
}

@Controller('billing')
class BillingController {
  @Get('pay') pay() { throw new PaymentDeclined('card refused'); }
  @Get('missing') missing() { throw new NotFoundException('no invoice 7'); }
  @Get('storage') storage() { throw new InsufficientStorage(); }
  @Get('storage-message') storageMessage() { throw new InsufficientStorage('Disk /data full'); }
}

@Controller('ledger')
class LedgerController {
  @Get('missing') missing() { throw new NotFoundException('no entry 9'); }

  // Class tier: the app-level 404 (code tier) still comes first for a NotFoundException.
  @ErrorHandler(HttpException)
  anyHttp() {
    return { handledBy: 'LedgerController.anyHttp' };
  }
}

@Injectable()
class BillingErrors {
  constructor(registry: ErrorHandlerRegistry) {
    registry.register(
      PaymentDeclined,
      function paymentDeclined(error) {
        return new ErrorResponse({ error: 'payment_declined', detail: error.message }, 402);
      },
      { scope: BillingModule },
    );
  }
}

@Module({ controllers: [BillingController, LedgerController], providers: [BillingErrors] })
class BillingModule {}

class ConnectionError extends Error {}
class ConnectionRefusedError extends ConnectionError {}

@Injectable()
class Metrics {
  readonly counts = new Map<string, number>();
  async increment(name: string): Promise<void> {
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
  }
}

@Controller('storage')
class StorageController {
  @Get('refused') refused() { throw new ConnectionRefusedError('s3 refused'); }
  @Get('unavailable') unavailable() { throw new HttpException('busy', 503); }
}

@Injectable()
export class StorageErrors {
  constructor(private readonly metrics: Metrics) {}

  @ErrorHandler([ConnectionRefusedError, 503])
  async unavailable(error: Error) {
    await this.metrics.increment('storage.unavailable');
    return new ErrorResponse({ error: 'storage unavailable' }, 503, { 'Retry-After': '30' });
  }
}

@Module({ controllers: [StorageController], providers: [Metrics, StorageErrors] })
class StorageModule {}

@Injectable()
class AppErrors {
  @ErrorHandler(404)
  notFound(error: HttpException) {
    return new ErrorResponse({ error: 'not_found', detail: error.message }, 404);
  }
}

@Module({ imports: [ErrorHandlersModule.forRoot(), BillingModule, StorageModule], providers: [AppErrors] })
class AppModule {}

describe.each(PLATFORMS)('docs/scopes-and-resolution.md (%s)', (platform) => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp(platform, AppModule);
  });
  afterAll(() => running.close());

  it('createHttpException: the bodies of Nest’s built-in classes', async () => {
    expect((await running.http().get('/billing/storage')).text).toBe('{"message":"Insufficient Storage","statusCode":507}');
    const res = await running.http().get('/billing/storage-message');
    expect(res.status).toBe(507);
    expect(res.text).toBe('{"message":"Disk /data full","error":"Insufficient Storage","statusCode":507}');
  });

  it('a decorated async handler for a list of keys, using an injected service', async () => {
    for (const path of ['/storage/refused', '/storage/unavailable']) {
      const res = await running.http().get(path);
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('30');
      expect(res.body).toEqual({ error: 'storage unavailable' });
    }
    expect(running.app.get(Metrics).counts.get('storage.unavailable')).toBe(2);
  });

  it('register() with a module scope answers that module’s errors', async () => {
    const res = await running.http().get('/billing/pay');
    expect(res.status).toBe(402);
    expect(res.body).toEqual({ error: 'payment_declined', detail: 'card refused' });
  });

  it('codes before classes: the app’s 404 beats the controller’s HttpException handler', async () => {
    expect((await running.http().get('/billing/missing')).body).toEqual({ error: 'not_found', detail: 'no invoice 7' });
    expect((await running.http().get('/ledger/missing')).body).toEqual({ error: 'not_found', detail: 'no entry 9' });
  });

  it('explain(): the hit shown on the page', () => {
    const registry = running.app.get(ErrorHandlerRegistry);
    expect(registry.explain(new NotFoundException(), { controller: BillingController })).toEqual({
      handled: true,
      handler: 'AppErrors.notFound',
      scope: 'app module AppModule',
      tier: 'code',
      key: '404',
      wrapped: false,
      status: 404,
      searched: ['controller BillingController', 'module BillingModule', 'app module AppModule'],
      summary:
        'AppErrors.notFound in app module AppModule handles it, matched by status key 404; searched controller BillingController (no handlers) → module BillingModule → app module AppModule.',
    });
  });

  it('explain(): the miss shown on the page', () => {
    @Module({})
    class Unrelated {}
    const registry = running.app.get(ErrorHandlerRegistry);
    expect(registry.explain(new BadRequestException('nope'), { controller: BillingController }).summary).toBe(
      'No handler matches; searched controller BillingController (no handlers) → module BillingModule → app module AppModule. ' +
        'Nest\'s default response: 400 {"message":"nope","error":"Bad Request","statusCode":400}.',
    );
    expect(registry.explain(new BadRequestException('nope')).searched).toEqual(['app module AppModule']);
    expect(() => registry.explain(new Error(), { controller: Unrelated })).toThrow('ErrorHandlerRegistry.explain(): Unrelated is not a controller of this app.');
  });
});

describe('docs/scopes-and-resolution.md: explain() with an empty controller scope', () => {
  @Controller('invoices')
  class InvoicesController {}
  @Module({ controllers: [InvoicesController] })
  class InvoicesModule {}
  @Injectable()
  class InvoiceErrors {
    @ErrorHandler(409) conflict() {}
  }
  @Module({ imports: [InvoicesModule], providers: [InvoiceErrors] })
  class LedgerModule {}
  @Module({ imports: [ErrorHandlersModule.forRoot(), LedgerModule], providers: [AppErrors] })
  class EmptyScopesAppModule {}

  it('marks the scopes without handlers, and says so before init', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [EmptyScopesAppModule] }).compile();
    const registry = moduleRef.get(ErrorHandlerRegistry);
    expect(() => registry.explain(new Error())).toThrow(
      'ErrorHandlerRegistry.explain(): the app has not been initialised yet, so no handler has been found. ' +
        'Handlers are discovered when the app starts: call explain() after `await app.init()` (or `app.listen()`).',
    );
    await moduleRef.init();
    expect(registry.explain(new NotFoundException(), { controller: InvoicesController }).summary).toBe(
      'AppErrors.notFound in app module EmptyScopesAppModule handles it, matched by status key 404; ' +
        'searched controller InvoicesController (no handlers) → module InvoicesModule (no handlers) → module LedgerModule → app module EmptyScopesAppModule.',
    );
    await moduleRef.close();
  });
});

describe.each(PLATFORMS)('docs/scopes-and-resolution.md: global modules (%s)', (platform) => {
  class QuotaError extends Error {}
  @Controller('quota')
  class QuotaController {
    @Get() fail() { throw new QuotaError('quota'); }
  }
  @Injectable()
  class QuotaErrors {
    @ErrorHandler(QuotaError) quota() { return { handledBy: 'QuotaModule' }; }
  }
  @Global()
  @Module({ controllers: [QuotaController], providers: [QuotaErrors], exports: [QuotaErrors] })
  class QuotaModule {}

  @Controller('reports')
  class ReportsController {
    @Get() fail() { throw new QuotaError('reports'); }
  }
  @Injectable()
  class ReportsErrors {
    // Uses the global module's provider, which does not make ReportsModule its importer.
    constructor(readonly quotaErrors: QuotaErrors) {}
    @ErrorHandler(QuotaError) quota() { return { handledBy: 'ReportsModule' }; }
  }
  @Module({ controllers: [ReportsController], providers: [ReportsErrors] })
  class ReportsModule {}
  @Module({ imports: [ErrorHandlersModule.forRoot(), QuotaModule, ReportsModule] })
  class GlobalAppModule {}

  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp(platform, GlobalAppModule);
  });
  afterAll(() => running.close());

  it('a global module’s handlers apply to its own controllers; a module using its providers is no importer', async () => {
    expect((await running.http().get('/quota')).body).toEqual({ handledBy: 'QuotaModule' });
    expect((await running.http().get('/reports')).body).toEqual({ handledBy: 'ReportsModule' });
    const registry = running.app.get(ErrorHandlerRegistry);
    expect(registry.explain(new QuotaError(), { controller: QuotaController }).searched).toEqual([
      'controller QuotaController',
      'module QuotaModule',
      'app module GlobalAppModule',
    ]);
    expect(registry.explain(new QuotaError(), { controller: ReportsController }).searched).toEqual([
      'controller ReportsController',
      'module ReportsModule',
      'app module GlobalAppModule',
    ]);
  });
});

describe.each(PLATFORMS)("docs/scopes-and-resolution.md: the app's own filters (%s)", (platform) => {
  class DbError extends Error {}
  @Catch(DbError)
  class RequestScopedDbFilter implements ExceptionFilter {
    catch(_error: DbError, host: ArgumentsHost) {
      const response = host.switchToHttp().getResponse<{ status?: (code: number) => unknown; code?: (code: number) => unknown }>();
      const reply = (response.code ?? response.status)!.call(response, 503) as { send(body: unknown): void };
      reply.send({ by: 'RequestScopedDbFilter' });
    }
  }
  @Controller('db')
  class DbController {
    @Get() fail() { throw new DbError('down'); }
  }
  const appWith = (module: boolean) => {
    @Module({
      imports: module ? [ErrorHandlersModule.forRoot()] : [],
      controllers: [DbController],
      providers: [{ provide: APP_FILTER, useClass: RequestScopedDbFilter, scope: Scope.REQUEST }],
    })
    class RequestFilterAppModule {}
    return RequestFilterAppModule;
  };

  it('a request-scoped global filter is not consulted: the default response answers', async () => {
    const bare = await startApp(platform, appWith(false));
    const ours = await startApp(platform, appWith(true));
    try {
      expect((await bare.http().get('/db')).body).toEqual({ by: 'RequestScopedDbFilter' });
      const res = await ours.http().get('/db');
      expect(res.status).toBe(500);
      expect(res.body).toEqual({ statusCode: 500, message: 'Internal server error' });
    } finally {
      await Promise.all([bare.close(), ours.close()]);
    }
  });
});

describe('docs/scopes-and-resolution.md: bootstrap validation and warnings', () => {
  const rootWith = (providers: Type[]) => {
    @Module({ imports: [ErrorHandlersModule.forRoot()], providers })
    class AppModule {}
    return AppModule;
  };

  it('refuses a duplicate key, naming both handlers', async () => {
    @Injectable()
    class AppErrors {
      @ErrorHandler(400) badRequest() {}
    }
    @Injectable()
    class BillingErrors {
      @ErrorHandler(BadRequestException) onDuplicate() {}
    }
    expect((await bootstrapError({ imports: [rootWith([AppErrors, BillingErrors])] }))?.message).toBe(
      '@ErrorHandler() on BillingErrors.onDuplicate registers status 400 in app module AppModule, which @ErrorHandler() on AppErrors.badRequest already handles there. ' +
        "Keep one handler per key in a scope (a status code and Nest's exception class for it are the same key).",
    );
  });

  it('refuses an invalid key and a request-scoped provider', async () => {
    @Injectable()
    class Bad {
      @ErrorHandler(600) handle() {}
    }
    @Injectable({ scope: Scope.REQUEST })
    class PerRequest {
      @ErrorHandler(404) handle() {}
    }
    expect((await bootstrapError({ imports: [rootWith([Bad])] }))?.message).toBe(
      '@ErrorHandler() on Bad.handle has an invalid key 600 (outside 400–599): use an exception class (Error or a subclass) or an integer HTTP status from 400 to 599.',
    );
    expect((await bootstrapError({ imports: [rootWith([PerRequest])] }))?.message).toBe(
      '@ErrorHandler() on PerRequest.handle is on a request-scoped or transient provider, which cannot be resolved at bootstrap. ' +
        'Move the handler to a singleton provider (it may inject request-scoped services through ModuleRef).',
    );
  });

  it('refuses a register() scope that is no controller or module, and invalid keys at once', async () => {
    @Injectable()
    class Reg {
      constructor(registry: ErrorHandlerRegistry) {
        registry.register(400, function badRequest() {}, { scope: Reg });
      }
    }
    expect((await bootstrapError({ imports: [rootWith([Reg])] }))?.message).toBe(
      'ErrorHandlerRegistry.register() for badRequest: scope Reg is neither a controller nor a module of this app. ' +
        'Pass a controller class, a module class, or no scope for an app-level handler.',
    );
    expect(() => new ErrorHandlerRegistry().register('404' as never, () => undefined)).toThrow(
      'ErrorHandlerRegistry.register() for an anonymous function has an invalid key "404" (a string): ',
    );
  });

  it('warns about a class Nest never creates and about a static handler', async () => {
    class Forgotten {
      @ErrorHandler(404) notFound() {}
    }
    class WithStatic {
      @ErrorHandler(409) static conflict() {}
    }
    void Forgotten;
    const logger = new CapturingLogger();
    const moduleRef = await Test.createTestingModule({ imports: [rootWith([WithStatic])] }).compile();
    const app: INestApplication = moduleRef.createNestApplication({ logger });
    await app.init();
    await app.close();
    const warnings = logger.at('warn').map((entry) => entry.message);
    expect(warnings).toContain(
      '@ErrorHandler() on Forgotten.notFound is ignored: Forgotten is not a provider or controller of this app, so Nest never creates it and its handlers never run. ' +
        'Add Forgotten to the providers of the module whose requests it should handle (the root module for app-level handlers).',
    );
    expect(warnings).toContain(
      '@ErrorHandler() on WithStatic.conflict is a static method, which never runs: handlers are methods of the instances Nest creates. ' +
        'Remove `static` and list WithStatic as a provider or controller.',
    );
    expect(logger.at('warn').find((entry) => entry.message.startsWith('@ErrorHandler() on Forgotten'))?.params).toEqual(['ErrorHandlersModule']);
  });
});

/** The typing examples of the page: checked by `tsc` (npm run typecheck), never run. */
export function typingExamples(registry: ErrorHandlerRegistry): void {
  registry.register(PaymentDeclined, (error) => error.reason);
  registry.register(404, (error) => error.getStatus());
  registry.register([PaymentDeclined, 503], (error) => (error instanceof HttpException ? error.getStatus() : error.reason));
}
