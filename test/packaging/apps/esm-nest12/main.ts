// An ESM Nest 12 app on Fastify ("type": "module", compiled by tsc), using the packed package.
import 'reflect-metadata';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { Controller, ForbiddenException, Get, Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
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

const require = createRequire(import.meta.url);
const app = await NestFactory.create<NestFastifyApplication>(AppModule, new FastifyAdapter(), { logger: false });
await app.listen(0, '127.0.0.1');
console.log(
  JSON.stringify({
    port: (app.getHttpServer().address() as AddressInfo).port,
    nest: require('@nestjs/core/package.json').version,
    // A CommonJS dependency require()-ing the package gets the very module this app imported.
    oneCopy: require('nestjs-error-handlers').ErrorHandlersModule === ErrorHandlersModule,
  }),
);
