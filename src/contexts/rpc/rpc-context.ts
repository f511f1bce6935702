import { from, isObservable, mergeMap, of, throwError, type Observable } from 'rxjs';
import { describeDefaultResponse } from '../../core/default-response.js';
import { isHttpException, toErrorSubject } from '../../core/error-subject.js';
import type { ErrorHandlersModuleOptions } from '../../interfaces/error-handlers-options.interface.js';
import type { ErrorContextFacts } from '../../reporting/error-reporter.js';
import type { Answer } from '../answer.js';
import type { ContextAdapter, DefaultAnswer } from '../context-adapter.js';
import { setNestAnswer } from '../endpoint-filters.js';
import type { ErrorExchange } from '../error-exchange.js';
import { lastResort, NestRpcAnswers } from './nest-rpc-answers.js';
import type { RpcMessage } from './rpc-message.js';
import { importRpcNest, type RpcNest } from './rpc-nest.js';
import { invalidRpcStatusMessage } from './rpc.messages.js';

/**
 * The status an `RpcException` counts as (SPEC section 10): the handler's
 * deliberate answer, like a 4xx, so it is neither reported nor logged unless
 * a handler says `report: true`.
 */
export const RPC_EXCEPTION_STATUS = 400;

/**
 * Microservices (`@nestjs/microservices`, any transport): the reply is the
 * Observable that errors with what the client receives, as Nest makes it.
 * - a handler's `ErrorResponse` (or plain value) → its body, passed as an
 *   `RpcException` with that body would be (an object as it is);
 * - a returned `RpcException` → exactly as Nest passes it;
 * - a returned `HttpException` → its default response body, as an HTTP
 *   client would get it (`{ statusCode, message, error }`);
 * - no handler → Nest's own answer (nest-rpc-answers.ts).
 * Headers (`@Header()`, `ErrorResponse` headers) and the event id have no
 * place in an RPC error and are not sent.
 */
export class RpcContext implements ContextAdapter {
  readonly kind = 'rpc';
  private readonly nest: NestRpcAnswers;
  private readonly messages = new WeakMap<ErrorExchange, RpcMessage>();

  /** @param nest absent when made before bootstrap loaded @nestjs/microservices (see NestRpcAnswers). */
  constructor(nest?: RpcNest) {
    this.nest = new NestRpcAnswers(nest);
  }

  answerable(): boolean {
    return true;
  }

  isNativeAnswer(value: unknown): boolean {
    return this.nest.isRpcException(value);
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
    if (answer.kind === 'response') return this.nest.body(answer.body, host);
    if (answer.kind === 'exception' && isHttpException(answer.exception)) {
      const { body } = describeDefaultResponse(answer.exception);
      return throwError(() => body);
    }
    if (answer.kind === 'exception') return this.nest.rpcException(answer.exception, host);
    return this.defaultAnswer(exchange.thrown, exchange).deliver(undefined) as Observable<unknown>;
  }

  defaultAnswer(error: unknown, exchange: ErrorExchange): DefaultAnswer {
    return {
      status: this.statusOfError(error),
      deliver: () => this.nest.unhandled(error, exchange.host, exchange.scope.endpoint, this.messageOf(exchange)),
    };
  }

  /** An app's global filter answered an `RpcException`: still the deliberate answer. */
  statusAfterAppFilter(exchange: ErrorExchange, fallback: number): number {
    return this.nest.isRpcException(exchange.thrown) ? RPC_EXCEPTION_STATUS : fallback;
  }

  lastResort(): Observable<never> {
    return lastResort();
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
    return { tags, contexts: { rpc: { pattern, transport } }, transaction: pattern === undefined ? undefined : `RPC ${pattern}` };
  }

  where(exchange: ErrorExchange): string {
    const { pattern } = this.messageOf(exchange);
    return pattern === undefined ? 'RPC' : `RPC ${pattern}`;
  }

  /** The pattern string the transport made for the message (not built here), and the transport's name. */
  site(exchange: ErrorExchange): { location?: string; variant?: string } {
    const { pattern, transport } = this.messageOf(exchange);
    return { location: pattern, variant: transport };
  }

  /** What Nest answers when the module's filter is not there (endpoint-filters.ts). */
  answerWithoutModule(...args: Parameters<NestRpcAnswers['withoutModule']>): unknown {
    return this.nest.withoutModule(...args);
  }

  /**
   * An `HttpException` keeps its status (for reporting; the client still gets
   * Nest's answer), an `RpcException` is deliberate, anything else is a 500.
   */
  private statusOfError(error: unknown): number {
    if (this.nest.isRpcException(error)) return RPC_EXCEPTION_STATUS;
    const { status } = toErrorSubject(error);
    return status !== undefined && Number.isInteger(status) && status >= 100 && status <= 599 ? status : 500;
  }

  /** Read once per error, whichever of facts, where and site asks first. */
  private messageOf(exchange: ErrorExchange): RpcMessage {
    let message = this.messages.get(exchange);
    if (!message) this.messages.set(exchange, (message = this.nest.message(exchange.host)));
    return message;
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
  // An app without the module that shares a class with one that had it gets Nest's answer, logging included.
  setNestAnswer('rpc', (endpoint, exception, host) => context.answerWithoutModule(endpoint, exception, host));
  return context;
}
