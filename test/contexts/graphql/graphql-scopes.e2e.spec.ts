import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLATFORMS } from '../../helpers/platforms.js';
import { AppHandlers, OrdersModule, ProfilesModule } from './fixtures/scopes.app.js';
import { errorAt, startGraphqlApp, type RunningGraphqlApp } from './graphql-client.js';

/**
 * SPEC sections 2 and 10: a resolver is a "controller" for scoping. Its own
 * handlers apply to it only, its module's to it and to the modules its
 * module imports, the app module's to every resolver.
 */
describe.each(PLATFORMS)('GraphQL scopes (%s)', (platform) => {
  let app: RunningGraphqlApp;
  let withoutFieldFilters: RunningGraphqlApp;
  const fail = (target: RunningGraphqlApp, field: string, kind: string) => target.query(`{ ${field}(kind: "${kind}") }`);

  beforeAll(async () => {
    const options = { imports: [ProfilesModule, OrdersModule], providers: [AppHandlers], errorHandlers: {} };
    app = await startGraphqlApp(platform, { ...options, fieldResolverEnhancers: ['filters'] });
    withoutFieldFilters = await startGraphqlApp(platform, options);
  });
  afterAll(async () => {
    await app?.close();
    await withoutFieldFilters?.close();
  });

  it('a handler on a resolver class answers for that resolver', async () => {
    const response = await fail(app, 'profileFail', 'not-found');
    expect(errorAt(response, 'profileFail')).toMatchObject({ message: 'answered by ProfilesResolver', extensions: { code: 'NOT_FOUND', status: 404 } });
  });

  it('… and not for a resolver of a module its module imports, nor for another module\'s', async () => {
    expect(errorAt(await fail(app, 'avatarFail', 'not-found'), 'avatarFail')?.message).toBe('Nothing by that id');
    expect(errorAt(await fail(app, 'orderFail', 'not-found'), 'orderFail')?.message).toBe('Nothing by that id');
  });

  it('a handler on a feature module\'s provider answers for its resolvers and those of the modules it imports', async () => {
    expect(errorAt(await fail(app, 'profileFail', 'conflict'), 'profileFail')?.message).toBe('answered by ProfilesModule');
    expect(errorAt(await fail(app, 'avatarFail', 'conflict'), 'avatarFail')?.message).toBe('answered by ProfilesModule');
  });

  it('… and not for another module\'s resolvers', async () => {
    expect(errorAt(await fail(app, 'orderFail', 'conflict'), 'orderFail')?.message).toBe('Already there');
  });

  it('an app-level 500 handler answers an internal error of any resolver (SPEC section 3, step 3)', async () => {
    for (const field of ['profileFail', 'avatarFail', 'orderFail']) {
      const error = errorAt(await fail(app, field, 'internal'), field);
      expect(error).toMatchObject({ message: 'answered by the app', extensions: { code: 'TRY_LATER', status: 500, cause: 'Error' } });
    }
  });

  it('a GraphQLError thrown on purpose is not given to the app\'s 500 handler (SPEC section 10: like a 4xx)', async () => {
    const error = errorAt(await fail(app, 'orderFail', 'deliberate'), 'orderFail');
    expect(error).toMatchObject({ message: 'Profile is private', extensions: { code: 'FORBIDDEN' } });
  });

  it('a field resolver is in its resolver\'s scope when Nest runs filters for field resolvers', async () => {
    const response = await app.query('{ profile { name secret } }');
    expect(response.body.data).toEqual({ profile: { name: 'Ada', secret: null } });
    expect(errorAt(response, 'profile.secret')?.message).toBe('answered by ProfilesResolver');
  });

  it('without `fieldResolverEnhancers: [\'filters\']`, Nest runs no filter for field resolvers: the error is Nest\'s', async () => {
    const response = await withoutFieldFilters.query('{ profile { name secret } }');
    expect(errorAt(response, 'profile.secret')?.message).toBe('No secret');
  });
});
