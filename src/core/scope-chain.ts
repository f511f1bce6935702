import { InternalServerErrorException } from '@nestjs/common';
import type { HandlerEntry } from './handler-entry.js';
import type { HandlerScope } from './handler-scope.js';

/** Which handler resolution picked, and how (for `explain` and reporting tags). */
export interface Resolution {
  readonly entry: HandlerEntry;
  readonly scope: HandlerScope;
  readonly tier: 'code' | 'class';
  /** The key that matched, as a reader would write it: `404`, `404 (UserNotFound)`, `ConnectionError`. */
  readonly key: string;
  /** True when the error was unhandled and not HTTP: the handler gets an `InternalServerErrorException` with it as `cause`. */
  readonly wrapped: boolean;
}

/**
 * Real class hierarchies are a few levels deep; a chain longer than this is
 * a Proxy that invents prototypes, and walking it further would never end.
 */
const MAX_CHAIN_LENGTH = 64;

// From the prototype, not an instance: constructing exceptions at import costs every later one (handler-key.ts).
const INTERNAL_SERVER_ERROR_CHAIN = [InternalServerErrorException.prototype, ...prototypeChain(InternalServerErrorException.prototype)];

/**
 * Prototypes of a value, most specific first; empty for primitives. Never
 * throws, and ends on cycles (a Proxy can be its own prototype) and at
 * `MAX_CHAIN_LENGTH`: values the app throws are not to be trusted.
 */
export function prototypeChain(value: unknown): object[] {
  const chain: object[] = [];
  for (let proto = ownPrototype(value); proto && proto !== Object.prototype; proto = ownPrototype(proto)) {
    if (chain.length === MAX_CHAIN_LENGTH || chain.includes(proto)) break;
    chain.push(proto);
  }
  return chain;
}

/** The value's prototype, or `null` for primitives and for a Proxy whose trap throws. */
export function ownPrototype(value: unknown): object | null {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return null;
  try {
    return Object.getPrototypeOf(value);
  } catch {
    return null;
  }
}

/**
 * The scopes searched for one request origin (a controller, or "before
 * routing"), nearest first, with the resolution cache for that origin:
 * after the first error of a given class and status, resolving is two map lookups.
 */
export class ScopeChain {
  // Weak, so classes made at run time (a leak in the app, not ours) are not pinned here.
  private cache = new WeakMap<object, Map<number, Resolution | null>>();
  private readonly classlessCache = new Map<number, Resolution | null>();

  constructor(
    readonly scopes: readonly HandlerScope[],
    /**
     * Step 3. Off in debug mode (SPEC section 7, Flask's PROPAGATE_EXCEPTIONS):
     * an unhandled non-HTTP error then reaches the traceback, not a 500 handler.
     */
    private readonly wrapUnhandled = true,
  ) {}

  /** SPEC section 3, steps 1–3. `status` is `undefined` for errors that are not HTTP errors. */
  resolve(error: unknown, status: number | undefined): Resolution | null {
    // The class of an error (its own prototype) decides its whole chain: that is the cache key.
    const classKey = ownPrototype(error);
    const statusKey = status ?? -1;
    let byStatus = classKey ? this.cache.get(classKey) : this.classlessCache;
    if (!byStatus) this.cache.set(classKey!, (byStatus = new Map()));
    let resolution = byStatus.get(statusKey);
    if (resolution === undefined) {
      resolution = this.resolveUncached(prototypeChain(error), status);
      byStatus.set(statusKey, resolution);
    }
    return resolution;
  }

  /** Drops cached resolutions (after a handler is registered late). */
  invalidate(): void {
    this.cache = new WeakMap();
    this.classlessCache.clear();
  }

  private resolveUncached(chain: object[], status: number | undefined): Resolution | null {
    if (status !== undefined) return this.findByCode(chain, status) ?? this.findByClass(chain);
    const direct = this.findByClass(chain);
    if (direct || !this.wrapUnhandled) return direct;
    const wrapper = this.findByCode(INTERNAL_SERVER_ERROR_CHAIN, 500) ?? this.findByClass(INTERNAL_SERVER_ERROR_CHAIN);
    return wrapper && { ...wrapper, wrapped: true };
  }

  private findByCode(chain: object[], status: number): Resolution | null {
    for (const scope of this.scopes) {
      const byClass = scope.codeHandlers.get(status);
      if (!byClass) continue;
      const match = firstOnChain(byClass, chain) ?? plain(byClass);
      if (match) return { entry: match.entry, scope, tier: 'code', key: codeKeyName(status, match.proto), wrapped: false };
    }
    return null;
  }

  private findByClass(chain: object[]): Resolution | null {
    for (const scope of this.scopes) {
      if (scope.classHandlers.size === 0) continue;
      const match = firstOnChain(scope.classHandlers, chain);
      if (match) return { entry: match.entry, scope, tier: 'class', key: className(match.proto), wrapped: false };
    }
    return null;
  }
}

interface Match {
  entry: HandlerEntry;
  proto: object | null;
}

function firstOnChain(handlers: Map<object | null, HandlerEntry>, chain: object[]): Match | undefined {
  for (const proto of chain) {
    const entry = handlers.get(proto);
    if (entry) return { entry, proto };
  }
  return undefined;
}

function plain(handlers: Map<object | null, HandlerEntry>): Match | undefined {
  const entry = handlers.get(null);
  return entry && { entry, proto: null };
}

function className(proto: object | null): string {
  return (proto as { constructor?: { name?: string } } | null)?.constructor?.name || '(anonymous class)';
}

function codeKeyName(status: number, proto: object | null): string {
  return proto ? `${status} (${className(proto)})` : String(status);
}
