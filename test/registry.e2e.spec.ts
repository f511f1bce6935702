import { BadRequestException, HttpException, Injectable, NotFoundException, type OnModuleInit, type Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorHandler, ErrorHandlerRegistry, ErrorHandlersModule } from 'nestjs-error-handlers';
import { BillingController, BillingModule, LateError, PaymentDeclined, RegistryAppModule } from './fixtures/registry.app.js';
import { bootstrapError, PLATFORMS, startApp, type RunningApp } from './helpers/platforms.js';

describe.each(PLATFORMS)('ErrorHandlerRegistry.register (%s)', (platform) => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp(platform, RegistryAppModule);
  });
  afterAll(() => running.close());

  it('places a function registered with a module scope like a handler of that module', async () => {
    const res = await running.http().get('/billing/declined');
    expect(res.status).toBe(402);
    expect(res.body).toEqual({ handledBy: 'registered-module', reason: 'card declined' });
  });

  it('code tier first: a registered app-level 404 beats a decorated module HttpException handler', async () => {
    const res = await running.http().get('/billing/missing');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ handledBy: 'registered-app-404', message: 'no invoice' });
  });

  it('nearer scope first: a registered controller handler beats a decorated app handler', async () => {
    const res = await running.http().get('/billing/conflict');
    expect(res.status).toBe(409);
    expect(res.body).toEqual({ handledBy: 'registered-controller' });
  });

  it('most specific class first: a registered subclass handler beats a decorated base-class handler', async () => {
    expect((await running.http().get('/billing/refused')).body).toEqual({ handledBy: 'registered-refused' });
  });

  it('app-level registered handlers see unknown routes', async () => {
    const res = await running.http().get('/nowhere');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ handledBy: 'registered-app-404', message: 'Cannot GET /nowhere' });
  });

  it('accepts a registration after the app started, and drops cached resolutions', async () => {
    const before = await running.http().get('/billing/late');
    expect(before.body).toEqual({ handledBy: 'decorated-module-http', status: 500 });
    running.app.get(ErrorHandlerRegistry).register(LateError, function late() {
      return { handledBy: 'late' };
    }, { scope: BillingController });
    const after = await running.http().get('/billing/late');
    expect(after.body).toEqual({ handledBy: 'late' });
  });
});

describe('ErrorHandlerRegistry.register validation', () => {
  const initWith = (provider: Type) => bootstrapError({ imports: [ErrorHandlersModule.forRoot()], providers: [provider] });


  it.each([
    ['600', 600, /^ErrorHandlerRegistry\.register\(\) for myHandler has an invalid key 600/],
    ['"404"', '404', /^ErrorHandlerRegistry\.register\(\) for myHandler has an invalid key "404"/],
    ['NotAnError', class NotAnError {}, /^ErrorHandlerRegistry\.register\(\) for myHandler has an invalid key class NotAnError/],
    ['[]', [], /^ErrorHandlerRegistry\.register\(\) for myHandler was given an empty list of keys/],
  ])('refuses the invalid key %s at the call, naming the registration, not a decorator', async (_label, key, message) => {
    const registry = new ErrorHandlerRegistry();
    expect(() => registry.register(key as never, function myHandler() {})).toThrow(message);
  });

  it('names an anonymous registered function as such', () => {
    expect(() => new ErrorHandlerRegistry().register(600 as never, () => undefined)).toThrow(
      /^ErrorHandlerRegistry\.register\(\) for an anonymous function has an invalid key 600/,
    );
  });

  it('refuses a duplicate of a decorated handler, naming the handler that holds the key', async () => {
    @Injectable()
    class Decorated {
      @ErrorHandler(BadRequestException)
      badRequest() {}
    }
    @Injectable()
    class Registrar implements OnModuleInit {
      constructor(private readonly registry: ErrorHandlerRegistry) {}
      onModuleInit() {
        this.registry.register(400, function duplicate() {});
      }
    }
    const moduleRef = await Test.createTestingModule({ imports: [ErrorHandlersModule.forRoot()], providers: [Decorated, Registrar] }).compile();
    await expect(moduleRef.init()).rejects.toThrow(
      /^ErrorHandlerRegistry\.register\(\) for duplicate registers status 400 in app module RootTestModule, which @ErrorHandler\(\) on Decorated\.badRequest already handles/,
    );
  });

  it('refuses a duplicate of a registered function, naming both registrations', async () => {
    @Injectable()
    class Registrar implements OnModuleInit {
      constructor(private readonly registry: ErrorHandlerRegistry) {}
      onModuleInit() {
        this.registry.register(NotFoundException, function first() {});
        this.registry.register(404, function second() {});
      }
    }
    expect((await initWith(Registrar))?.message).toMatch(
      /^ErrorHandlerRegistry\.register\(\) for second registers status 404 in app module RootTestModule, which ErrorHandlerRegistry\.register\(\) for first already handles/,
    );
  });

  it('refuses a scope that is neither a controller nor a module of the app', async () => {
    class Stranger {}
    @Injectable()
    class Registrar {
      constructor(registry: ErrorHandlerRegistry) {
        registry.register(404, function strayHandler() {}, { scope: Stranger });
      }
    }
    expect((await initWith(Registrar))?.message).toMatch(/^ErrorHandlerRegistry\.register\(\) for strayHandler: scope Stranger is neither a controller nor a module/);
  });
});

