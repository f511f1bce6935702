import type { ArgumentsHost, ExceptionFilter, Type } from '@nestjs/common';
import { NEST_EXCEPTION_FILTERS_METADATA } from '../core/constants.js';

/** One app with the module, as the filters bound to its classes reach it. */
export interface AppErrorSink {
  /** True: this error is one of this app's; false: another app's; undefined: cannot tell from the host. */
  claims(host: ArgumentsHost): boolean | undefined;
  /** Answers an error raised by `endpoint`; `appFilters` as Nest gave them to that place, if known. */
  catchFor(endpoint: Type, exception: unknown, host: ArgumentsHost, appFilters: readonly ExceptionFilter[] | undefined): unknown;
  /** What Nest would answer if the module were not there (an app without the module shares the class). */
  decline(exception: unknown, host: ArgumentsHost): unknown;
}

/**
 * What the module's global filter left behind while Nest built a handler's
 * filter list: which app, and the app's global filters Nest gave that handler.
 */
export interface GlobalsSeen {
  readonly sink: AppErrorSink;
  readonly appFilters: readonly ExceptionFilter[];
}

let globalsSeen: GlobalsSeen | undefined;
/**
 * Reads of the global filter's `catch` not yet matched by reads of a class
 * filter's: Nest reads every filter of a handler's list alike, so a handler
 * built without the app's global filters (a microservice that does not
 * inherit the app's config, connected in the same step as one that does)
 * finds none left and does not take the previous handler's.
 */
let unmatchedReads = 0;

/**
 * Called by the module's global filter when Nest reads its `catch` to build
 * a handler's filter list: Nest reads the global filters and then, in the
 * same synchronous step, the class's filters (`ContextCreator.createContext`,
 * Nest 11 and 12). So the filter bound to the class learns, for each handler
 * Nest builds, which app it belongs to and whether Nest gave it the app's
 * global filters (HTTP, GraphQL, RPC with `inheritAppConfig`) or none
 * (gateways; RPC without it). Cleared at the next microtask, so it never
 * reaches a handler built later.
 */
export function noteGlobalsRead(seen: GlobalsSeen): void {
  if (globalsSeen === undefined) queueMicrotask(forgetGlobalsSeen);
  globalsSeen = seen;
  unmatchedReads++;
}

function forgetGlobalsSeen(): void {
  globalsSeen = undefined;
  unmatchedReads = 0;
}

/** The global filters Nest read for the handler whose class filter it is reading now, if it read them. */
function takeGlobalsSeen(): GlobalsSeen | undefined {
  if (unmatchedReads === 0) return undefined;
  unmatchedReads--;
  return globalsSeen;
}

/**
 * The module's filter for one class that serves requests (controller,
 * resolver, gateway). Why: Nest's filter host does not say which class
 * raised an error, and SPEC section 9 forbids paying per request to find
 * out. But Nest builds each handler's exception handling when it creates the
 * handler, from the class's filter metadata; this filter sits there, so an
 * error arrives knowing its class, and a request that succeeds never touches it.
 */
class EndpointErrorFilter implements ExceptionFilter {
  constructor(private readonly endpoint: Type) {}

  // A getter: Nest reads `catch` once per handler it builds (see noteGlobalsRead).
  get catch(): (exception: unknown, host: ArgumentsHost) => unknown {
    const seen = takeGlobalsSeen();
    return (exception, host) => this.handle(exception, host, seen);
  }

  private handle(exception: unknown, host: ArgumentsHost, seen: GlobalsSeen | undefined): unknown {
    if (seen && seen.sink.claims(host) !== false) return seen.sink.catchFor(this.endpoint, exception, host, seen.appFilters);
    const sink = sinkFor(this.endpoint, host);
    if (sink) return sink.catchFor(this.endpoint, exception, host, undefined);
    return declinedBy(this.endpoint, exception, host);
  }
}

const filtersByEndpoint = new WeakMap<Type, EndpointErrorFilter>();
/**
 * Nest's own answer, per context (`host.getType()`), for an error no app with
 * the module is left to answer: its filter stays on the class after the app
 * closes, and an app without the module may share the class (tests do).
 */
const nestAnswers = new Map<string, NestAnswer>();

/** What Nest answers for an error of `endpoint` when the module's filter is not there. */
export type NestAnswer = (endpoint: Type, exception: unknown, host: ArgumentsHost) => unknown;

/** Apps that bound each class, latest last: a class may serve several apps in one process (tests do). */
const sinksByEndpoint = new WeakMap<Type, AppErrorSink[]>();

/**
 * Puts the class's filter first in its class-level filters: Nest tries them
 * last-first, so the app's own `@UseFilters()` still come before it.
 *
 * The list Nest reads leaves the filter out of handlers built for an app
 * without the module (a test's bare app sharing the class): for those, Nest
 * saw no global filter of the module's just before (noteGlobalsRead), and
 * the class answers no context without global filters (a gateway, a
 * microservice controller), so the app is one without the module and its
 * answers stay exactly Nest's.
 */
export function bindEndpoint(endpoint: Type, sink: AppErrorSink, { withoutGlobals = false } = {}): void {
  const sinks = sinksByEndpoint.get(endpoint) ?? [];
  sinksByEndpoint.set(endpoint, [...sinks.filter((s) => s !== sink), sink]);
  if (filtersByEndpoint.has(endpoint)) return;
  const filter = new EndpointErrorFilter(endpoint);
  filtersByEndpoint.set(endpoint, filter);
  const existing: unknown[] = Reflect.getMetadata(NEST_EXCEPTION_FILTERS_METADATA, endpoint) ?? [];
  const filters: unknown[] = [filter, ...existing.filter((f) => !(f instanceof EndpointErrorFilter))];
  Object.defineProperty(filters, Symbol.iterator, {
    value: function* (this: unknown[]) {
      for (const item of Array.prototype.values.call(this)) if (item !== filter || unmatchedReads > 0 || withoutGlobals) yield item;
    },
  });
  Reflect.defineMetadata(NEST_EXCEPTION_FILTERS_METADATA, filters, endpoint);
}

export function unbindEndpoint(endpoint: Type, sink: AppErrorSink): void {
  const sinks = sinksByEndpoint.get(endpoint);
  if (sinks) sinksByEndpoint.set(endpoint, sinks.filter((s) => s !== sink));
}

/** The app that claims the error; failing that, the latest app that cannot tell (one app per process, usually). */
function sinkFor(endpoint: Type, host: ArgumentsHost): AppErrorSink | undefined {
  const sinks = sinksByEndpoint.get(endpoint) ?? [];
  let unsure: AppErrorSink | undefined;
  for (const sink of sinks) {
    const claim = sink.claims(host);
    if (claim === true) return sink;
    if (claim === undefined) unsure = sink;
  }
  return unsure;
}

/** Set by a context when it is loaded: what Nest answers in that context when the module's filter is not there. */
export function setNestAnswer(type: string, answer: NestAnswer): void {
  nestAnswers.set(type, answer);
}

/** No app with the module claims it: Nest answers as if the filter were not there. */
function declinedBy(endpoint: Type, exception: unknown, host: ArgumentsHost): unknown {
  const anyApp = sinksByEndpoint.get(endpoint)?.at(-1);
  if (anyApp) return anyApp.decline(exception, host);
  const nestAnswer = nestAnswers.get(host.getType());
  if (nestAnswer) return nestAnswer(endpoint, exception, host);
  // Nest's ExceptionsHandler answers an Error returned by a filter with its built-in filter.
  return exception instanceof Error ? exception : new Error('Declined by nestjs-error-handlers');
}
