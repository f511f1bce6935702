import { Controller, Get, Injectable, InternalServerErrorException, Module, NotFoundException, type DynamicModule } from '@nestjs/common';
import { ErrorHandler, ErrorHandlerRegistry, ErrorHandlersModule, ErrorResponse, type ErrorHandlersModuleOptions } from 'nestjs-error-handlers';
import { afterEach, describe, expect, it } from 'vitest';
import { BROWSER_ACCEPT } from '../helpers/accept-headers.js';
import { PLATFORMS, startApp, type RunningApp } from '../helpers/platforms.js';

/**
 * SPEC section 7 (Flask's PROPAGATE_EXCEPTIONS): in debug mode an unhandled
 * non-HTTP error is not given to 500 handlers; the traceback answers it, so
 * a developer sees the real error. Handlers for the error's own class still
 * run, and HTTP 500s still reach the 500 handler. `debug.propagate: false`
 * turns this off. And the cause chain shows only real causes.
 */

class OwnClassError extends Error {}

@Controller('p')
class PropagationController {
  @Get('plain') plain() { throw new Error('the real error'); }
  @Get('own') own() { throw new OwnClassError('has a handler of its own'); }
  @Get('http-500') http500() { throw new InternalServerErrorException('an HTTP 500'); }
  @Get('not-found') notFound() { throw new NotFoundException('no such thing'); }
}

@Injectable()
class AppHandlers {
  @ErrorHandler(500)
  internal() {
    return new ErrorResponse({ handledBy: 'the 500 handler' }, 500);
  }

  @ErrorHandler(OwnClassError)
  own() {
    return new ErrorResponse({ handledBy: 'the OwnClassError handler' }, 409);
  }
}

function propagationApp(options: ErrorHandlersModuleOptions): DynamicModule {
  @Module({})
  class PropagationAppModule {}
  return {
    module: PropagationAppModule,
    imports: [ErrorHandlersModule.forRoot({ logger: false, ...options })],
    controllers: [PropagationController],
    providers: [AppHandlers],
  };
}

describe.each(PLATFORMS)('debug propagation (%s)', (platform) => {
  let running: RunningApp | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });
  const start = async (options: ErrorHandlersModuleOptions) => (running = await startApp(platform, propagationApp(options)));

  it('in debug mode an unhandled non-HTTP error skips the 500 handler: JSON with the traceback', async () => {
    const app = await start({ debug: true });
    const res = await app.http().get('/p/plain');
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ statusCode: 500, message: 'Internal server error' });
    expect(res.body.debug.error).toMatchObject({ name: 'Error', message: 'the real error' });
    expect(res.body.handledBy).toBeUndefined();
  });

  it('and a browser gets the HTML traceback page', async () => {
    const app = await start({ debug: true });
    const res = await app.http().get('/p/plain').set('Accept', BROWSER_ACCEPT);
    expect(res.status).toBe(500);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('the real error');
  });

  it("explain() says so: no handler, the 500 handler is not reached", async () => {
    const app = await start({ debug: true });
    const explanation = app.app.get(ErrorHandlerRegistry).explain(new Error('x'), { controller: PropagationController });
    expect(explanation.handled).toBe(false);
  });

  it("handlers for the error's own class still run, and an HTTP 500 still reaches the 500 handler", async () => {
    const app = await start({ debug: true });
    expect((await app.http().get('/p/own')).body).toEqual({ handledBy: 'the OwnClassError handler' });
    expect((await app.http().get('/p/http-500')).body).toEqual({ handledBy: 'the 500 handler' });
  });

  it('debug.propagate: false lets the 500 handler answer, as outside debug mode', async () => {
    const app = await start({ debug: { propagate: false } });
    expect((await app.http().get('/p/plain')).body).toEqual({ handledBy: 'the 500 handler' });
  });

  it('outside debug mode the 500 handler answers an unhandled error (step 3)', async () => {
    const app = await start({});
    expect((await app.http().get('/p/plain')).body).toEqual({ handledBy: 'the 500 handler' });
  });

  it('shows no phantom cause for an HttpException: an absent or undefined cause is no cause', async () => {
    const app = await start({ debug: true });
    const res = await app.http().get('/p/not-found');
    expect(res.body.debug.error).toMatchObject({ name: 'NotFoundException', message: 'no such thing' });
    expect(res.body.debug.causes).toEqual([]);
    const page = await app.http().get('/p/not-found').set('Accept', BROWSER_ACCEPT);
    expect(page.text).not.toContain('Caused by');
    expect(page.text).not.toContain('thrown undefined');
  });
});
