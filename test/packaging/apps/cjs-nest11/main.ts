// A CommonJS Nest 11 app on Express, as most Nest 11 apps in production are
// (compiled by tsc, no "type" in its package.json), using the packed package.
import 'reflect-metadata';
import { Controller, ForbiddenException, Get, Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ErrorHandler, ErrorHandlersModule, ErrorResponse } from 'nestjs-error-handlers';

class OutOfStockError extends Error {}

@Controller()
class ShopController {
  @Get('item') item(): never {
    throw new OutOfStockError('the last one is gone');
  }

  @Get('admin') admin(): never {
    throw new ForbiddenException();
  }
}

@Injectable()
class ShopErrorHandlers {
  @ErrorHandler(404) notFound() {
    return new ErrorResponse({ handledBy: 'not-found' }, 404);
  }

  @ErrorHandler(403) forbidden() {
    return new ErrorResponse({ handledBy: 'forbidden' }, 403);
  }

  @ErrorHandler(OutOfStockError) outOfStock(error: OutOfStockError) {
    return new ErrorResponse({ handledBy: 'out-of-stock', message: error.message }, 503);
  }
}

@Module({ imports: [ErrorHandlersModule.forRoot({ logger: false })], controllers: [ShopController], providers: [ShopErrorHandlers] })
class AppModule {}

async function main(): Promise<void> {
  // require(esm) and import() must give the one and same package: no dual-package copies.
  const imported = await import('nestjs-error-handlers');
  const app = await NestFactory.create(AppModule, { logger: false });
  await app.listen(0, '127.0.0.1');
  console.log(
    JSON.stringify({
      port: app.getHttpServer().address().port,
      nest: require('@nestjs/core/package.json').version,
      oneCopy: imported.ErrorHandlersModule === ErrorHandlersModule,
    }),
  );
}

void main();
