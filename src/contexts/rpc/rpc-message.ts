import type { ArgumentsHost } from '@nestjs/common';
import type { RpcTransportContext } from './rpc-nest.js';

/** What an RPC error's host says about the message: its pattern and the transport it came by, when known. */
export interface RpcMessage {
  /** The pattern as the transport gave it to the handler (a string it already made): `sum`, `{"cmd":"sum"}`. */
  readonly pattern?: string;
  /** `tcp`, `redis`, `nats`, `mqtt`, `rmq`, `kafka`; absent for a transport of the app's own (a custom strategy). */
  readonly transport?: string;
}

const NOTHING_KNOWN: RpcMessage = Object.freeze({});

/** A subclass of a transport's context class is rare; a longer chain is not worth walking. */
const MAX_CONTEXT_DEPTH = 8;

/**
 * Reads the message behind an RPC error from the transport's context object
 * (the handler's second argument): Nest keeps the pattern there as a string,
 * so nothing is serialised per error. Never throws.
 */
export class RpcMessageReader {
  private readonly byType = new Map<unknown, RpcTransportContext>();

  constructor(contexts: readonly RpcTransportContext[]) {
    for (const context of contexts) this.byType.set(context.type, context);
  }

  read(host: ArgumentsHost): RpcMessage {
    try {
      const context: unknown = host.getArgByIndex(1);
      if (context === null || typeof context !== 'object') return NOTHING_KNOWN;
      const known = this.transportOf(context);
      // A custom transport's context that follows Nest's own (`BaseRpcContext` with `getPattern()`) still names its pattern.
      const pattern = readString(context, known?.patternReader ?? 'getPattern');
      return { pattern, transport: known?.transport };
    } catch {
      return NOTHING_KNOWN;
    }
  }

  private transportOf(context: object): RpcTransportContext | undefined {
    let proto: unknown = Object.getPrototypeOf(context);
    for (let depth = 0; proto && depth < MAX_CONTEXT_DEPTH; proto = Object.getPrototypeOf(proto), depth++) {
      const known = this.byType.get((proto as { constructor?: unknown }).constructor);
      if (known) return known;
    }
    return undefined;
  }
}

function readString(context: object, method: string): string | undefined {
  const read = (context as Record<string, unknown>)[method];
  if (typeof read !== 'function') return undefined;
  const value: unknown = read.call(context);
  return typeof value === 'string' ? value : undefined;
}
