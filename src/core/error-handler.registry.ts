import { Injectable, type Type } from '@nestjs/common';
import type { Module } from '@nestjs/core/injector/module.js';
import { describeDefaultResponse } from './default-response.js';
import { explainBeforeInitMessage, notAFunctionMessage, registeredHandler, unknownControllerMessage, unknownScopeMessage } from './error-handlers.messages.js';
import { toErrorSubject } from './error-subject.js';
import { keyedHandlers } from './handler-entries.js';
import type { KeyedHandler } from './handler-entry.js';
import { describeScope, HandlerScope } from './handler-scope.js';
import type { ErrorHandlerExplanation } from '../interfaces/error-handler-explanation.interface.js';
import type { ErrorHandlerFunction } from '../interfaces/error-handler-function.interface.js';
import type { ErrorForKey, ErrorHandlerKey, ErrorHandlerKeys } from '../interfaces/error-handler-key.interface.js';
import type { ErrorOrigin } from '../interfaces/error-origin.interface.js';
import type { RegisterErrorHandlerOptions } from '../interfaces/register-options.interface.js';
import type { ModuleGraph } from './module-graph.js';
import { ScopeChain, type Resolution } from './scope-chain.js';

/**
 * The scope model: every handler in the scope it was declared in, and the
 * chain of scopes searched for each controller's requests. The explorer files
 * decorated methods here at bootstrap; `register()` files plain functions the
 * same way (Flask's `register_error_handler`); the filter reads it per error.
 */
@Injectable()
export class ErrorHandlerRegistry {
  private appScope = new HandlerScope('app', '(not bootstrapped)');
  private appChain = new ScopeChain([this.appScope]);
  private readonly moduleScopes = new Map<Module, HandlerScope>();
  private readonly controllerScopes = new Map<Type, HandlerScope>();
  private readonly controllerModules = new Map<Type, Module>();
  private readonly controllerChains = new Map<Type, ScopeChain>();
  private readonly controllerOrigins = new Map<Type, ErrorOrigin>();
  /** Registrations made before bootstrap placed the scopes (constructors, early `onModuleInit`s). */
  private pending: Array<{ handlers: KeyedHandler[]; scope?: Type }> | undefined = [];
  private graph?: ModuleGraph;
  private appModule?: Module;
  private wrapUnhandled = true;
  private appAndAbove?: Set<Module>;

  /**
   * Registers a plain function as an error handler, as `@ErrorHandler()` would.
   * The handler's `error` is typed from the key (the class's instances, an
   * `HttpException` for a status code). Keys are validated now. Before
   * bootstrap completes the handler is queued; after the app has started it
   * is accepted and cached resolutions are dropped.
   */
  register<K extends ErrorHandlerKeys>(key: K, handler: ErrorHandlerFunction<ErrorForKey<K>>, options: RegisterErrorHandlerOptions = {}): void {
    if (typeof handler !== 'function') throw new Error(notAFunctionMessage(handler));
    const { scope, ...handlerOptions } = options;
    const name = handler.name || 'anonymous handler';
    const invoke = handler as ErrorHandlerFunction;
    const source = { name, declaredAs: registeredHandler(handler.name || 'an anonymous function'), invoke };
    const handlers = keyedHandlers(source, Array.isArray(key) ? [...key] : [key as ErrorHandlerKey], handlerOptions);
    if (this.pending) {
      this.pending.push({ handlers, scope });
      return;
    }
    this.place(handlers, scope);
    this.dropResolutions();
  }

  /** Which handler would run for `error` raised by `controller`'s routes (or before routing), and why. */
  explain(error: unknown, { controller }: { controller?: Type } = {}): ErrorHandlerExplanation {
    // Registrations are queued until the explorer has run: nothing is known before.
    if (this.pending) throw new Error(explainBeforeInitMessage());
    if (controller && !this.controllerModules.has(controller)) throw new Error(unknownControllerMessage(controller));
    const chain = controller ? this.chainForController(controller) : this.appChain;
    const subject = toErrorSubject(error);
    const resolution = chain.resolve(subject.error, subject.status);
    const path = this.searchPath(controller);
    return resolution ? explainHit(resolution, subject.status, path) : explainMiss(subject.error, subject.status, path);
  }

