import { Inject, Module, type DynamicModule, type NestModule, type OnModuleInit } from '@nestjs/common';
import { APP_FILTER, DiscoveryModule, DiscoveryService, MetadataScanner } from '@nestjs/core';
import { findEndpoints, type Endpoint } from './contexts/endpoints.js';
import { ErrorHandlersFilter } from './contexts/error-handlers.filter.js';
import { validateRenderingOptions } from './contexts/http/renderers/validate-rendering-options.js';
import { RouteHandlerIndex } from './contexts/http/route-handler-index.js';
import { ErrorHandlerRegistry } from './core/error-handler.registry.js';
import { ErrorHandlersExplorer } from './core/error-handlers.explorer.js';
import { ErrorHandlersMetadataAccessor } from './core/error-handlers-metadata.accessor.js';
import { debugSettings } from './debug/debug-settings.js';
import { ConfigurableModuleClass, MODULE_OPTIONS_TOKEN, OPTIONS_TYPE } from './error-handlers.module-definition.js';
import type { ErrorHandlersModuleOptions } from './interfaces/error-handlers-options.interface.js';
import { ErrorReporter } from './reporting/error-reporter.js';
import { ErrorReporting } from './reporting/error-reporting.js';
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
    ErrorReporting,
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
  private readonly endpoints: Endpoint[];
  private explored = false;

  /**
   * Every module is scanned by now and no handler of any context has been
   * built yet (gateways are built before `configure()`): the moment to bind
   * the module's filter to every class that serves requests.
   */
  constructor(
    private readonly explorer: ErrorHandlersExplorer,
    private readonly filter: ErrorHandlersFilter,
    discovery: DiscoveryService,
    scanner: MetadataScanner,
    @Inject(MODULE_OPTIONS_TOKEN) private readonly options: ErrorHandlersModuleOptions,
  ) {
    super();
    this.endpoints = findEndpoints(discovery);
    const routes = new RouteHandlerIndex();
    for (const { endpoint, host } of this.endpoints) routes.add(host.name, endpoint, scanner.getAllMethodNames(endpoint.prototype));
    filter.bind(this.endpoints, routes);
  }

  /** Options are optional: `forRoot()` alone gives the drop-in defaults. */
  static override forRoot(options: typeof OPTIONS_TYPE = {}): DynamicModule {
    return super.forRoot(options);
  }

  /** Nest calls this after `useGlobalFilters()` and just before it registers routes. */
  configure(): void {
    this.filter.takeFirstPlace();
  }

  onModuleInit(): void {
    // @nestjs/microservices 12: a standalone microservice's init() runs the init hooks twice (NestMicroservice.registerModules).
    if (this.explored) return;
    this.explored = true;
    // Before discovery: a refused option (debug in production) fails the start with its own message.
    validateRenderingOptions(this.options);
    const controllers = this.endpoints.map(({ endpoint, host }) => ({ controller: endpoint, host }));
    this.explorer.explore(ErrorHandlersModule, controllers, { wrapUnhandled: !propagatesUnhandled(this.options) });
  }
}

/** SPEC section 7: in debug mode an unhandled non-HTTP error reaches the traceback, unless `debug.propagate` is false. */
function propagatesUnhandled(options: ErrorHandlersModuleOptions): boolean {
  const debug = debugSettings(options);
  return debug !== undefined && debug.propagate;
}
