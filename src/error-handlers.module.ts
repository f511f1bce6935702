import { Inject, Module, type DynamicModule, type NestModule, type OnModuleInit } from '@nestjs/common';
import { APP_FILTER, DiscoveryModule } from '@nestjs/core';
import { bindControllerFilter } from './core/controller-filters.js';
import { ErrorHandlerRegistry } from './core/error-handler.registry.js';
import { ErrorHandlersExplorer } from './core/error-handlers.explorer.js';
import { ErrorHandlersFilter } from './contexts/http/error-handlers.filter.js';
import { ErrorHandlersMetadataAccessor } from './core/error-handlers-metadata.accessor.js';
import { ConfigurableModuleClass, MODULE_OPTIONS_TOKEN, OPTIONS_TYPE } from './error-handlers.module-definition.js';
import { ErrorReporter } from './reporting/error-reporter.js';
import type { ErrorHandlersModuleOptions } from './interfaces/error-handlers-options.interface.js';
import { validateRenderingOptions } from './contexts/http/renderers/validate-rendering-options.js';
import { SentryService } from './reporting/sentry/sentry.service.js';
import { BACKGROUND_WORK_PROVIDERS } from './contexts/background/background-work.providers.js';

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
    SentryService,
    // The default backend behind the token the filter reports through (SPEC section 1).
    { provide: ErrorReporter, useExisting: SentryService },
    { provide: APP_FILTER, useExisting: ErrorHandlersFilter },
    ...BACKGROUND_WORK_PROVIDERS,
  ],
  exports: [ErrorHandlerRegistry, ErrorReporter, SentryService],
})
export class ErrorHandlersModule extends ConfigurableModuleClass implements NestModule, OnModuleInit {
  constructor(
    private readonly explorer: ErrorHandlersExplorer,
    @Inject(MODULE_OPTIONS_TOKEN) private readonly options: ErrorHandlersModuleOptions,
  ) {
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
    // Before discovery: a refused option (debug in production) fails the start with its own message.
    validateRenderingOptions(this.options);
    this.explorer.explore(ErrorHandlersModule);
  }
}
