import { RequestMethod, type Type } from '@nestjs/common';
import { NEST_METHOD_METADATA as METHOD_METADATA, NEST_PATH_METADATA as PATH_METADATA } from '../../core/constants.js';

/** One route method of a controller, as its decorators declared it. */
export interface DeclaredRoute {
  /** `Controller.method`. */
  name: string;
  requestMethod: RequestMethod;
  /** The method's own path, split on `/` (empty for `@Get()`). */
  segments: string[];
}

/**
 * Which controller method served a failing request. Nest's filter host does
 * not say (it knows the request, not the handler), and asking per request
 * would cost every request (SPEC section 9). But the route pattern the
 * platform matched ends with the path the method declared, so the method can
 * be found from the controller's declared routes, once per route pattern.
 */
export class RouteHandlerIndex {
  private readonly routes = new Map<string, DeclaredRoute[]>();
  private readonly resolved = new Map<string, string | undefined>();

  /** Files a controller's route methods (bootstrap). */
  add(moduleName: string | undefined, controller: Type, methodNames: readonly string[]): void {
    const declared = methodNames.flatMap((methodName) => declaredRoutes(controller, methodName));
    if (declared.length === 0) return;
    const key = controllerKey(moduleName, controller.name);
    this.routes.set(key, [...(this.routes.get(key) ?? []), ...declared]);
  }

  /** `Controller.method` for the request, or undefined when it cannot be told for sure. */
  nameFor(moduleName: string | undefined, controllerName: string, httpMethod: string, routePattern: string): string | undefined {
    const key = `${controllerKey(moduleName, controllerName)} ${httpMethod} ${routePattern}`;
    if (this.resolved.has(key)) return this.resolved.get(key);
    const name = matchRoute(this.routes.get(controllerKey(moduleName, controllerName)) ?? [], httpMethod, routePattern);
    this.resolved.set(key, name);
    return name;
  }
}

/**
 * The declared route whose path is the longest tail of `routePattern` and
 * whose method fits; an exact HTTP method beats `@All()`. A tie between two
 * methods is ambiguous: no answer rather than a wrong one.
 */
export function matchRoute(routes: readonly DeclaredRoute[], httpMethod: string, routePattern: string): string | undefined {
  const pattern = splitPath(routePattern);
  let best: { name: string; score: number } | undefined;
  let tied = false;
  for (const route of routes) {
    const methodScore = methodFit(route.requestMethod, httpMethod);
    if (methodScore === 0 || !endsWith(pattern, route.segments)) continue;
    const score = route.segments.length * 2 + methodScore;
    if (best && score === best.score && route.name !== best.name) tied = true;
    if (!best || score > best.score) {
      best = { name: route.name, score };
      tied = false;
    }
  }
  return tied ? undefined : best?.name;
}

function declaredRoutes(controller: Type, methodName: string): DeclaredRoute[] {
  const method = (controller.prototype as Record<string, unknown>)[methodName];
  if (typeof method !== 'function') return [];
  const requestMethod: unknown = Reflect.getMetadata(METHOD_METADATA, method);
  const path: unknown = Reflect.getMetadata(PATH_METADATA, method);
  if (typeof requestMethod !== 'number' || path === undefined) return [];
  const paths = Array.isArray(path) ? path : [path];
  const name = `${controller.name}.${methodName}`;
  return paths.filter((p): p is string => typeof p === 'string').map((p) => ({ name, requestMethod, segments: splitPath(p) }));
}

/** 2: the declared method is the request's; 1: it accepts it (`@All()`, GET for HEAD); 0: no. */
function methodFit(declared: RequestMethod, httpMethod: string): number {
  if (RequestMethod[declared] === httpMethod) return 2;
  if (declared === RequestMethod.ALL || (declared === RequestMethod.GET && httpMethod === 'HEAD')) return 1;
  return 0;
}

function endsWith(pattern: readonly string[], tail: readonly string[]): boolean {
  if (tail.length > pattern.length) return false;
  const offset = pattern.length - tail.length;
  return tail.every((segment, i) => pattern[offset + i] === segment);
}

function splitPath(path: string): string[] {
  return path.split('/').filter((segment) => segment.length > 0);
}

function controllerKey(moduleName: string | undefined, controllerName: string): string {
  return `${moduleName ?? '?'}/${controllerName}`;
}
