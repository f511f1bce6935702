/**
 * The classes `@ErrorHandler()` has decorated, so the explorer can name those
 * Nest never instantiates (not a provider or controller of the app): their
 * handlers would otherwise be ignored without a word. Held strongly on
 * purpose: a forgotten class is often referenced by nothing else, and a weak
 * reference to it was cleared before bootstrap (seen in tests). The cost is
 * one entry per decorated class.
 */
const recorded = new Set<Function>();

/** Called by the decorator with its `target`: the prototype (instance methods) or the class (static ones). */
export function recordDecoratedClass(target: unknown): void {
  const decorated = typeof target === 'function' ? target : (target as { constructor?: unknown } | null)?.constructor;
  if (typeof decorated === 'function') recorded.add(decorated);
}

/** Every decorated class, in decoration order. */
export function decoratedClasses(): ReadonlySet<Function> {
  return recorded;
}
