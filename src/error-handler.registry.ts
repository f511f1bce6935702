import { Injectable, type Type } from '@nestjs/common';
import type { Module } from '@nestjs/core/injector/module.js';
import { HandlerScope } from './handler-scope.js';
import type { KeyedHandler } from './handler-entry.js';
import { ScopeChain } from './scope-chain.js';
import type { ModuleGraph } from './module-graph.js';

/**
 * The scope model: every handler, in the scope it was declared in, and the
 * chain of scopes searched for each controller's requests. Filled once at
 * bootstrap by the explorer; read by the filter on each error.
 */
@Injectable()
export class ErrorHandlerRegistry {
  private appScope = new HandlerScope('app', '(not bootstrapped)');
  private readonly moduleScopes = new Map<Module, HandlerScope>();
  private readonly controllerScopes = new Map<Type, HandlerScope>();
  private readonly controllerModules = new Map<Type, Module>();
  private readonly controllerChains = new Map<Type, ScopeChain>();
  private appChain = new ScopeChain([this.appScope]);
  private graph?: ModuleGraph;
  private appModule?: Module;

  /** Called once by the explorer, before any handler is added. */
  initialize(graph: ModuleGraph, appModule: Module, controllers: ReadonlyArray<{ controller: Type; host: Module }>): void {
    this.graph = graph;
    this.appModule = appModule;
    this.appScope = new HandlerScope('app', appModule.name);
    this.appChain = new ScopeChain([this.appScope]);
    for (const { controller, host } of controllers) this.controllerModules.set(controller, host);
  }

  addToController(controller: Type, handlers: KeyedHandler[]): void {
    let scope = this.controllerScopes.get(controller);
    if (!scope) this.controllerScopes.set(controller, (scope = new HandlerScope('controller', controller.name)));
    addAll(scope, handlers);
  }

  addToModule(moduleRef: Module, handlers: KeyedHandler[]): void {
    addAll(moduleRef === this.appModule ? this.appScope : this.moduleScope(moduleRef), handlers);
  }

  /** Scopes for errors raised before a controller was chosen: the app module's only. */
  chainForApp(): ScopeChain {
    return this.appChain;
  }

  /** Scopes for a controller's requests, nearest first; built once per controller. */
  chainForController(controller: Type): ScopeChain {
    let chain = this.controllerChains.get(controller);
    if (!chain) this.controllerChains.set(controller, (chain = new ScopeChain(this.scopesFor(controller))));
    return chain;
  }

  private scopesFor(controller: Type): HandlerScope[] {
    const host = this.controllerModules.get(controller);
    if (!host || !this.graph) return [this.appScope];
    const modules = this.graph.importerChain(host).filter((moduleRef) => moduleRef !== this.appModule);
    const moduleScopes = modules.flatMap((moduleRef) => this.moduleScopes.get(moduleRef) ?? []);
    const controllerScope = this.controllerScopes.get(controller);
    return [...(controllerScope ? [controllerScope] : []), ...moduleScopes, this.appScope];
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
