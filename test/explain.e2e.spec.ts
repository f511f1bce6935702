import { ConflictException, Controller, Get, Injectable, Module, NotFoundException } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { ErrorHandler, ErrorHandlerRegistry, ErrorHandlersModule } from 'nestjs-error-handlers';

class OutOfStock extends Error {}

/** No handlers here: the controller and its module are empty scopes. */
@Controller('catalog')
class CatalogController {
  @Get() list() {
    throw new OutOfStock();
  }
}
@Module({ controllers: [CatalogController] })
class CatalogModule {}

@Injectable()
class ShopErrors {
  @ErrorHandler(OutOfStock)
  outOfStock() {
    return { reason: 'out of stock' };
  }
}
@Module({ imports: [CatalogModule], providers: [ShopErrors] })
class ShopModule {}

@Injectable()
class AppErrors {
  @ErrorHandler(404)
  notFound() {}
}
@Module({ imports: [ErrorHandlersModule.forRoot(), ShopModule], providers: [AppErrors] })
class ExplainAppModule {}

describe('ErrorHandlerRegistry.explain() lists every scope searched', () => {
  let registry: ErrorHandlerRegistry;
  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [ExplainAppModule] }).compile();
    await moduleRef.init();
    registry = moduleRef.get(ErrorHandlerRegistry);
  });

  it('names the scopes without handlers too, nearest first', () => {
    const explanation = registry.explain(new OutOfStock(), { controller: CatalogController });
    expect(explanation).toMatchObject({ handled: true, handler: 'ShopErrors.outOfStock', scope: 'module ShopModule' });
    expect(explanation.searched).toEqual(['controller CatalogController', 'module CatalogModule', 'module ShopModule', 'app module ExplainAppModule']);
  });

  it('says in the summary which scopes hold no handler', () => {
    const { summary } = registry.explain(new ConflictException(), { controller: CatalogController });
    expect(summary).toMatch(
      /^No handler matches; searched controller CatalogController \(no handlers\) → module CatalogModule \(no handlers\) → module ShopModule → app module ExplainAppModule\. /,
    );
  });

  it('searches the app module alone for errors raised before routing', () => {
    expect(registry.explain(new NotFoundException()).searched).toEqual(['app module ExplainAppModule']);
  });
});

describe('ErrorHandlerRegistry.explain() before the app is initialised', () => {
  const notInitialised = /^ErrorHandlerRegistry\.explain\(\): the app has not been initialised yet/;

  it('says so plainly, with or without a controller', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [ExplainAppModule] }).compile();
    const registry = moduleRef.get(ErrorHandlerRegistry);
    expect(() => registry.explain(new OutOfStock())).toThrow(notInitialised);
    expect(() => registry.explain(new OutOfStock(), { controller: CatalogController })).toThrow(notInitialised);
    await moduleRef.init();
    expect(registry.explain(new OutOfStock(), { controller: CatalogController }).handled).toBe(true);
    await moduleRef.close();
  });

  it('says so for a registry made outside any app', () => {
    expect(() => new ErrorHandlerRegistry().explain(new Error(), { controller: CatalogController })).toThrow(notInitialised);
  });
});