  /**
   * Every scope searched for `controller`'s errors, nearest first, with or
   * without handlers: the controller, its module, the module's importers by
   * distance, the app module. Chains keep only scopes that hold handlers (the
   * hot path skips empty ones); an explanation must show the empty ones too,
   * since an empty scope is often the mistake being looked for.
   */
  private searchPath(controller: Type | undefined): SearchedScope[] {
    const app = { description: this.appScope.describe(), handlers: this.appScope.size };
    const host = controller && this.controllerModules.get(controller);
    if (!controller || !host || !this.graph || !this.appModule) return [app];
    const modules = this.featureModules(host);
    return [
      { description: describeScope('controller', controller.name), handlers: this.controllerScopes.get(controller)?.size ?? 0 },
      ...modules.map((moduleRef) => ({ description: describeScope('module', moduleRef.name), handlers: this.moduleScopes.get(moduleRef)?.size ?? 0 })),
      app,
    ];
  }

  /**
   * @internal Called once by the explorer, before any handler is added.
   * `controllers` are the classes that serve requests in any context
   * (controllers, resolvers, gateways): each is a scope of its own.
   */
  initialize(graph: ModuleGraph, appModule: Module, controllers: ReadonlyArray<{ controller: Type; host: Module }>, { wrapUnhandled = true } = {}): void {
    this.graph = graph;
    this.appModule = appModule;
    this.appAndAbove = undefined;
    this.wrapUnhandled = wrapUnhandled;
    this.appScope = new HandlerScope('app', appModule.name);
    this.appChain = new ScopeChain([this.appScope], wrapUnhandled);
    // Chains made for errors raised before bootstrap (a microservice started early) knew no handlers.
    this.controllerChains.clear();
    this.controllerOrigins.clear();
    for (const { controller, host } of controllers) {
      if (!this.controllerModules.has(controller)) this.controllerModules.set(controller, host);
    }
  }

  /** @internal Places the registrations queued before bootstrap; later ones are placed at once. */
  flushPending(): void {
    const queued = this.pending ?? [];
    this.pending = undefined;
    for (const { handlers, scope } of queued) this.place(handlers, scope);
  }

  /** @internal Whether `candidate` serves requests of this app (a controller, resolver or gateway). */
  isController(candidate: Type): boolean {
    return this.controllerModules.has(candidate);
  }

  /** @internal */
  addToController(controller: Type, handlers: KeyedHandler[]): void {
    let scope = this.controllerScopes.get(controller);
    if (!scope) this.controllerScopes.set(controller, (scope = new HandlerScope('controller', controller.name)));
    addAll(scope, handlers);
  }

  /** @internal */
  addToModule(moduleRef: Module, handlers: KeyedHandler[]): void {
    addAll(this.isAppLevel(moduleRef) ? this.appScope : this.moduleScope(moduleRef), handlers);
  }

  /** @internal Where a controller's errors come from (for reports), made once per controller. */
  originOf(controller: Type): ErrorOrigin {
    let origin = this.controllerOrigins.get(controller);
    if (!origin) {
      origin = Object.freeze({ controller: controller.name, module: this.controllerModules.get(controller)?.name });
      this.controllerOrigins.set(controller, origin);
    }
    return origin;
  }

  /** @internal Scopes for errors raised before a controller was chosen: the app module's only. */
  chainForApp(): ScopeChain {
    return this.appChain;
  }

  /** @internal Scopes for a controller's requests, nearest first; built once per controller. */
  chainForController(controller: Type): ScopeChain {
    let chain = this.controllerChains.get(controller);
    if (!chain) this.controllerChains.set(controller, (chain = new ScopeChain(this.scopesFor(controller), this.wrapUnhandled)));
    return chain;
  }

