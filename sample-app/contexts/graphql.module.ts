import type { DynamicModule } from '@nestjs/common';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLModule } from '@nestjs/graphql';
import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius';
import type { SamplePlatform } from '../config/app-settings.js';

/**
 * GraphQL at `/graphql`, code first with the schema kept in memory
 * (`autoSchemaFile: true`): Apollo on Express (how main.ts runs the sample),
 * Mercurius on Fastify (each driver's own platform; the tests run both).
 * GraphiQL, in a browser: `/graphql` on Apollo, `/graphiql` on Mercurius.
 */
export function graphqlModule(platform: SamplePlatform = 'express'): DynamicModule {
  if (platform === 'fastify') {
    return GraphQLModule.forRoot<MercuriusDriverConfig>({ driver: MercuriusDriver, autoSchemaFile: true, graphiql: true });
  }
  // Stacks are for the log and debug mode, not for clients: Apollo adds them to errors outside production.
  return GraphQLModule.forRoot<ApolloDriverConfig>({ driver: ApolloDriver, autoSchemaFile: true, graphiql: true, includeStacktraceInErrorResponses: false });
}
