import { duplicateKeyMessage } from './error-handlers.messages.js';
import type { HandlerEntry } from './handler-entry.js';
import { describeNormalizedKey, type NormalizedKey } from './handler-key.js';

export type ScopeKind = 'controller' | 'module' | 'app';

/**
 * The handlers of one scope (a controller, a feature module, or the app module),
 * indexed by the prototype of the class they are registered for, so resolution
 * can walk an error's prototype chain without touching `constructor`.
 */
export class HandlerScope {
  /** status → (class prototype, or null for "plain status") → handler */
  readonly codeHandlers = new Map<number, Map<object | null, HandlerEntry>>();
  readonly classHandlers = new Map<object, HandlerEntry>();

  constructor(
    readonly kind: ScopeKind,
    readonly name: string,
  ) {}

  get size(): number {
    let count = this.classHandlers.size;
    for (const byClass of this.codeHandlers.values()) count += byClass.size;
    return count;
  }

  add(key: NormalizedKey, entry: HandlerEntry): void {
    const existing = this.find(key);
    if (existing) {
      throw new Error(duplicateKeyMessage(declaredAs(entry), describeNormalizedKey(key), this.describe(), declaredAs(existing)));
    }
    if (key.tier === 'class') {
      this.classHandlers.set(key.errorClass.prototype, entry);
      return;
    }
    let byClass = this.codeHandlers.get(key.status);
    if (!byClass) this.codeHandlers.set(key.status, (byClass = new Map()));
    byClass.set(key.errorClass?.prototype ?? null, entry);
  }

  find(key: NormalizedKey): HandlerEntry | undefined {
    if (key.tier === 'class') return this.classHandlers.get(key.errorClass.prototype);
    return this.codeHandlers.get(key.status)?.get(key.errorClass?.prototype ?? null);
  }

  describe(): string {
    return describeScope(this.kind, this.name);
  }
}

/** How messages and `explain()` name a scope, whether or not it holds handlers: `module BillingModule`. */
export function describeScope(kind: ScopeKind, name: string): string {
  return kind === 'app' ? `app module ${name}` : `${kind} ${name}`;
}

function declaredAs(entry: HandlerEntry): string {
  return entry.declaredAs ?? entry.name;
}
