import { Controller, Get, Injectable, Module, NotFoundException, type ArgumentsHost } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorHandler, ErrorHandlersModule, problemDetails } from 'nestjs-error-handlers';
import { PLATFORMS, startApp, type RunningApp } from './helpers/platforms.js';

class OutOfStock extends Error {
  constructor(readonly sku: string) {
    super(`${sku} is out of stock`);
  }
}
class Maintenance extends Error {}

@Controller('orders')
class OrdersController {
  @Get('out-of-stock') outOfStock() {
    throw new OutOfStock('A-1');
  }
  @Get('maintenance') maintenance() {
    throw new Maintenance();
  }
  @Get('missing') missing() {
    throw new NotFoundException('no order 7');
  }
}

@Injectable()
class OrderErrors {
  @ErrorHandler(OutOfStock)
  outOfStock(error: OutOfStock, host: ArgumentsHost) {
    const { url } = host.switchToHttp().getRequest<{ url: string }>();
    return problemDetails({
      status: 409,
      type: 'https://example.com/problems/out-of-stock',
      detail: error.message,
      instance: url,
      sku: error.sku,
    });
  }

  @ErrorHandler(Maintenance)
  maintenance() {
    return problemDetails({ status: 503 }, { 'Retry-After': '120' });
  }

  @ErrorHandler(404)
  notFound(error: NotFoundException) {
    return problemDetails({ status: 404, title: 'No such order', detail: error.message });
  }
}

@Module({ imports: [ErrorHandlersModule.forRoot()], controllers: [OrdersController], providers: [OrderErrors] })
class ProblemAppModule {}

const PROBLEM_JSON = /^application\/problem\+json(; charset=utf-8)?$/;

describe.each(PLATFORMS)('problemDetails() returned by a handler (%s)', (platform) => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp(platform, ProblemAppModule);
  });
  afterAll(() => running.close());

  it('answers with the status, application/problem+json and the RFC 9457 body with extension members', async () => {
    const res = await running.http().get('/orders/out-of-stock');
    expect(res.status).toBe(409);
    expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(JSON.parse(res.text)).toEqual({
      type: 'https://example.com/problems/out-of-stock',
      title: 'Conflict',
      status: 409,
      detail: 'A-1 is out of stock',
      instance: '/orders/out-of-stock',
      sku: 'A-1',
    });
  });

  it('fills type and title from the status alone, and keeps extra headers', async () => {
    const res = await running.http().get('/orders/maintenance');
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(res.headers['retry-after']).toBe('120');
    expect(JSON.parse(res.text)).toEqual({ type: 'about:blank', title: 'Service Unavailable', status: 503 });
  });

  it('answers an HttpException the same way, with the title the handler gives', async () => {
    const res = await running.http().get('/orders/missing');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(JSON.parse(res.text)).toEqual({ type: 'about:blank', title: 'No such order', status: 404, detail: 'no order 7' });
  });
});
