import { InternalServerErrorException, type ExceptionFilter } from '@nestjs/common';
import { isHttpException, toErrorSubject, type ErrorSubject } from '../core/error-subject.js';
import type { Resolution } from '../core/scope-chain.js';
import type { ErrorSettlement } from './error-settlement.js';
import { readAnswer } from './answer.js';
import { selectAppFilter } from './app-filters.js';
import type { ContextAdapter } from './context-adapter.js';
import type { ErrorExchange } from './error-exchange.js';

/**
 * One error's trip, in every context: resolve (which handler, SPEC section
 * 3), answer (the handler's answer, else the app's own global filter, else
 * Nest's default), settle (report just before delivering, log just after).
 * The context adapter only knows how its context replies.
 *
 * Never throws or rejects (Nest 12 leaves a rejected filter unanswered,
 * nestjs/nest#5173): whatever fails ends in the adapter's built-in 500.
 * A synchronous answer is given synchronously: no promise on the error path
 * unless a handler or filter is async.
 */
export class ErrorDispatcher {
  constructor(private readonly settlement: ErrorSettlement) {}

  dispatch(exchange: ErrorExchange, adapter: ContextAdapter): unknown {
    try {
      const reply = this.answer(exchange, adapter);
      return reply instanceof Promise ? adapter.later(reply.catch(() => this.lastResort(exchange, adapter))) : reply;
    } catch {
      return this.lastResort(exchange, adapter);
    }
  }

  private answer(exchange: ErrorExchange, adapter: ContextAdapter): unknown {
    const subject = toErrorSubject(exchange.thrown);
    if (!adapter.answerable(exchange)) return this.answerDefault(exchange, adapter, exchange.thrown);
    const resolution = this.resolve(exchange, adapter, subject);
    if (resolution) return this.runHandler(exchange, adapter, resolution, subject, false);
    const appFilter = selectAppFilter(exchange.scope.appFilters, exchange.thrown);
    if (appFilter) return this.answerWithAppFilter(exchange, adapter, appFilter, subject);
    return this.answerDefault(exchange, adapter, exchange.thrown);
  }

  /**
   * SPEC section 3. Step 3 is for unhandled errors: a context's own
   * deliberate answer (an `RpcException`, SPEC section 10) is not one, so it
   * goes to no 500 handler and keeps Nest's answer unless a handler takes it.
   */
  private resolve(exchange: ErrorExchange, adapter: ContextAdapter, subject: ErrorSubject): Resolution | null {
    const resolution = exchange.scope.chain.resolve(subject.error, subject.status);
    return resolution?.wrapped && adapter.isNativeAnswer(subject.error) ? null : resolution;
  }

  /** SPEC section 4: run the handler, then deliver what it returned. `retry`: this is the 500 path after a failed handler. */
  private runHandler(exchange: ErrorExchange, adapter: ContextAdapter, resolution: Resolution, subject: ErrorSubject, retry: boolean): unknown {
    exchange.handler = resolution.entry;
    const error = resolution.wrapped ? wrapUnhandled(subject.error) : subject.error;
    // A plain value answering a context's deliberate error keeps that error's status (an RpcException: not a 500).
    const status = subject.status ?? (adapter.isNativeAnswer(subject.error) ? adapter.defaultAnswer(subject.error, exchange).status : 500);
    let result: unknown;
    try {
      result = resolution.entry.invoke(error, exchange.host);
    } catch (failure) {
      return this.recover(exchange, adapter, resolution, failure, retry);
    }
    if (!isThenable(result)) return this.deliverAnswer(exchange, adapter, resolution, result, status, retry);
    return Promise.resolve(result).then(
      (value) => this.deliverAnswer(exchange, adapter, resolution, value, status, retry),
      (failure: unknown) => this.recover(exchange, adapter, resolution, failure, retry),
    );
  }