  private place(handlers: KeyedHandler[], scope: Type | undefined): void {
    if (!scope) return addAll(this.appScope, handlers);
    if (this.controllerModules.has(scope)) return this.addToController(scope, handlers);
    const modules = this.graph?.modules.filter((moduleRef) => moduleRef.metatype === scope) ?? [];
    if (modules.length === 0) throw new Error(unknownScopeMessage(handlers[0].entry.declaredAs ?? handlers[0].entry.name, scope));
    for (const moduleRef of modules) this.addToModule(moduleRef, handlers);
  }

  /** New scopes may now belong in chains, and cached answers may be stale. */
  private dropResolutions(): void {
    this.controllerChains.clear();
    this.appChain.invalidate();
  }

  private scopesFor(controller: Type): HandlerScope[] {
    const host = this.controllerModules.get(controller);
    if (!host || !this.graph) return [this.appScope];
    const moduleScopes = this.featureModules(host).flatMap((moduleRef) => this.moduleScopes.get(moduleRef) ?? []);
    const controllerScope = this.controllerScopes.get(controller);
    return [...(controllerScope ? [controllerScope] : []), ...moduleScopes, this.appScope];
  }

  /**
   * `host` and its importers by distance, up to the app module, whose scope
   * comes last (SPEC section 2). What imports the app module (a test's root
   * module) is above the app: an app under test resolves as in production.
   */
  private featureModules(host: Module): Module[] {
    if (!this.graph) return [];
    return this.graph.importerChain(host).filter((moduleRef) => !this.isAppLevel(moduleRef));
  }

  /** The app module, or a module that imports it (a test's root): handlers there are app-level. */
  private isAppLevel(moduleRef: Module): boolean {
    if (moduleRef === this.appModule) return true;
    if (!this.appModule || !this.graph) return false;
    this.appAndAbove ??= new Set(this.graph.importerChain(this.appModule));
    return this.appAndAbove.has(moduleRef);
  }

  private moduleScope(moduleRef: Module): HandlerScope {
    let scope = this.moduleScopes.get(moduleRef);
    if (!scope) this.moduleScopes.set(moduleRef, (scope = new HandlerScope('module', moduleRef.name)));
    return scope;
  }
}

function addAll(scope: HandlerScope, handlers: KeyedHandler[]): void {
  for (const { key, entry } of handlers) scope.add(key, entry);
}

interface SearchedScope {
  description: string;
  handlers: number;
}

/** `controller X (no handlers) → module M → app module App`: an empty scope is said, as it may be the mistake. */
function describePath(path: SearchedScope[]): string {
  return path.map(({ description, handlers }) => (handlers === 0 ? `${description} (no handlers)` : description)).join(' → ');
}

function explainHit(resolution: Resolution, status: number | undefined, path: SearchedScope[]): ErrorHandlerExplanation {
  const { entry, scope, tier, key, wrapped } = resolution;
  const how = tier === 'code' ? `status key ${key}` : `class key ${key}`;
  const via = wrapped ? ' after wrapping the unhandled error as InternalServerErrorException (step 3)' : '';
  const summary = `${entry.name} in ${scope.describe()} handles it, matched by ${how}${via}; searched ${describePath(path)}.`;
  const searched = path.map(({ description }) => description);
  return { handled: true, handler: entry.name, scope: scope.describe(), tier, key, wrapped, status, searched, summary };
}

function explainMiss(error: unknown, status: number | undefined, path: SearchedScope[]): ErrorHandlerExplanation {
  const defaultResponse = describeDefaultResponse(error);
  const summary = `No handler matches; searched ${describePath(path)}. Nest's default response: ${defaultResponse.status} ${JSON.stringify(defaultResponse.body)}.`;
  const searched = path.map(({ description }) => description);
  return { handled: false, wrapped: false, status, searched, defaultResponse, summary };
}
