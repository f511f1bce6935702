import type { Type } from '@nestjs/common';
import type { DiscoveryService } from '@nestjs/core';
import type { InstanceWrapper } from '@nestjs/core/injector/instance-wrapper.js';
import type { Module } from '@nestjs/core/injector/module.js';

/** A class that serves requests in some context: a "controller" for scoping (SPEC section 10). */
export interface Endpoint {
  readonly endpoint: Type;
  /** The module that declares it. */
  readonly host: Module;
  /**
   * It serves a context where Nest may give its handlers no global filter:
   * a gateway, or a controller with microservice message handlers.
   */
  readonly withoutGlobals: boolean;
}

/**
 * Class metadata that marks a provider as serving requests, by the keys
 * @nestjs/graphql (`@Resolver()`) and @nestjs/websockets (`@WebSocketGateway()`)
 * set. Read as strings: those packages are optional and never imported here.
 */
const RESOLVER_KEY = 'graphql:resolver_type';
const GATEWAY_KEY = 'websockets:is_gateway';
/** @nestjs/microservices' key on `@MessagePattern()` and `@EventPattern()` methods. */
const MESSAGE_PATTERN_KEY = 'microservices:pattern';

/**
 * Controllers (HTTP routes and microservice message handlers), resolvers and
 * gateways, each once, with its module; known as soon as the app's modules
 * are scanned, before any instance exists.
 */
export function findEndpoints(discovery: DiscoveryService): Endpoint[] {
  const found = new Map<Type, Endpoint>();
  const add = (wrapper: InstanceWrapper) => {
    const endpoint = wrapper.metatype as Type | undefined;
    if (typeof endpoint !== 'function' || !wrapper.host || found.has(endpoint)) return;
    found.set(endpoint, { endpoint, host: wrapper.host, withoutGlobals: Reflect.hasMetadata(GATEWAY_KEY, endpoint) || hasMessageHandlers(endpoint) });
  };
  discovery.getControllers().forEach(add);
  discovery.getProviders().filter((wrapper) => isProviderEndpoint(wrapper.metatype)).forEach(add);
  return [...found.values()];
}

function isProviderEndpoint(metatype: unknown): boolean {
  return typeof metatype === 'function' && (Reflect.hasMetadata(RESOLVER_KEY, metatype) || Reflect.hasMetadata(GATEWAY_KEY, metatype));
}

function hasMessageHandlers(endpoint: Type): boolean {
  const prototype = endpoint.prototype as Record<string, unknown>;
  return Object.getOwnPropertyNames(prototype).some((name) => {
    const method = Object.getOwnPropertyDescriptor(prototype, name)?.value;
    return typeof method === 'function' && Reflect.hasMetadata(MESSAGE_PATTERN_KEY, method);
  });
}
