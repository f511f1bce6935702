import { BadRequestException, Controller, Injectable, Module, Scope, type Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { describe, expect, it } from 'vitest';
import { ErrorHandler, ErrorHandlersModule } from 'nestjs-error-handlers';

/** Boots an app with the given providers in the root module; resolves to the bootstrap error, if any. */
async function bootstrapError(providers: Type[], imports: Type[] = []): Promise<Error | undefined> {
  const moduleRef = await Test.createTestingModule({ imports: [ErrorHandlersModule.forRoot(), ...imports], providers }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  try {
    await app.init();
    return undefined;
  } catch (error) {
    return error as Error;
  } finally {
    await app.close().catch(() => undefined);
  }
}

/** A provider with one handler method registered for `key`, named `Name.handle`. */
function providerWith(name: string, key: unknown): Type {
  @Injectable()
  class Handlers {
    @ErrorHandler(key as number)
    handle() {
      return name;
    }
  }
  Object.defineProperty(Handlers, 'name', { value: name });
  return Handlers;
}

class NotAnError {}

describe('bootstrap validation, SPEC section 8', () => {
  it.each([
    ['a class that is not an Error', NotAnError, /InvalidKey\.handle has an invalid key class NotAnError/],
    ['a status below 400', 399, /InvalidKey\.handle has an invalid key 399 \(outside 400–599\)/],
    ['a status above 599', 600, /InvalidKey\.handle has an invalid key 600/],
    ['a non-integer status', 404.5, /InvalidKey\.handle has an invalid key 404\.5 \(not an integer\)/],
    ['a string', '404', /InvalidKey\.handle has an invalid key "404" \(a string\)/],
    ['null', null, /InvalidKey\.handle has an invalid key null/],
    ['an empty list', [], /InvalidKey\.handle was given an empty list of keys/],
  ])('refuses %s, naming Class.method', async (_case, key, message) => {
    const error = await bootstrapError([providerWith('InvalidKey', key)]);
    expect(error?.message).toMatch(message);
  });

  it('refuses a status and its Nest class in the same scope, naming both handlers', async () => {
    const error = await bootstrapError([providerWith('First', 400), providerWith('Second', BadRequestException)]);
    expect(error?.message).toMatch(/Second\.handle registers status 400 in app module RootTestModule, which First\.handle already handles/);
  });

  it('refuses a duplicate stacked on one method', async () => {
    @Injectable()
    class Stacked {
      @ErrorHandler(404)
      @ErrorHandler(404)
      handle() {}
    }
    expect((await bootstrapError([Stacked]))?.message).toMatch(/Stacked\.handle registers status 404/);
  });

  it('accepts the same key in different scopes', async () => {
    const feature = providerWith('FeatureHandlers', 404);
    @Module({ providers: [feature] })
    class FeatureModule {}
    expect(await bootstrapError([providerWith('AppHandlers', 404)], [FeatureModule])).toBeUndefined();
  });

  it('refuses a handler on a request-scoped provider with a clear message', async () => {
    @Injectable({ scope: Scope.REQUEST })
    class PerRequest {
      @ErrorHandler(404)
      handle() {}
    }
    expect((await bootstrapError([PerRequest]))?.message).toMatch(/PerRequest\.handle is on a request-scoped or transient provider/);
  });

  it('refuses an invalid key on a controller method too', async () => {
    @Controller()
    class BadController {
      @ErrorHandler(NotAnError as never)
      handle() {}
    }
    const moduleRef = await Test.createTestingModule({ imports: [ErrorHandlersModule.forRoot()], controllers: [BadController] }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await expect(app.init()).rejects.toThrow(/BadController\.handle has an invalid key/);
    await app.close().catch(() => undefined);
  });
});
