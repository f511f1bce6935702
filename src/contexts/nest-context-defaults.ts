import type { ErrorContextFacts, ErrorContextKind } from '../reporting/error-reporter.js';
import type { Answer } from './answer.js';
import type { ContextAdapter, DefaultAnswer } from './context-adapter.js';
import type { ErrorExchange } from './error-exchange.js';

/**
 * What the contexts outside HTTP share until each has its own answers:
 * Nest's default answer for the thrown value, a 500 for anything that is
 * not the context's own exception. Subclasses say how their context replies.
 */
export abstract class NestContextDefaults implements ContextAdapter {
  abstract readonly kind: ErrorContextKind;

  answerable(): boolean {
    return true;
  }

  isNativeAnswer(): boolean {
    return false;
  }

  answeredDirectly(): boolean {
    return false;
  }

  statusOf(answer: Answer, exchange: ErrorExchange): number {
    return answer.kind === 'response' ? answer.status : this.defaultAnswer(exchange.thrown, exchange).status;
  }

  deliver(answer: Answer, exchange: ErrorExchange, eventId: string | undefined): unknown {
    return this.defaultAnswer(answer.kind === 'exception' ? answer.exception : exchange.thrown, exchange).deliver(eventId);
  }

  abstract defaultAnswer(error: unknown, exchange: ErrorExchange): DefaultAnswer;

  statusAfterAppFilter(_exchange: ErrorExchange, fallback: number): number {
    return fallback;
  }

  abstract lastResort(exchange: ErrorExchange, eventId: string | undefined): unknown;

  later(reply: Promise<unknown>): unknown {
    return reply;
  }

  facts(): ErrorContextFacts {
    return { tags: {} };
  }

  where(): string | undefined {
    return undefined;
  }

  site(): { location?: string; variant?: string } {
    return {};
  }
}

/** True when `value` is an instance of a class of that name, anywhere up its chain (bounded). */
export function isNamed(value: unknown, className: string): boolean {
  try {
    let proto = value !== null && (typeof value === 'object' || typeof value === 'function') ? Object.getPrototypeOf(value) : null;
    for (let depth = 0; proto && depth < 64; proto = Object.getPrototypeOf(proto), depth++) {
      if (proto.constructor?.name === className) return true;
    }
  } catch {
    // A hostile Proxy: not one of the context's own exceptions.
  }
  return false;
}

/** What Nest's base RPC and WebSocket filters send for an exception's `getError()`. */
export function errorPayload(error: unknown): unknown {
  return error !== null && typeof error === 'object' ? error : { status: 'error', message: error };
}

export const UNKNOWN_ERROR_PAYLOAD = { status: 'error', message: 'Internal server error' };
