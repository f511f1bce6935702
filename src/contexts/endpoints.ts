import type { Type } from '@nestjs/common';
import type { DiscoveryService } from '@nestjs/core';
import type { InstanceWrapper } from '@nestjs/core/injector/instance-wrapper.js';
import type { Module } from '@nestjs/core/injector/module.js';

/** A class that serves requests in some context: a "controller" for scoping (SPEC section 10). */
export interface Endpoint {
  readonly endpoint: Type;
  /** The module that declares it. */
  readonly host: Module;
}

/**
 * Class metadata that marks a provider as serving requests, by the keys
 * @nestjs/graphql (`@Resolver()`) and @nestjs/websockets (`@WebSocketGateway()`)
 * set. Read as strings: those packages are optional and never imported here.
 */
const PROVIDER_ENDPOINT_KEYS = ['graphql:resolver_type', 'websockets:is_gateway'];

/**
 * Controllers (HTTP routes and microservice message handlers), resolvers and
 * gateways, each once, with its module; known as soon as the app's modules
 * are scanned, before any instance exists.
 */
export function findEndpoints(discovery: DiscoveryService): Endpoint[] {
  const found = new Map<Type, Endpoint>();
  const add = (wrapper: InstanceWrapper) => {
    const endpoint = wrapper.metatype as Type | undefined;
    if (typeof endpoint === 'function' && wrapper.host && !found.has(endpoint)) found.set(endpoint, { endpoint, host: wrapper.host });
  };
  discovery.getControllers().forEach(add);
  discovery.getProviders().filter((wrapper) => isProviderEndpoint(wrapper.metatype)).forEach(add);
  return [...found.values()];
}

function isProviderEndpoint(metatype: unknown): boolean {
  return typeof metatype === 'function' && PROVIDER_ENDPOINT_KEYS.some((key) => Reflect.hasMetadata(key, metatype));
}
