import { Module, type DynamicModule, type Provider, type Type } from '@nestjs/common';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLModule } from '@nestjs/graphql';
import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius';
import { apolloExpressDriver } from '../../test/contexts/graphql/fixtures/apollo-express-driver.js';
import { GENERATED_HANDLER_COUNT } from '../servers/variants.js';
import { BenchResolver } from './bench.resolver.js';
import type { GraphqlServerArgs } from './variants.js';

/**
 * The root module of a GraphQL bench server: the driver (code first, schema
 * in memory, no landing page) and the resolver; the handlers of the HTTP
 * bench's module variant, and the module, as the variant says. `bare` never
 * loads the library.
 */
export async function graphqlRootModuleFor({ driver, variant }: GraphqlServerArgs): Promise<Type> {
  const imports: DynamicModule[] = [await driverModule(driver)];
  const providers: Provider[] = [BenchResolver];
  if (variant !== 'bare') {
    const { DeepErrorHandlers, generatedHandlersProvider } = await import('../servers/handlers.js');
    providers.push(DeepErrorHandlers, generatedHandlersProvider(GENERATED_HANDLER_COUNT));
  }
  if (variant === 'module') {
    const { ErrorHandlersModule } = await import('nestjs-error-handlers');
    const { QuietErrorsLogger } = await import('../servers/quiet-logger.js');
    imports.push(ErrorHandlersModule.forRoot({ logger: new QuietErrorsLogger('ErrorHandlers') }));
  }
  class GraphqlBenchAppModule {}
  Module({ imports, providers })(GraphqlBenchAppModule);
  return GraphqlBenchAppModule;
}

async function driverModule(driver: GraphqlServerArgs['driver']): Promise<DynamicModule> {
  const common = { autoSchemaFile: true as const, graphiql: false };
  if (driver === 'mercurius') return GraphQLModule.forRoot<MercuriusDriverConfig>({ driver: MercuriusDriver, ...common });
  return GraphQLModule.forRoot<ApolloDriverConfig>({ driver: await apolloExpressDriver(), ...common });
}
