import type { ErrorContextFacts, ErrorContextKind } from '../reporting/error-reporter.js';
import type { Answer, AnswerReader } from './answer.js';
import type { ErrorExchange } from './error-exchange.js';

/**
 * One Nest context (HTTP, GraphQL, RPC, WebSockets) as the dispatcher sees it:
 * how that context replies, and what the reporter needs to know. The core
 * decides which handler answers and with what; an adapter only turns that
 * answer, or Nest's default for the error, into the context's reply.
 *
 * A "reply" is what the module's filter returns to Nest for that context:
 * nothing for HTTP (the response is written), an Observable for RPC, the
 * error to raise for GraphQL. Methods may throw; the dispatcher then falls
 * back, and `lastResort` must not throw.
 */
export interface ContextAdapter extends AnswerReader {
  readonly kind: ErrorContextKind;

  /** False when the exchange can no longer be answered (HTTP: the response has started). */
  answerable(exchange: ErrorExchange): boolean;

  /**
   * The final status of an answer, for reporting and logging; throws when the
   * answer cannot be delivered as it is (an invalid status, a header that
   * cannot be written), before anything is written.
   */
  statusOf(answer: Answer, exchange: ErrorExchange): number;

  /** Delivers a handler's answer; `eventId` is set when the error was reported. */
  deliver(answer: Answer, exchange: ErrorExchange, eventId: string | undefined): unknown;

  /** The answer Nest gives without the module, for the value thrown (parity by construction). */
  defaultAnswer(error: unknown, exchange: ErrorExchange): DefaultAnswer;

  /** The status an app's own filter answered with, once it has answered. */
  statusAfterAppFilter(exchange: ErrorExchange, fallback: number): number;

  /** The built-in 500 when everything else failed. Never throws. */
  lastResort(exchange: ErrorExchange, eventId: string | undefined): unknown;

  /** Turns a reply that is still on its way into what Nest expects from a filter of this context. */
  later(reply: Promise<unknown>): unknown;

  /** Where the error happened, for the reporter: read once, after the answer. Never throws. */
  facts(exchange: ErrorExchange): ErrorContextFacts;

  /** Where the error happened, for a log line: `GET /orders/1`, `query GetUser`. Never throws. */
  where(exchange: ErrorExchange): string | undefined;

  /**
   * Strings that already exist and name where, within its class, the error
   * was raised (a route pattern and method; a field; a message pattern), for
   * storm-control fingerprints. Never built per error.
   */
  site(exchange: ErrorExchange): { location?: string; variant?: string };
}

/** Nest's default answer for an error: its status, and how to deliver it. */
export interface DefaultAnswer {
  readonly status: number;
  deliver(eventId: string | undefined): unknown;
}
