import type { ArgumentsHost, Type } from '@nestjs/common';
import { defer, from, mergeMap, throwError, type Observable } from 'rxjs';
import { readOr } from '../../core/safe-error.js';
import { isNamed } from '../nest-context-defaults.js';
import { EventPatternIndex } from './event-patterns.js';
import { RpcMessageReader, type RpcMessage } from './rpc-message.js';
import { importRpcNest, type RpcNest } from './rpc-nest.js';

/** What Nest's base RPC filter sends for any error that is not an `RpcException` (its `UNKNOWN_EXCEPTION_MESSAGE`). */
const UNKNOWN_ERROR_PAYLOAD = Object.freeze({ status: 'error', message: 'Internal server error' });

/**
 * Nest's own RPC answers, made by Nest's own classes (parity by
 * construction), and what the transport says about a message. Until
 * bootstrap has loaded @nestjs/microservices (a hybrid app may start its
 * microservices before `app.init()`), it is loaded on the first error and
 * the answer waits for it: an RPC reply is an Observable anyway.
 */
export class NestRpcAnswers {
  private reader: RpcMessageReader;
  private events: EventPatternIndex | undefined;
  private loading: Promise<RpcNest | undefined> | undefined;

  constructor(private nest?: RpcNest) {
    this.reader = new RpcMessageReader(nest?.contexts ?? []);
    this.events = nest && new EventPatternIndex(nest.toRoute);
  }

  isRpcException(value: unknown): boolean {
    const nest = this.nest;
    if (!nest) return isNamed(value, 'RpcException');
    return readOr(() => value instanceof nest.RpcException, false);
  }

  message(host: ArgumentsHost): RpcMessage {
    return this.reader.read(host);
  }

  /** A body, passed as an `RpcException` with that body would be: an object as it is. */
  body(body: unknown, host: ArgumentsHost): Observable<unknown> {
    return this.withNest((nest) => nest.baseFilter.catch(new nest.RpcException(body as object), host));
  }

  /** An `RpcException` a handler returned: its answer, not an unhandled error, so nothing is logged. */
  rpcException(exception: unknown, host: ArgumentsHost): Observable<unknown> {
    return this.withNest((nest) => nest.baseFilter.catch(exception, host));
  }

  /**
   * Nest's answer for a value thrown. Nest logs an `RpcException` no filter
   * took only in an event handler; it logs anything else too, which the
   * module does itself (so Nest is handed a value it does not log).
   */
  unhandled(error: unknown, host: ArgumentsHost, endpoint: Type | undefined, message: RpcMessage): Observable<unknown> {
    return this.withNest((nest) => {
      if (!this.isRpcException(error)) return nest.baseFilter.catch(nest.quietUnknown, host);
      return nest.nestHandler.handle(error, host, this.inEvent(endpoint, message));
    });
  }

  /** What Nest does with no filter at all (an app without the module): its answer and its log lines. */
  withoutModule(endpoint: Type, exception: unknown, host: ArgumentsHost): unknown {
    const nest = this.nest;
    if (!nest) return lastResort();
    return nest.nestHandler.handle(exception, host, this.inEvent(endpoint, this.message(host)));
  }

  /** True for an event handler whose transport does not hand its errors to the client library (Kafka does). */
  private inEvent(endpoint: Type | undefined, { pattern, transport }: RpcMessage): boolean {
    return transport !== 'kafka' && this.events !== undefined && this.events.isEvent(endpoint, pattern);
  }

  /** Runs `answer` with Nest's parts, once loaded (at once after bootstrap). */
  private withNest(answer: (nest: RpcNest) => Observable<unknown>): Observable<unknown> {
    if (this.nest) return answer(this.nest);
    return defer(() => from(this.load())).pipe(mergeMap((nest) => (nest ? answerOr(() => answer(nest)) : lastResort())));
  }

  private load(): Promise<RpcNest | undefined> {
    this.loading ??= importRpcNest().then((nest) => {
      if (nest && !this.nest) {
        this.nest = nest;
        this.reader = new RpcMessageReader(nest.contexts);
        this.events = new EventPatternIndex(nest.toRoute);
      }
      return this.nest;
    });
    return this.loading;
  }
}

/** The built-in answer: Nest's for an unknown error. Never throws. */
export function lastResort(): Observable<never> {
  return throwError(() => ({ ...UNKNOWN_ERROR_PAYLOAD }));
}

/** Late, nothing is left to recover with: what cannot be answered gets the built-in answer. */
function answerOr(answer: () => Observable<unknown>): Observable<unknown> {
  try {
    return answer();
  } catch {
    return lastResort();
  }
}
