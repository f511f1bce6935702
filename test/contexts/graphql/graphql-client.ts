import type { INestApplication, LoggerService } from '@nestjs/common';
import request, { type Response, type Test as PendingRequest } from 'supertest';
import { initApp, type PlatformName } from '../../helpers/platforms.js';
import { graphqlRootModule, type GraphqlAppOptions } from './fixtures/graphql.app.js';

/** A GraphQL app on a real server (Apollo on Express, Mercurius on Fastify), and a client that posts operations to it. */
export interface RunningGraphqlApp {
  app: INestApplication;
  /** A pending request: headers can still be set on it. */
  query(query: string, variables?: Record<string, unknown>, operationName?: string): PendingRequest;
  close(): Promise<void>;
}

/** `logger`: Nest's own logger for the app (its `ExceptionsHandler` lines); none by default. */
export async function startGraphqlApp(platform: PlatformName, options: GraphqlAppOptions, logger: LoggerService | false = false): Promise<RunningGraphqlApp> {
  const app = await initApp(platform, await graphqlRootModule(platform, options), { logger });
  const server = app.getHttpServer();
  return {
    app,
    query: (query, variables, operationName) =>
      request(server).post('/graphql').set('content-type', 'application/json').send({ query, variables, operationName }),
    close: () => app.close(),
  };
}

/** One GraphQL error of a response, as clients read it. */
export interface GraphqlErrorJson {
  message: string;
  path?: Array<string | number>;
  locations?: unknown;
  extensions?: Record<string, unknown>;
}

/** The response's errors, by path (`fail`, `profile.secret`). */
export function errorAt(response: Response, path: string): GraphqlErrorJson | undefined {
  return (response.body.errors as GraphqlErrorJson[] | undefined)?.find((error) => error.path?.join('.') === path);
}