  private deliverAnswer(exchange: ErrorExchange, adapter: ContextAdapter, resolution: Resolution, result: unknown, status: number, retry: boolean): unknown {
    let answer;
    let finalStatus: number;
    try {
      answer = readAnswer(result, resolution.entry, status, adapter, exchange);
      if (answer.kind === 'default') return this.answerDefault(exchange, adapter, exchange.thrown);
      // Checks the answer too: one that cannot be delivered is the handler's failure, found before anything is written.
      finalStatus = adapter.statusOf(answer, exchange);
    } catch (failure) {
      return this.recover(exchange, adapter, resolution, failure, retry);
    }
    const delivered = answer;
    return this.conclude(exchange, adapter, finalStatus, (eventId) => adapter.deliver(delivered, exchange, eventId), (failure) =>
      this.recover(exchange, adapter, resolution, failure, retry),
    );
  }

  /**
   * SPEC section 4: a thrown `HttpException` is answered by default, as the
   * handler's own answer. A failing handler (it threw anything else, or its
   * answer cannot be delivered) is reported and logged on its own, and the
   * error takes the 500 path once (step 3, with the failure as cause); after
   * that, the default answer, and then the built-in 500.
   */
  private recover(exchange: ErrorExchange, adapter: ContextAdapter, failed: Resolution, failure: unknown, retry: boolean): unknown {
    // A thrown HttpException (or the context's own exception) is the handler's answer, not its failure.
    const deliberate = isHttpException(failure) || adapter.isNativeAnswer(failure);
    if (deliberate && adapter.answerable(exchange)) return this.answerDefault(exchange, adapter, failure);
    this.settlement.handlerFailed(exchange, adapter, failed.entry.name, failure);
    exchange.handler = undefined;
    if (!adapter.answerable(exchange) || retry) return this.lastResort(exchange, adapter);
    const wrapper = wrapUnhandled(failure);
    const next = exchange.scope.chain.resolve(wrapper, 500);
    if (!next || next.entry === failed.entry) return this.answerDefault(exchange, adapter, failure);
    return this.runHandler(exchange, adapter, { ...next, wrapped: false }, { error: wrapper, status: 500 }, true);
  }

  /**
   * SPEC section 2: the app's own global filter answers as it would without
   * the module; the module reports and logs with the status it answered.
   */
  private answerWithAppFilter(exchange: ErrorExchange, adapter: ContextAdapter, filter: ExceptionFilter, subject: ErrorSubject): unknown {
    const settle = (reply: unknown) => {
      const status = adapter.statusAfterAppFilter(exchange, subject.status ?? 500);
      this.settlement.report(exchange, adapter, status);
      this.settlement.log(exchange, adapter, status);
      return reply;
    };
    const reply = filter.catch(exchange.thrown, exchange.host);
    return isThenable(reply) ? Promise.resolve(reply).then(settle) : settle(reply);
  }

  /** Nest's own answer for `error`: the value thrown, or what a handler returned or threw. */
  private answerDefault(exchange: ErrorExchange, adapter: ContextAdapter, error: unknown): unknown {
    const answer = adapter.defaultAnswer(error, exchange);
    return this.conclude(exchange, adapter, answer.status, (eventId) => answer.deliver(eventId), () => this.lastResort(exchange, adapter));
  }

  /** Report with the status about to be delivered, deliver, then log what was delivered. */
  private conclude(
    exchange: ErrorExchange,
    adapter: ContextAdapter,
    status: number,
    deliver: (eventId: string | undefined) => unknown,
    onFailure: (failure: unknown) => unknown,
  ): unknown {
    const eventId = this.settlement.report(exchange, adapter, status);
    let reply: unknown;
    try {
      reply = deliver(eventId);
    } catch (failure) {
      return onFailure(failure);
    }
    this.settlement.log(exchange, adapter, status);
    return reply;
  }

  /** The built-in 500: reported and logged as a 500, whatever was announced before. */
  private lastResort(exchange: ErrorExchange, adapter: ContextAdapter): unknown {
    const eventId = this.settlement.report(exchange, adapter, 500);
    const reply = adapter.lastResort(exchange, eventId);
    this.settlement.log(exchange, adapter, 500);
    return reply;
  }
}

/** SPEC section 3, step 3: what a 500 handler receives for an unhandled non-HTTP error. */
function wrapUnhandled(error: unknown): InternalServerErrorException {
  return new InternalServerErrorException(undefined, { cause: error });
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  try {
    return value !== null && (typeof value === 'object' || typeof value === 'function') && typeof (value as PromiseLike<unknown>).then === 'function';
  } catch {
    return false;
  }
}
