import {
  Catch,
  Inject,
  Injectable,
  type ArgumentsHost,
  type ExceptionFilter,
  type OnApplicationShutdown,
  type OnModuleInit,
  type Type,
} from '@nestjs/common';
import { ApplicationConfig, BaseExceptionFilter, HttpAdapterHost } from '@nestjs/core';
import { ErrorHandlerRegistry } from '../core/error-handler.registry.js';
import { MODULE_OPTIONS_TOKEN } from '../error-handlers.module-definition.js';
import type { ErrorHandlersModuleOptions } from '../interfaces/error-handlers-options.interface.js';
import type { ErrorOrigin } from '../interfaces/error-origin.interface.js';
import { ErrorReporting } from '../reporting/error-reporting.js';
import type { ContextAdapter } from './context-adapter.js';
import type { Endpoint } from './endpoints.js';
import { bindEndpoint, noteGlobalsRead, unbindEndpoint, type AppErrorSink } from './endpoint-filters.js';
import { ErrorDispatcher } from './error-dispatcher.js';
import { ErrorSettlement } from './error-settlement.js';
import { ErrorExchange, type ExchangeScope } from './error-exchange.js';
import { GraphqlContext, loadGraphqlContext } from './graphql/graphql-context.js';
import { HttpContext } from './http/http-context.js';
import { RouteHandlerIndex } from './http/route-handler-index.js';
import { loadRpcContext, RpcContext } from './rpc/rpc-context.js';
import { loadWsContext, WsContext } from './ws/ws-context.js';

/**
 * The module's one exception filter. Registered globally, it answers errors
 * raised before a class was chosen (unknown route, body parsing) with
 * app-level handlers only. Errors of a controller's, resolver's or gateway's
 * handlers arrive through `catchFor`, from the filter bound to that class
 * (endpoint-filters.ts). Either way the trip is the dispatcher's.
 */
@Catch()
@Injectable()
export class ErrorHandlersFilter implements ExceptionFilter, AppErrorSink, OnModuleInit, OnApplicationShutdown {
  private readonly dispatcher: ErrorDispatcher;
  private readonly adapters = new Map<string, ContextAdapter>();
  private http?: HttpContext;
  private routes = new RouteHandlerIndex();
  private readonly endpoints: Type[] = [];
  private appFiltersSnapshot: { source: readonly unknown[]; length: number; filters: readonly ExceptionFilter[] } | undefined;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly registry: ErrorHandlerRegistry,
    private readonly config: ApplicationConfig,
    reporting: ErrorReporting,
    @Inject(MODULE_OPTIONS_TOKEN) private readonly options: ErrorHandlersModuleOptions,
  ) {
    this.dispatcher = new ErrorDispatcher(new ErrorSettlement(reporting.policy, reporting.logger));
    // Until onModuleInit loads each context, Nest's defaults answer (a microservice can start before the app).
    for (const adapter of [new RpcContext(), new WsContext(), new GraphqlContext()]) this.adapters.set(adapter.kind, adapter);
  }

  /** Each context outside HTTP, loaded with what it needs of the app's optional packages. */
  async onModuleInit(): Promise<void> {
    for (const load of [loadRpcContext, loadWsContext, loadGraphqlContext]) {
      const adapter = await load(this.options);
      if (adapter) this.adapters.set(adapter.kind, adapter);
    }
  }

  /**
   * A getter, because Nest reads `catch` when it builds each handler's
   * filters: that is how the filters bound to classes learn the app and the
   * global filters Nest gave each handler (see noteGlobalsRead).
   */
  get catch(): (exception: unknown, host: ArgumentsHost) => unknown {
    noteGlobalsRead({ sink: this, appFilters: this.appFilters() });
    return this.catchBeforeRouting;
  }

  private readonly catchBeforeRouting = (exception: unknown, host: ArgumentsHost): unknown =>
    this.dispatch(exception, host, { chain: this.registry.chainForApp(), origin: BEFORE_ROUTING, appFilters: this.appFilters() });

  /**
   * Bootstrap, before Nest builds any handler: binds a filter to every class
   * that serves requests (endpoint-filters.ts).
   */
  bind(endpoints: readonly Endpoint[], routes: RouteHandlerIndex): void {
    this.routes = routes;
    for (const { endpoint, withoutGlobals } of endpoints) {
      bindEndpoint(endpoint, this, { withoutGlobals });
      this.endpoints.push(endpoint);
    }
  }

  /**
   * Puts this filter first in Nest's order among the app's global filters
   * (Nest tries them last-registered first), so that app-level handlers come
   * before the app's own global filters for errors raised before routing.
   */
  takeFirstPlace(): void {
    const globals = this.config.getGlobalFilters();
    const own = globals.indexOf(this);
    if (own >= 0 && own !== globals.length - 1) globals.push(...globals.splice(own, 1));
  }

  onApplicationShutdown(): void {
    for (const endpoint of this.endpoints) unbindEndpoint(endpoint, this);
  }

  claims(host: ArgumentsHost): boolean | undefined {
    const type = host.getType<string>();
    if (type === 'http') return this.httpContext()?.owns(host) ?? false;
    const instance = this.adapterHost.httpAdapter?.getInstance() as object | undefined;
    const graphql = this.adapters.get('graphql');
    if (type === 'graphql' && instance && graphql instanceof GraphqlContext) return graphql.owns(host, instance);
    // RPC and WebSockets carry nothing that names the app.
    return undefined;
  }

  catchFor(endpoint: Type, exception: unknown, host: ArgumentsHost, appFilters: readonly ExceptionFilter[] | undefined): unknown {
    const scope: ExchangeScope = {
      chain: this.registry.chainForController(endpoint),
      origin: this.registry.originOf(endpoint),
      endpoint,
      appFilters: appFilters ?? [],
    };
    return this.dispatch(exception, host, scope);
  }

  decline(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType() !== 'http' || !this.adapterHost.httpAdapter) return exception;
    try {
      // An app without the module shares this class: it answers as Nest would.
      new BaseExceptionFilter(this.adapterHost.httpAdapter).catch(exception, host);
    } catch {
      return exception instanceof Error ? exception : new Error('Declined by nestjs-error-handlers');
    }
    return undefined;
  }

  private dispatch(exception: unknown, host: ArgumentsHost, scope: ExchangeScope): unknown {
    const type = host.getType();
    const adapter = type === 'http' ? this.httpContext() : this.adapters.get(type);
    // A context the module does not know (a custom transport): Nest's own answer.
    if (!adapter) return exception;
    return this.dispatcher.dispatch(new ErrorExchange(exception, host, scope), adapter);
  }

  /** Made on first use: in tests the HTTP adapter is given to the app after the module exists. */
  private httpContext(): HttpContext | undefined {
    if (this.http) return this.http;
    const httpAdapter = this.adapterHost.httpAdapter;
    if (httpAdapter) this.http = new HttpContext(httpAdapter, this.options, this.registry, this.routes);
    return this.http;
  }

  /** The app's global filters but this one, in the order Nest tries them; remade only when the app adds one. */
  private appFilters(): readonly ExceptionFilter[] {
    const source = this.config.getGlobalFilters();
    const snapshot = this.appFiltersSnapshot;
    if (snapshot && snapshot.source === source && snapshot.length === source.length) return snapshot.filters;
    const filters = source.filter((filter) => filter !== (this as unknown)).reverse();
    this.appFiltersSnapshot = { source, length: source.length, filters };
    return filters;
  }
}

const BEFORE_ROUTING: ErrorOrigin = Object.freeze({});