describe('ErrorHandlerRegistry.explain, without HTTP', () => {
  let registry: ErrorHandlerRegistry;
  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [RegistryAppModule] }).compile();
    await moduleRef.init();
    registry = moduleRef.get(ErrorHandlerRegistry);
  });

  it('explains a hit in the code tier', () => {
    const explanation = registry.explain(new NotFoundException(), { controller: BillingController });
    expect(explanation).toMatchObject({
      handled: true,
      handler: 'appNotFound',
      scope: 'app module RegistryAppModule',
      tier: 'code',
      key: '404',
      wrapped: false,
      status: 404,
      searched: ['controller BillingController', 'module BillingModule', 'app module RegistryAppModule'],
    });
    expect(explanation.summary).toContain('appNotFound in app module RegistryAppModule handles it, matched by status key 404');
  });

  it('explains a hit in the class tier', () => {
    expect(registry.explain(new HttpException('x', 418), { controller: BillingController })).toMatchObject({
      handled: true,
      handler: 'BillingDecorated.http',
      scope: 'module BillingModule',
      tier: 'class',
      key: 'HttpException',
    });
  });

  it('explains the wrapping of an unhandled non-HTTP error', () => {
    expect(registry.explain(new TypeError('boom'), { controller: BillingController })).toMatchObject({
      handled: true,
      handler: 'BillingDecorated.http',
      wrapped: true,
      status: undefined,
    });
  });

  it('explains a miss with the default response', () => {
    const explanation = registry.explain(new BadRequestException('nope'));
    expect(explanation).toMatchObject({
      handled: false,
      searched: ['app module RegistryAppModule'],
      defaultResponse: { status: 400, body: { statusCode: 400, message: 'nope', error: 'Bad Request' } },
    });
    expect(explanation.summary).toMatch(/No handler matches/);
    expect(registry.explain('a string').defaultResponse).toEqual({ status: 500, body: { statusCode: 500, message: 'Internal server error' } });
  });

  it('explains unknown routes: app-level handlers only', () => {
    const explanation = registry.explain(new NotFoundException('Cannot GET /nowhere'));
    expect(explanation.searched).toEqual(['app module RegistryAppModule']);
    expect(explanation.handler).toBe('appNotFound');
  });

  it('explains a registered module handler', () => {
    expect(registry.explain(new PaymentDeclined(), { controller: BillingController })).toMatchObject({
      handler: 'paymentDeclined',
      scope: 'module BillingModule',
      tier: 'class',
      key: 'PaymentDeclined',
    });
  });

  it('refuses to explain for a class that is not a controller', () => {
    expect(() => registry.explain(new Error(), { controller: BillingModule })).toThrow(/BillingModule is not a controller/);
  });
});
