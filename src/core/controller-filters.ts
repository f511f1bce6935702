import type { ArgumentsHost, ExceptionFilter, Type } from '@nestjs/common';
import { NEST_EXCEPTION_FILTERS_METADATA as EXCEPTION_FILTERS_METADATA } from './constants.js';
import { answerOutsideHttp } from '../contexts/non-http-fallback.js';

/** The part of the app's filter a controller filter calls. */
export interface ControllerErrorSink {
  catchForController(controller: Type, exception: unknown, host: ArgumentsHost): unknown;
}

/**
 * Why this exists: Nest's filter host does not say which controller served
 * the request, and SPEC section 9 forbids paying per request to find out.
 * But Nest builds each route's exception handler when it registers the
 * route, from the controller's class-level filter metadata. So before routes
 * are registered (the module's `configure()`, which Nest calls just before),
 * each controller class gets one filter that knows its controller. Requests
 * that succeed never touch it; a failing one costs a map lookup.
 *
 * A controller class can serve several apps in one process (tests do), so
 * the filter finds the app by the HTTP server the response belongs to. For an
 * app without the module it declines, and Nest answers with its own filter.
 */
class ControllerErrorFilter implements ExceptionFilter {
  constructor(private readonly controller: Type) {}

  catch(exception: unknown, host: ArgumentsHost): unknown {
    // A hybrid controller's message handlers: no app to find, so Nest's default answer for that context.
    if (host.getType() !== 'http') return answerOutsideHttp(exception, host);
    const sink = sinkFor(host.getArgByIndex(1));
    if (sink) return sink.catchForController(this.controller, exception, host);
    // Nest's ExceptionsHandler answers an Error returned by a filter with its built-in filter.
    return exception instanceof Error ? exception : new Error('Declined by nestjs-error-handlers');
  }
}

const filtersByController = new WeakMap<Type, ControllerErrorFilter>();
const sinksByServer = new WeakMap<object, ControllerErrorSink>();

/**
 * Puts the controller's filter first in its class-level filters: Nest tries
 * them last-first, so the user's own `@UseFilters()` still win.
 */
export function bindControllerFilter(controller: Type): void {
  if (filtersByController.has(controller)) return;
  const filter = new ControllerErrorFilter(controller);
  filtersByController.set(controller, filter);
  const existing: unknown[] = Reflect.getMetadata(EXCEPTION_FILTERS_METADATA, controller) ?? [];
  Reflect.defineMetadata(EXCEPTION_FILTERS_METADATA, [filter, ...existing.filter((f) => !(f instanceof ControllerErrorFilter))], controller);
}

export function bindServer(server: object, sink: ControllerErrorSink): void {
  sinksByServer.set(server, sink);
}

export function unbindServer(server: object): void {
  sinksByServer.delete(server);
}

/**
 * Express responses know their app (`res.app`); Fastify replies their
 * instance (`reply.server`), which in an encapsulated context inherits from
 * the root instance, hence the walk up the prototype chain.
 */
function sinkFor(response: unknown): ControllerErrorSink | undefined {
  const server = (response as { app?: object; server?: object } | undefined)?.app ?? (response as { server?: object } | undefined)?.server;
  for (let candidate = server; candidate; candidate = Object.getPrototypeOf(candidate)) {
    const sink = sinksByServer.get(candidate);
    if (sink) return sink;
  }
  return undefined;
}
