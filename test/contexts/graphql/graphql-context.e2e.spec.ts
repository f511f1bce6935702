import { Injectable, type ArgumentsHost, type INestApplication } from '@nestjs/common';
import { Query, Resolver } from '@nestjs/graphql';
import { ErrorHandler, ErrorResponse } from 'nestjs-error-handlers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphqlContext } from '../../../src/contexts/graphql/graphql-context.js';
import { PLATFORMS } from '../../helpers/platforms.js';
import { startGraphqlApp, type RunningGraphqlApp } from './graphql-client.js';

class Recorded extends Error {}

@Resolver()
class HostsResolver {
  @Query(() => String, { nullable: true })
  record(): never {
    throw new Recorded();
  }
}

@Injectable()
class HostRecorder {
  static readonly hosts: ArgumentsHost[] = [];
  @ErrorHandler(Recorded)
  record(_error: Recorded, host: ArgumentsHost): ErrorResponse {
    HostRecorder.hosts.unshift(host);
    return new ErrorResponse({ message: 'recorded' }, 400);
  }
}

const instanceOf = (app: INestApplication) => app.getHttpAdapter().getInstance() as object;

/**
 * The filter's `claims(host)` asks which app an error belongs to when one
 * class serves several apps: a GraphQL host tells it through the request
 * in its context (Express: `req.app`; Fastify: `reply.server`, `req.server`).
 */
describe.each(PLATFORMS)('GraphqlContext.owns (%s)', (platform) => {
  const apps: RunningGraphqlApp[] = [];
  beforeAll(async () => {
    for (let i = 0; i < 2; i++) apps.push(await startGraphqlApp(platform, { providers: [HostsResolver, HostRecorder], errorHandlers: {} }));
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
  });

  it('knows the app an operation came through, and not another', async () => {
    const context = new GraphqlContext();
    for (const [index, app] of apps.entries()) {
      await app.query('{ record }');
      const host = HostRecorder.hosts[0];
      expect(context.owns(host, instanceOf(app.app))).toBe(true);
      expect(context.owns(host, instanceOf(apps[1 - index].app))).toBe(false);
    }
  });

  it('cannot tell without a request in the context', () => {
    const host = { getArgByIndex: (index: number) => (index === 2 ? {} : undefined) } as ArgumentsHost;
    expect(new GraphqlContext().owns(host, instanceOf(apps[0].app))).toBeUndefined();
  });
});
