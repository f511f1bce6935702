import { Module, type DynamicModule, type NestModule, type OnModuleInit } from '@nestjs/common';
import { APP_FILTER, DiscoveryModule } from '@nestjs/core';
import { bindControllerFilter } from './controller-filters.js';
import { ErrorHandlerRegistry } from './error-handler.registry.js';
import { ErrorHandlersExplorer } from './error-handlers.explorer.js';
import { ErrorHandlersFilter } from './error-handlers.filter.js';
import { ErrorHandlersMetadataAccessor } from './error-handlers-metadata.accessor.js';
import { ConfigurableModuleClass, OPTIONS_TYPE } from './error-handlers.module-definition.js';
import { ErrorReporter, NoopErrorReporter } from './error-reporter.js';

/**
 * `ErrorHandlersModule.forRoot(options)` / `.forRootAsync({ useFactory })`:
 * import once, in the root module. That module's handlers are app-level.
 */
@Module({
  imports: [DiscoveryModule],
  providers: [
    ErrorHandlersMetadataAccessor,
    ErrorHandlersExplorer,
    ErrorHandlerRegistry,
    ErrorHandlersFilter,
    { provide: ErrorReporter, useClass: NoopErrorReporter },
    { provide: APP_FILTER, useExisting: ErrorHandlersFilter },
  ],
  exports: [ErrorHandlerRegistry, ErrorReporter],
})
export class ErrorHandlersModule extends ConfigurableModuleClass implements NestModule, OnModuleInit {
  constructor(private readonly explorer: ErrorHandlersExplorer) {
    super();
  }

  /** Options are optional: `forRoot()` alone gives the drop-in defaults. */
  static override forRoot(options: typeof OPTIONS_TYPE = {}): DynamicModule {
    return super.forRoot(options);
  }

  /** Nest calls this just before it registers routes: the moment to bind controller filters. */
  configure(): void {
    for (const { controller } of this.explorer.controllers()) bindControllerFilter(controller);
  }

  onModuleInit(): void {
    this.explorer.explore(ErrorHandlersModule);
  }
}
