import { Injectable, Logger, type Type } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, ModulesContainer } from '@nestjs/core';
import type { InstanceWrapper } from '@nestjs/core/injector/instance-wrapper.js';
import type { Module } from '@nestjs/core/injector/module.js';
import { decoratedClasses } from './decorated-classes.js';
import {
  appModuleNotFoundMessage,
  decoratedHandler,
  ignoredHandlerClassMessage,
  missingInstanceMessage,
  requestScopedHandlerMessage,
  staticHandlerMessage,
} from './error-handlers.messages.js';
import { ErrorHandlersMetadataAccessor } from './error-handlers-metadata.accessor.js';
import { ErrorHandlerRegistry } from './error-handler.registry.js';
import { keyedHandlers } from './handler-entries.js';
import type { KeyedHandler } from './handler-entry.js';
import { ModuleGraph } from './module-graph.js';

/**
 * Finds every `@ErrorHandler()` method on providers and controllers at
 * bootstrap, validates it, and files it in the registry under its scope.
 */
@Injectable()
export class ErrorHandlersExplorer {
  private readonly logger = new Logger('ErrorHandlersModule');

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly modules: ModulesContainer,
    private readonly accessor: ErrorHandlersMetadataAccessor,
    private readonly registry: ErrorHandlerRegistry,
  ) {}

  /**
   * `controllers`: every class that serves requests in some context
   * (controllers, resolvers, gateways) with its module; each is a scope of
   * its own, its `@ErrorHandler` methods apply to it alone.
   */
  explore(moduleClass: Type, controllers: ReadonlyArray<{ controller: Type; host: Module }>, resolution: { wrapUnhandled?: boolean } = {}): void {
    const graph = new ModuleGraph([...this.modules.values()]);
    this.registry.initialize(graph, this.findAppModule(graph, moduleClass), controllers, resolution);
    for (const wrapper of this.discovery.getControllers()) {
      const handlers = this.handlersOf(wrapper);
      if (handlers.length > 0) this.registry.addToController(wrapper.metatype as Type, handlers);
    }
    for (const wrapper of this.discovery.getProviders()) {
      const handlers = this.handlersOf(wrapper);
      if (handlers.length === 0 || !wrapper.host) continue;
      if (this.registry.isController(wrapper.metatype as Type)) this.registry.addToController(wrapper.metatype as Type, handlers);
      else this.registry.addToModule(wrapper.host, handlers);
    }
    this.registry.flushPending();
    this.warnAboutIgnoredClasses();
  }

  /** Decorated classes that no provider or controller is (or extends): Nest never creates them. */
  private warnAboutIgnoredClasses(): void {
    const discovered = new Set<object>();
    for (const wrapper of [...this.discovery.getControllers(), ...this.discovery.getProviders()]) {
      for (let proto = this.prototypeOf(wrapper); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) discovered.add(proto);
    }
    for (const decorated of decoratedClasses()) {
      const className = decorated.name || '(anonymous class)';
      // Static methods are never scanned: Nest calls handlers on instances.
      const statics = this.handlerMethodNames(decorated, Object.getPrototypeOf(decorated));
      if (statics.length > 0) this.logger.warn(staticHandlerMessage(className, statics));
      if (discovered.has(decorated.prototype)) continue;
      const methods = this.handlerMethodNames(decorated.prototype, Object.prototype);
      if (methods.length > 0) this.logger.warn(ignoredHandlerClassMessage(className, methods));
    }
  }

  /** Names of `holder`'s own and inherited methods carrying `@ErrorHandler()`, up to `base`. */
  private handlerMethodNames(holder: object, base: object): string[] {
    const names = new Set<string>();
    for (let current = holder; current && current !== base; current = Object.getPrototypeOf(current)) {
      for (const name of Object.getOwnPropertyNames(current)) {
        const method = Object.getOwnPropertyDescriptor(current, name)?.value;
        if (typeof method === 'function' && this.accessor.getRegistrations(method).length > 0) names.add(name);
      }
    }
    return [...names];
  }

  private findAppModule(graph: ModuleGraph, moduleClass: Type): Module {
    const [appModule] = graph.modulesImporting(moduleClass);
    if (appModule) return appModule;
    this.logger.warn(appModuleNotFoundMessage());
    return graph.modules[0];
  }

  private handlersOf(wrapper: InstanceWrapper): KeyedHandler[] {
    const prototype = this.prototypeOf(wrapper);
    if (!prototype) return [];
    return this.scanner.getAllMethodNames(prototype).flatMap((methodName) => this.methodHandlers(wrapper, prototype, methodName));
  }

  private prototypeOf(wrapper: InstanceWrapper): object | undefined {
    const { instance, metatype } = wrapper;
    if (wrapper.isDependencyTreeStatic() && !wrapper.isTransient && instance && typeof instance === 'object') {
      return Object.getPrototypeOf(instance);
    }
    return (metatype as Type | undefined)?.prototype;
  }

  private methodHandlers(wrapper: InstanceWrapper, prototype: object, methodName: string): KeyedHandler[] {
    const method = (prototype as Record<string, unknown>)[methodName];
    if (typeof method !== 'function') return [];
    const registrations = this.accessor.getRegistrations(method);
    if (registrations.length === 0) return [];
    const className = (wrapper.metatype as Type | undefined)?.name ?? String(wrapper.name);
    const name = `${className}.${methodName}`;
    const instance = this.staticInstance(wrapper, name);
    const source = {
      name,
      declaredAs: decoratedHandler(className, methodName),
      invoke: method.bind(instance),
      httpCode: this.accessor.getHttpCode(method),
      headers: this.accessor.getHeaders(method),
    };
    return registrations.flatMap(({ keys, options }) => keyedHandlers(source, keys, options));
  }

  private staticInstance(wrapper: InstanceWrapper, name: string): object {
    if (!wrapper.isDependencyTreeStatic() || wrapper.isTransient) throw new Error(requestScopedHandlerMessage(name));
    if (!wrapper.instance) throw new Error(missingInstanceMessage(name));
    return wrapper.instance as object;
  }
}
