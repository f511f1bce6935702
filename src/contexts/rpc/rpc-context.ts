import type { ArgumentsHost, Type } from '@nestjs/common';
import { defer, from, isObservable, mergeMap, of, throwError, type Observable } from 'rxjs';
import { describeDefaultResponse } from '../../core/default-response.js';
import { isHttpException, toErrorSubject } from '../../core/error-subject.js';
import { readOr } from '../../core/safe-error.js';
import type { ErrorHandlersModuleOptions } from '../../interfaces/error-handlers-options.interface.js';
import type { ErrorContextFacts } from '../../reporting/error-reporter.js';
import type { Answer } from '../answer.js';
import type { ContextAdapter, DefaultAnswer } from '../context-adapter.js';
import { setNestAnswer } from '../endpoint-filters.js';
import type { ErrorExchange } from '../error-exchange.js';
import { isNamed } from '../nest-context-defaults.js';
import { EventPatternIndex } from './event-patterns.js';
import { RpcMessageReader, type RpcMessage } from './rpc-message.js';
import { importRpcNest, type RpcNest } from './rpc-nest.js';
import { invalidRpcStatusMessage } from './rpc.messages.js';

/**
 * The status an `RpcException` counts as (SPEC section 10): the handler's
 * deliberate answer, like a 4xx, so it is neither reported nor logged unless
 * a handler says `report: true`.
 */
export const RPC_EXCEPTION_STATUS = 400;

/** What Nest's base RPC filter sends for any error that is not an `RpcException` (its `UNKNOWN_EXCEPTION_MESSAGE`). */
const UNKNOWN_ERROR_PAYLOAD = Object.freeze({ status: 'error', message: 'Internal server error' });

/**
 * Microservices (`@nestjs/microservices`, any transport): the reply is the
 * Observable that errors with what the client receives, as Nest makes it.
 * - a handler's `ErrorResponse` (or plain value) → its body, passed as an
 *   `RpcException` with that body would be (an object as it is);
 * - a returned `RpcException` → exactly as Nest passes it;
 * - a returned `HttpException` → its default response body, as an HTTP
 *   client would get it (`{ statusCode, message, error }`);
 * - no handler → Nest's own answer, from Nest's own classes.
 * Headers (`@Header()`, `ErrorResponse` headers) and the event id have no
 * place in an RPC error and are not sent.
 */
export class RpcContext implements ContextAdapter {
  readonly kind = 'rpc';
  private reader: RpcMessageReader;
  private events: EventPatternIndex | undefined;
  private loading: Promise<RpcNest | undefined> | undefined;
  private readonly messages = new WeakMap<ErrorExchange, RpcMessage>();

  /**
   * @param nest what the context takes from @nestjs/microservices; absent
   * when made before bootstrap loaded it (a hybrid app may start its
   * microservices before `app.init()`): then it is loaded on the first error.
   */
  constructor(private nest?: RpcNest) {
    this.reader = new RpcMessageReader(nest?.contexts ?? []);
    this.events = nest && new EventPatternIndex(nest.toRoute);
  }

  answerable(): boolean {
    return true;
  }

  isNativeAnswer(value: unknown): boolean {
    return this.isRpcException(value);
  }

  answeredDirectly(): boolean {
    return false;
  }

  statusOf(answer: Answer, exchange: ErrorExchange): number {
    if (answer.kind === 'response') return checkStatus(answer.status);
    if (answer.kind === 'exception') return this.statusOfError(answer.exception);
    return this.statusOfError(exchange.thrown);
  }

  deliver(answer: Answer, exchange: ErrorExchange): Observable<unknown> {
    const { host } = exchange;
    if (answer.kind === 'response') return this.withNest((nest) => nest.baseFilter.catch(new nest.RpcException(answer.body as object), host));
    if (answer.kind === 'exception' && isHttpException(answer.exception)) {
      const { body } = describeDefaultResponse(answer.exception);
      return throwError(() => body);
    }
    // A returned RpcException is the handler's answer, not an unhandled one: Nest's base filter passes it on.
    if (answer.kind === 'exception') return this.withNest((nest) => nest.baseFilter.catch(answer.exception, host));
    return this.passOn(exchange.thrown, exchange);
  }

  defaultAnswer(error: unknown, exchange: ErrorExchange): DefaultAnswer {
    return { status: this.statusOfError(error), deliver: () => this.passOn(error, exchange) };
  }

  /** An app's global filter answered an `RpcException`: still the deliberate answer. */
  statusAfterAppFilter(exchange: ErrorExchange, fallback: number): number {
    return this.isRpcException(exchange.thrown) ? RPC_EXCEPTION_STATUS : fallback;
  }

  lastResort(): Observable<never> {
    return throwError(() => ({ ...UNKNOWN_ERROR_PAYLOAD }));
  }

