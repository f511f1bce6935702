import { ConfigurableModuleBuilder, type Provider, type Type } from '@nestjs/common';
import { ErrorReporter } from './reporting/error-reporter.js';
import type { ErrorHandlersModuleOptions } from './interfaces/error-handlers-options.interface.js';

/** Options of `forRoot`/`forRootAsync` that shape the module itself rather than its behaviour. */
export interface ErrorHandlersModuleExtras {
  /**
   * Your own `ErrorReporter` (another backend, or several composed), in place
   * of `SentryService`. It is created inside the module, so it can inject
   * `SentryService`, global providers, and what `forRootAsync`'s `imports` export.
   */
  reporter?: Type<ErrorReporter>;
}

export const { ConfigurableModuleClass, MODULE_OPTIONS_TOKEN, OPTIONS_TYPE, ASYNC_OPTIONS_TYPE } =
  new ConfigurableModuleBuilder<ErrorHandlersModuleOptions>({ moduleName: 'ErrorHandlers' })
    .setClassMethodName('forRoot')
    .setFactoryMethodName('createErrorHandlersOptions')
    // The module is always global (SPEC section 1): its services are injectable everywhere.
    .setExtras<ErrorHandlersModuleExtras>({ reporter: undefined }, (definition, { reporter }) => ({
      ...definition,
      global: true,
      providers: [...(definition.providers ?? []), ...reporterProviders(reporter)],
    }))
    .build();

/** Dynamic providers come after the module's own, so this binding replaces the default one. */
function reporterProviders(reporter: Type<ErrorReporter> | undefined): Provider[] {
  return reporter ? [reporter, { provide: ErrorReporter, useExisting: reporter }] : [];
}
