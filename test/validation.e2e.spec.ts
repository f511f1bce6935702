import { BadRequestException, Controller, Injectable, Module, Scope, type Type } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { ErrorHandler, ErrorHandlersModule } from 'nestjs-error-handlers';
import { bootstrapError, PLATFORMS } from './helpers/platforms.js';

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

describe.each(PLATFORMS)('bootstrap validation, SPEC section 8 (%s)', (platform) => {
  /** The app with `providers` (and `imports`) beside ErrorHandlersModule.forRoot() in its root module. */
  const appError = (providers: Type[], imports: Type[] = []) =>
    bootstrapError({ imports: [ErrorHandlersModule.forRoot(), ...imports], providers }, platform);

  it.each([
    ['a class that is not an Error', NotAnError, /^@ErrorHandler\(\) on InvalidKey\.handle has an invalid key class NotAnError/],
    ['a status below 400', 399, /^@ErrorHandler\(\) on InvalidKey\.handle has an invalid key 399 \(outside 400–599\)/],
    ['a status above 599', 600, /^@ErrorHandler\(\) on InvalidKey\.handle has an invalid key 600/],
    ['a non-integer status', 404.5, /^@ErrorHandler\(\) on InvalidKey\.handle has an invalid key 404\.5 \(not an integer\)/],
    ['a string', '404', /^@ErrorHandler\(\) on InvalidKey\.handle has an invalid key "404" \(a string\)/],
    ['null', null, /^@ErrorHandler\(\) on InvalidKey\.handle has an invalid key null/],
    ['an empty list', [], /InvalidKey\.handle was given an empty list of keys/],
  ])('refuses %s, naming Class.method', async (_case, key, message) => {
    const error = await appError([providerWith('InvalidKey', key)]);
    expect(error?.message).toMatch(message);
  });

  it('refuses a status and its Nest class in the same scope, naming both handlers', async () => {
    const error = await appError([providerWith('First', 400), providerWith('Second', BadRequestException)]);
    expect(error?.message).toMatch(/^@ErrorHandler\(\) on Second\.handle registers status 400 in app module RootTestModule, which @ErrorHandler\(\) on First\.handle already handles/);
  });

  it('refuses a duplicate stacked on one method', async () => {
    @Injectable()
    class Stacked {
      @ErrorHandler(404)
      @ErrorHandler(404)
      handle() {}
    }
    expect((await appError([Stacked]))?.message).toMatch(/^@ErrorHandler\(\) on Stacked\.handle registers status 404/);
  });

  it('accepts the same key in different scopes', async () => {
    const feature = providerWith('FeatureHandlers', 404);
    @Module({ providers: [feature] })
    class FeatureModule {}
    expect(await appError([providerWith('AppHandlers', 404)], [FeatureModule])).toBeUndefined();
  });

  it('refuses a handler on a request-scoped provider with a clear message', async () => {
    @Injectable({ scope: Scope.REQUEST })
    class PerRequest {
      @ErrorHandler(404)
      handle() {}
    }
    expect((await appError([PerRequest]))?.message).toMatch(/^@ErrorHandler\(\) on PerRequest\.handle is on a request-scoped or transient provider/);
  });

  it('refuses an invalid key on a controller method too', async () => {
    @Controller()
    class BadController {
      @ErrorHandler(NotAnError as never)
      handle() {}
    }
    const error = await bootstrapError({ imports: [ErrorHandlersModule.forRoot()], controllers: [BadController] }, platform);
    expect(error?.message).toMatch(/^@ErrorHandler\(\) on BadController\.handle has an invalid key/);
  });
});
