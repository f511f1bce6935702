import type { Type } from '@nestjs/common';
import { MetadataScanner } from '@nestjs/core';

/** Keys @nestjs/microservices sets on `@MessagePattern()` / `@EventPattern()` methods, read as strings (optional package). */
const PATTERN_METADATA = 'microservices:pattern';
const PATTERN_HANDLER_METADATA = 'microservices:handler_type';
/** `PatternHandler.EVENT`. */
const EVENT_HANDLER = 2;

const NO_EVENTS: ReadonlySet<string> = new Set();

/**
 * Which patterns of a class are served by `@EventPattern()` methods. An
 * event has no client waiting for an answer, so Nest logs an `RpcException`
 * an event handler throws (it logs it for no message handler); the module
 * must too. Read from Nest's metadata on the first error of each class.
 */
export class EventPatternIndex {
  private readonly byClass = new WeakMap<Type, ReadonlySet<string>>();
  private readonly scanner = new MetadataScanner();

  /** @param toRoute Nest's route for a pattern, as its servers look handlers up. */
  constructor(private readonly toRoute: (pattern: unknown) => string) {}

  /** True when `pattern` (as the transport gave it) is one of `endpoint`'s event patterns. Never throws. */
  isEvent(endpoint: Type | undefined, pattern: string | undefined): boolean {
    if (!endpoint || pattern === undefined) return false;
    try {
      const events = this.eventsOf(endpoint);
      return events.size > 0 && events.has(this.routeOf(pattern));
    } catch {
      return false;
    }
  }

  private eventsOf(endpoint: Type): ReadonlySet<string> {
    let events = this.byClass.get(endpoint);
    if (!events) this.byClass.set(endpoint, (events = this.read(endpoint)));
    return events;
  }

  private read(endpoint: Type): ReadonlySet<string> {
    const events = new Set<string>();
    const messages = new Set<string>();
    const prototype = endpoint.prototype as Record<string, unknown>;
    for (const name of this.scanner.getAllMethodNames(prototype)) {
      const method = prototype[name] as object;
      const kind: unknown = Reflect.getMetadata(PATTERN_HANDLER_METADATA, method);
      const patterns: unknown = Reflect.getMetadata(PATTERN_METADATA, method);
      if (kind === undefined || !Array.isArray(patterns)) continue;
      for (const pattern of patterns) (kind === EVENT_HANDLER ? events : messages).add(this.toRoute(pattern));
    }
    // A pattern served by a message handler too has a client waiting: not an event's.
    for (const route of messages) events.delete(route);
    return events.size > 0 ? events : NO_EVENTS;
  }

  /** As Nest's `Server.getRouteFromPattern`: a pattern that is JSON (an object pattern) is normalised. */
  private routeOf(pattern: string): string {
    let parsed: unknown = pattern;
    try {
      parsed = JSON.parse(pattern);
    } catch {
      // A plain string pattern.
    }
    return this.toRoute(parsed);
  }
}
