import type { BackgroundSite } from './background-site.interface.js';

/** Whoever hears of a failure: one per running app (see BackgroundReporting). */
export interface BackgroundSink {
  failed(site: BackgroundSite, error: unknown, instance: unknown, args: readonly unknown[]): void;
}

/** A method replaced by its wrapper on the prototype that declares it; undone when no app uses it any more. */
export interface WrappedMethod {
  readonly site: BackgroundSite;
  release(sink: BackgroundSink): void;
}

interface Installation extends WrappedMethod {
  /** The apps using the class, the latest started last: it gets the failures. */
  readonly sinks: BackgroundSink[];
}

/** Our wrappers, to find the installation when a second app (a test suite's next one) starts with the same class. */
const installations = new WeakMap<Function, Installation>();

/**
 * Replaces `owner[key]` with a wrapper that tells the sink about a throw or a
 * rejection, then throws or rejects with the same error: to its caller (the
 * scheduler, the event emitter, BullMQ's worker) nothing changed.
 *
 * Installed on the prototype before the packages' explorers read it (their
 * `onModuleInit`/`onApplicationBootstrap`), so they bind the wrapper; all of
 * the method's metadata is copied onto it, so they still recognise it.
 */
export function wrapMethod(owner: object, key: string, site: BackgroundSite, sink: BackgroundSink): WrappedMethod {
  const descriptor = Object.getOwnPropertyDescriptor(owner, key)!;
  const current = descriptor.value as Function;
  const existing = installations.get(current);
  if (existing) {
    if (!existing.sinks.includes(sink)) existing.sinks.push(sink);
    return existing;
  }
  const sinks = [sink];
  const wrapper = backgroundWrapper(current, site, sinks);
  copyMetadata(current, wrapper);
  Object.defineProperty(owner, key, { ...descriptor, value: wrapper });
  const installation: Installation = {
    site,
    sinks,
    release(leaving: BackgroundSink) {
      const index = sinks.indexOf(leaving);
      if (index >= 0) sinks.splice(index, 1);
      // Put the method back once no app uses it, unless someone wrapped it over ours since.
      if (sinks.length > 0 || Object.getOwnPropertyDescriptor(owner, key)?.value !== wrapper) return;
      Object.defineProperty(owner, key, descriptor);
      installations.delete(wrapper);
    },
  };
  installations.set(wrapper, installation);
  return installation;
}

type Failed = (error: unknown, instance: unknown, args: ArrayLike<unknown>) => void;
type Invoke = (self: unknown, args: ArrayLike<unknown>) => unknown;

/**
 * The whole cost for a call that does not fail: one call frame, a `try`, and
 * an `instanceof` on the result. A sync method stays sync. Nothing of the call
 * is captured by a closure, so V8 allocates no context per call (the promise
 * path's closure lives in `observed`).
 *
 * The wrapper gets the method's `name` and `length` the way V8 gives them to
 * any function: from a computed method key, and from its formal parameters.
 * Redefining either with defineProperty turns the function into a slow
 * dictionary-mode object, which cost every call about 5 % of a tick that does
 * nothing (bench/background). Stacks and logs show the name; BullMQ's worker
 * passes an AbortSignal only to a processor declaring three parameters
 * (`processor.length >= 3`).
 */
function backgroundWrapper(original: Function, site: BackgroundSite, sinks: BackgroundSink[]): Function {
  const failed: Failed = (error, instance, args) => sinks[sinks.length - 1]?.failed(site, error, instance, Array.from(args));
  const name = original.name;
  if (original.length === 0) {
    // The common case (scheduled jobs), kept in one function: a second one taking the rest array costs ~8 % of a bare tick.
    return {
      [name](this: unknown, ...args: unknown[]): unknown {
        let result: unknown;
        try {
          result = original.apply(this, args);
        } catch (error) {
          failed(error, this, args);
          throw error;
        }
        return result instanceof Promise ? observed(result, failed, this, args) : result;
      },
    }[name]!;
  }
  const invoke: Invoke = (self, args) => {
    let result: unknown;
    try {
      result = original.apply(self, args as unknown[]);
    } catch (error) {
      failed(error, self, args);
      throw error;
    }
    return result instanceof Promise ? observed(result, failed, self, args) : result;
  };
  return withParameters(name, original.length, invoke);
}

/** A wrapper named `name` declaring `length` parameters, passing every argument it gets to `invoke`. */
function withParameters(name: string, length: number, invoke: Invoke): Function {
  switch (length) {
    case 1:
      return { [name](this: unknown, _1: unknown) { return invoke(this, arguments); } }[name]!;
    case 2:
      return { [name](this: unknown, _1: unknown, _2: unknown) { return invoke(this, arguments); } }[name]!;
    case 3:
      return { [name](this: unknown, _1: unknown, _2: unknown, _3: unknown) { return invoke(this, arguments); } }[name]!;
    default: {
      // More than three parameters is rare enough to pay the slow object for an exact length.
      const wrapper = { [name](this: unknown) { return invoke(this, arguments); } }[name]!;
      Object.defineProperty(wrapper, 'length', { value: length, configurable: true });
      return wrapper;
    }
  }
}

/**
 * The caller gets the derived promise: it settles as the original does, and
 * if nobody handles it, its rejection is unhandled as the original's would
 * have been (an event listener's, say). A non-native thenable is returned
 * untouched and not observed.
 */
function observed(result: Promise<unknown>, failed: Failed, instance: unknown, args: ArrayLike<unknown>): Promise<unknown> {
  return result.then(undefined, (error: unknown) => {
    failed(error, instance, args);
    throw error;
  });
}

/** The packages find methods by metadata on the function itself (Reflector.get(key, method)). */
function copyMetadata(original: Function, wrapper: Function): void {
  for (const key of Reflect.getOwnMetadataKeys(original)) {
    Reflect.defineMetadata(key, Reflect.getOwnMetadata(key, original), wrapper);
  }
}
