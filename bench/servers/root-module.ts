import { Module, type DynamicModule, type Provider, type Type } from '@nestjs/common';
import { BenchController } from './bench.controller.js';
import { GENERATED_HANDLER_COUNT, type ServerArgs } from './variants.js';

/**
 * The root module of a bench server. The `bare` variant never loads the
 * library, so it is plain Nest, not "the module installed but idle";
 * `bare-handlers` has the module variants' providers but not the module. The
 * module variants differ only in their `sentry` options.
 */
export async function rootModuleFor({ variant, dsn }: ServerArgs): Promise<Type> {
  if (variant === 'bare') return defineRootModule([], []);
  const { DeepErrorHandlers, generatedHandlersProvider } = await import('./handlers.js');
  const applicationProviders = [DeepErrorHandlers, generatedHandlersProvider(GENERATED_HANDLER_COUNT)];
  if (variant === 'bare-handlers') return defineRootModule([], applicationProviders);
  const { ErrorHandlersModule } = await import('nestjs-error-handlers');
  const { QuietErrorsLogger } = await import('./quiet-logger.js');
  const errorHandlers = ErrorHandlersModule.forRoot({
    logger: new QuietErrorsLogger('ErrorHandlers'),
    sentry: variant === 'module-sentry-unsent' ? UNSENT_SENTRY : dsn === undefined ? undefined : { dsn },
  });
  return defineRootModule([errorHandlers], applicationProviders);
}

/** Real SDK, no integrations, nothing serialised or sent; the DSN only has to be well-formed. */
const UNSENT_SENTRY = {
  dsn: 'http://public@127.0.0.1:9/1',
  defaultIntegrations: false as const,
  transport: () => ({ send: () => Promise.resolve({}), flush: () => Promise.resolve(true) }),
};

function defineRootModule(imports: DynamicModule[], providers: Provider[]): Type {
  class BenchAppModule {}
  Module({ imports, controllers: [BenchController], providers })(BenchAppModule);
  return BenchAppModule;
}