  /**
   * What Nest's RPC server does with a handler's result (`transformToObservable`):
   * an Observable is the reply; any other value (an app filter's) is a reply that succeeds.
   */
  later(reply: Promise<unknown>): Observable<unknown> {
    return from(reply).pipe(mergeMap((value) => (isObservable(value) ? value : of(value))));
  }

  facts(exchange: ErrorExchange): ErrorContextFacts {
    const { pattern, transport } = this.messageOf(exchange);
    const tags: Record<string, string> = {};
    if (pattern !== undefined) tags['rpc.pattern'] = pattern;
    if (transport) tags['rpc.transport'] = transport;
    return {
      tags,
      contexts: { rpc: { pattern, transport } },
      transaction: pattern === undefined ? undefined : `RPC ${pattern}`,
    };
  }

  where(exchange: ErrorExchange): string {
    const { pattern } = this.messageOf(exchange);
    return pattern === undefined ? 'RPC' : `RPC ${pattern}`;
  }

  site(exchange: ErrorExchange): { location?: string; variant?: string } {
    const { pattern, transport } = this.messageOf(exchange);
    return { location: pattern, variant: transport };
  }

  /**
   * What Nest does without the module (an app without it that shares a class
   * with one that had it): its exceptions handler, logging included.
   */
  answerAsNest(endpoint: Type, exception: unknown, host: ArgumentsHost): unknown {
    const nest = this.nest;
    if (!nest) return this.lastResort();
    return nest.nestHandler.handle(exception, host, this.inEvent(endpoint, this.reader.read(host)));
  }

  /**
   * Nest's answer for a value thrown, from Nest's own classes. Nest logs an
   * `RpcException` no filter took only in an event handler; it logs anything
   * else too, which the module does itself (so Nest is handed a value it does not log).
   */
  private passOn(error: unknown, exchange: ErrorExchange): Observable<unknown> {
    return this.withNest((nest) => {
      if (!this.isRpcException(error)) return nest.baseFilter.catch(nest.quietUnknown, exchange.host);
      return nest.nestHandler.handle(error, exchange.host, this.inEvent(exchange.scope.endpoint, this.messageOf(exchange)));
    });
  }

  /** True for an event handler whose transport does not hand its errors to the client library (Kafka does). */
  private inEvent(endpoint: Type | undefined, { pattern, transport }: RpcMessage): boolean {
    return transport !== 'kafka' && this.events !== undefined && this.events.isEvent(endpoint, pattern);
  }

  /**
   * An `HttpException` keeps its status (for reporting; the client still gets
   * Nest's answer), an `RpcException` is deliberate, anything else is a 500.
   */
  private statusOfError(error: unknown): number {
    if (this.isRpcException(error)) return RPC_EXCEPTION_STATUS;
    const { status } = toErrorSubject(error);
    return status !== undefined && Number.isInteger(status) && status >= 100 && status <= 599 ? status : 500;
  }

  private isRpcException(value: unknown): boolean {
    const nest = this.nest;
    if (!nest) return isNamed(value, 'RpcException');
    return readOr(() => value instanceof nest.RpcException, false);
  }

  private messageOf(exchange: ErrorExchange): RpcMessage {
    let message = this.messages.get(exchange);
    if (!message) this.messages.set(exchange, (message = this.reader.read(exchange.host)));
    return message;
  }

  /** Runs `answer` with Nest's parts, once loaded (at once after bootstrap). */
  private withNest(answer: (nest: RpcNest) => Observable<unknown>): Observable<unknown> {
    if (this.nest) return answer(this.nest);
    return defer(() => from(this.load())).pipe(mergeMap((nest) => (nest ? answerOr(() => answer(nest), this.lastResort()) : this.lastResort())));
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

/** Late, nothing is left to recover with: what cannot be answered gets the built-in answer. */
function answerOr(answer: () => Observable<unknown>, fallback: Observable<never>): Observable<unknown> {
  try {
    return answer();
  } catch {
    return fallback;
  }
}

/** Only a status the reporting policy can read; an RPC error has no status line to refuse it. */
function checkStatus(status: unknown): number {
  if (typeof status === 'number' && Number.isInteger(status) && status >= 100 && status <= 599) return status;
  throw new Error(invalidRpcStatusMessage(status));
}

/** The RPC context, once the app's packages are known (bootstrap); none without @nestjs/microservices. */
export async function loadRpcContext(_options: ErrorHandlersModuleOptions): Promise<RpcContext | undefined> {
  const nest = await importRpcNest();
  if (!nest) return undefined;
  const context = new RpcContext(nest);
  setNestAnswer('rpc', (endpoint, exception, host) => context.answerAsNest(endpoint, exception, host));
  return context;
}
