import { Module, type DynamicModule, type Provider, type Type } from '@nestjs/common';
import { BenchController } from './bench.controller.js';
import { GENERATED_HANDLER_COUNT, type ServerArgs } from './variants.js';

/**
 * The root module of a bench server. The `bare` variant never loads the
 * library, so it is plain Nest, not "the module installed but idle". The
 * two module variants differ only in the DSN.
 */
export async function rootModuleFor({ variant, dsn }: ServerArgs): Promise<Type> {
  if (variant === 'bare') return defineRootModule([], []);
  const { ErrorHandlersModule } = await import('nestjs-error-handlers');
  const { DeepErrorHandlers, generatedHandlersProvider } = await import('./handlers.js');
  const { QuietErrorsLogger } = await import('./quiet-logger.js');
  const errorHandlers = ErrorHandlersModule.forRoot({
    logger: new QuietErrorsLogger('ErrorHandlers'),
    sentry: dsn === undefined ? undefined : { dsn },
  });
  return defineRootModule([errorHandlers], [DeepErrorHandlers, generatedHandlersProvider(GENERATED_HANDLER_COUNT)]);
}

function defineRootModule(imports: DynamicModule[], providers: Provider[]): Type {
  class BenchAppModule {}
  Module({ imports, controllers: [BenchController], providers })(BenchAppModule);
  return BenchAppModule;
}
