import {
  BadRequestException,
  ConflictException,
  Controller,
  Get,
  Header,
  HttpCode,
  HttpException,
  Injectable,
  Module,
  NotFoundException,
  Param,
  type ArgumentsHost,
  type INestApplication,
} from '@nestjs/common';
import { ErrorHandler, ErrorHandlersModule, ErrorResponse, problemDetails } from 'nestjs-error-handlers';
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { initApp, PLATFORMS, type PlatformName } from '../helpers/platforms.js';
import { CapturingLogger } from '../sentry/fixtures/capturing-logger.js';

/**
 * The examples of docs/handler-contract.md, as the page shows them: change
 * one, change the other.
 */

class OutOfStock extends Error {
  constructor(readonly sku: string) {
    super(`no ${sku} left`);
  }
}
class PaymentDeclined extends Error {}
class LegacyLink extends Error {}
class MovedError extends Error {}
class Restock extends Error {
  constructor(readonly sku: string) {
    super('restock');
  }
}
class AlreadyPaid extends Error {}
class BothHeaders extends Error {}
class Buggy extends Error {}
class Unsendable extends Error {
  constructor(readonly what: 'status' | 'header' | 'body') {
    super(what);
  }
}

@Injectable()
class Stock {
  async restockDate(sku: string): Promise<string> {
    await new Promise((resolve) => setTimeout(resolve, 2));
    return `${sku} back on Monday`;
  }
}

@Controller('shop')
class ShopController {
  @Get('stock') stock() { throw new OutOfStock('blue-mug'); }
  @Get('pay') pay() { throw new PaymentDeclined('card refused'); }
  @Get('legacy') legacy() { throw new LegacyLink('old'); }
  @Get('moved') moved() { throw new MovedError(); }
  @Get('restock') restock() { throw new Restock('blue-mug'); }
  @Get('paid') paid() { throw new AlreadyPaid(); }
  @Get('both-headers') bothHeaders() { throw new BothHeaders(); }
  @Get('thrown') thrown() { throw new NotFoundException('thrown'); }
  @Get('buggy') buggy() { throw new Buggy('original'); }
  @Get('type-error') typeError() { throw new TypeError('x is undefined'); }
  @Get('unsendable/:what') unsendable(@Param('what') what: 'status' | 'header' | 'body') { throw new Unsendable(what); }
  @Get('no-such-user') noSuchUser() { throw new NotFoundException('no such user'); }
  @Get('teapot') teapot() { throw new HttpException('nope', 418); }
}

@Injectable()
class ShopErrors {
  constructor(private readonly stock: Stock) {}

  @ErrorHandler(OutOfStock)
  outOfStock(error: OutOfStock) {
    return new ErrorResponse({ error: 'out_of_stock', sku: error.sku }, 409, { 'Retry-After': '3600' });
  }

  @ErrorHandler(PaymentDeclined)
  declined() {
    return new BadRequestException('payment declined');
  }

  @ErrorHandler(LegacyLink)
  @HttpCode(410)
  @Header('Cache-Control', 'no-store')
  legacy(error: LegacyLink) {
    return `gone: ${error.message}`;
  }

  @ErrorHandler(MovedError)
  moved(_error: MovedError, host: ArgumentsHost) {
    const response = host.switchToHttp().getResponse<RedirectingResponse>();
    if (isFastifyReply(response)) response.code(308).redirect('/shop/new');
    else response.redirect(308, '/shop/new');
    return response;
  }

  @ErrorHandler(Restock)
  async restock(error: Restock) {
    return { when: await this.stock.restockDate(error.sku) };
  }

  @ErrorHandler(AlreadyPaid)
  alreadyPaid() {
    return problemDetails({ status: 409, detail: 'order 42 was already paid', orderId: 42 });
  }

  @ErrorHandler(BothHeaders)
  @Header('x-origin', 'method')
  @Header('x-method-only', 'yes')
  bothHeaders() {
    return new ErrorResponse({ ok: false }, 409, { 'x-origin': 'response' });
  }

  @ErrorHandler(NotFoundException)
  @Header('x-seen-by', 'ShopErrors.notFound')
  notFound(error: NotFoundException) {
    // Returning nothing leaves the default response; "thrown" shows a handler throwing an HttpException.
    if (error.message === 'thrown') throw new ConflictException('thrown on purpose');
  }

  @ErrorHandler(Buggy)
  buggy(): never {
    throw new Error('a bug in the handler');
  }

  @ErrorHandler(TypeError)
  typeError() {
    return { plain: 'object' };
  }

  @ErrorHandler(Unsendable)
  unsendable(error: Unsendable) {
    if (error.what === 'status') return new ErrorResponse({ x: 1 }, 99);
    if (error.what === 'header') return new ErrorResponse({ x: 1 }, 400, { 'x-note': 'a\r\nb' });
    const body: Record<string, unknown> = {};
    body.self = body;
    return body;
  }
}

@Injectable()
class AppErrors {
  @ErrorHandler(500)
  internal(error: HttpException) {
    return { error: 'internal', cause: (error.cause as Error).message };
  }
}

@Module({ imports: [ErrorHandlersModule.forRoot()], controllers: [ShopController], providers: [Stock, ShopErrors, AppErrors] })
class ShopAppModule {}

interface RedirectingResponse {
  redirect(status: number, url: string): unknown;
}
interface FastifyRedirect {
  raw: unknown;
  code(status: number): { redirect(url: string): unknown };
}
function isFastifyReply(response: unknown): response is FastifyRedirect {
  return typeof response === 'object' && response !== null && 'raw' in response;
}


async function start(platform: PlatformName, logger: CapturingLogger): Promise<INestApplication> {
  const app = await initApp(platform, ShopAppModule, { logger });
  return app;
}

describe.each(PLATFORMS)('docs/handler-contract.md (%s)', (platform) => {
  const logger = new CapturingLogger();
  let app: INestApplication;
  const get = (path: string) => request(app.getHttpServer()).get(path);
  beforeAll(async () => {
    app = await start(platform, logger);
  });
  afterAll(() => app.close());
  beforeEach(() => logger.clear());

  it('ErrorResponse: body, status and headers', async () => {
    const res = await get('/shop/stock');
    expect(res.status).toBe(409);
    expect(res.headers['retry-after']).toBe('3600');
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.text).toBe('{"error":"out_of_stock","sku":"blue-mug"}');
  });

  it('ErrorResponse headers come after the method’s @Header()s: the same name takes the ErrorResponse value', async () => {
    const res = await get('/shop/both-headers');
    expect(res.headers['x-origin']).toBe('response');
    expect(res.headers['x-method-only']).toBe('yes');
  });

  it('a returned HttpException: its default response', async () => {
    const res = await get('/shop/pay');
    expect(res.status).toBe(400);
    expect(res.text).toBe('{"message":"payment declined","error":"Bad Request","statusCode":400}');
  });

  it('a plain value with @HttpCode() and @Header(): a string as text', async () => {
    const res = await get('/shop/legacy');
    expect(res.status).toBe(410);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-type']).toBe(platform === 'express' ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8');
    expect(res.text).toBe('gone: old');
  });

  it('a plain object for a non-HTTP error: JSON, status 500', async () => {
    const res = await get('/shop/type-error');
    expect(res.status).toBe(500);
    expect(res.text).toBe('{"plain":"object"}');
  });

  it('writing the response yourself: nothing more is sent', async () => {
    const res = await get('/shop/moved');
    expect(res.status).toBe(308);
    expect(res.headers.location).toBe('/shop/new');
  });

  it('an async handler using an injected service', async () => {
    expect((await get('/shop/restock')).body).toEqual({ when: 'blue-mug back on Monday' });
  });

  it('problemDetails(): RFC 9457 body and content type', async () => {
    const res = await get('/shop/paid');
    expect(res.status).toBe(409);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(res.text).toBe('{"type":"about:blank","title":"Conflict","status":409,"detail":"order 42 was already paid","orderId":42}');
  });

  it('returning nothing: the default response, with the handler’s @Header()', async () => {
    const res = await get('/shop/no-such-user');
    expect(res.status).toBe(404);
    expect(res.headers['x-seen-by']).toBe('ShopErrors.notFound');
    expect(res.text).toBe('{"message":"no such user","error":"Not Found","statusCode":404}');
  });

  it('a handler throwing an HttpException: that is its answer', async () => {
    const res = await get('/shop/thrown');
    expect(res.status).toBe(409);
    expect(res.text).toBe('{"message":"thrown on purpose","error":"Conflict","statusCode":409}');
  });

  it('a handler throwing anything else: logged naming it, then the 500 path once, the failure as cause', async () => {
    const res = await get('/shop/buggy');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: 'internal', cause: 'a bug in the handler' });
    expect(logger.at('error').map((entry) => entry.message)).toEqual([
      'Error handler ShopErrors.buggy failed on GET /shop/buggy: Error: a bug in the handler',
      '500 GET /shop/buggy Buggy: original',
    ]);
  });

  it.each([
    ['status', "the handler's answer has status 99, which cannot be sent: use an integer from 200 to 599."],
    [
      'header',
      'the handler\'s answer has a header "x-note" whose name or value cannot be sent (empty, not a string, or with characters such as CR or LF that HTTP forbids).',
    ],
    ['body', "the answer's body cannot be serialised as JSON (Converting circular structure to JSON"],
  ])('an answer that cannot be sent (%s) is the handler’s failure', async (what, message) => {
    const res = await get(`/shop/unsendable/${what}`);
    expect(res.status).toBe(500);
    expect(res.body.error).toBe('internal');
    expect(res.body.cause).toContain(message);
  });

  it('default responses: Nest’s bodies', async () => {
    const res = await get('/shop/teapot');
    expect(res.status).toBe(418);
    expect(res.text).toBe('{"statusCode":418,"message":"nope"}');
  });
});
