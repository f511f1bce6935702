import type { ArgumentsHost } from '@nestjs/common';
import { describeDefaultResponse } from '../../core/default-response.js';
import { isHttpException } from '../../core/error-subject.js';
import { readOr } from '../../core/safe-error.js';
import type { ErrorHandlersModuleOptions } from '../../interfaces/error-handlers-options.interface.js';
import type { ErrorContextFacts } from '../../reporting/error-reporter.js';
import type { Answer } from '../answer.js';
import type { ContextAdapter, DefaultAnswer } from '../context-adapter.js';
import type { ErrorExchange } from '../error-exchange.js';
import { importNestWs, type NestWs } from './nest-ws.js';
import { readWsMessage, type WsMessage } from './ws-message.js';
import { invalidWsAnswerStatusMessage } from './ws.messages.js';

/**
 * The status a `WsException` stands for: the gateway's deliberate answer,
 * like a 4xx (SPEC section 10), so it is not reported unless a handler says so.
 */
const WS_EXCEPTION_STATUS = 400;

/**
 * WebSockets (socket.io and ws): every answer is Nest's `exception` event
 * with the payload Nest's own `BaseWsExceptionFilter` makes:
 * - no answer: Nest's own answer for the error, `cause` included, delivered
 *   by Nest's filter (parity by construction);
 * - a handler's `ErrorResponse` or plain value: its body, as Nest makes a
 *   `WsException` carrying it (an object as it is; anything else as
 *   `{ status: 'error', message, cause }`);
 * - a returned `WsException`: as Nest makes it;
 * - a returned (or thrown) `HttpException`: its HTTP body, e.g.
 *   `{ statusCode: 404, message: 'no such room', error: 'Not Found' }`, keeping its status.
 * A handler's answer is sent as Nest 12 sends (socket.io `emit`, ws `send`
 * of `{ event, data }`), on Nest 11 too. Nest ignores what a gateway's
 * filter returns, so nothing is returned.
 */
export class WsContext implements ContextAdapter {
  readonly kind = 'ws';
  /** Nest's pieces, once loaded; `loaded` settles then (undefined: the app has no @nestjs/websockets). */
  private nest: NestWs | undefined;
  readonly loaded: Promise<NestWs | undefined>;

  constructor() {
    this.loaded = importNestWs().then((nest) => (this.nest = nest));
  }

  answerable(): boolean {
    return true;
  }

  isNativeAnswer(value: unknown): boolean {
    return this.nest?.isWsException(value) ?? false;
  }

  /** `return client`: the handler answered the client itself (like `return res` in HTTP). */
  answeredDirectly(result: unknown, exchange: ErrorExchange): boolean {
    return result !== undefined && result !== null && result === clientOf(exchange.host);
  }

  statusOf(answer: Answer, exchange: ErrorExchange): number {
    if (answer.kind === 'response') return checkStatus(answer.status);
    return this.statusOfError(answer.kind === 'exception' ? answer.exception : exchange.thrown);
  }

  deliver(answer: Answer, exchange: ErrorExchange): void {
    const { host } = exchange;
    if (answer.kind === 'response') return this.withNest(host, (nest) => nest.sendAnswer(answer.body, host));
    if (answer.kind === 'exception') return this.sendException(answer.exception, host);
  }

  defaultAnswer(error: unknown, exchange: ErrorExchange): DefaultAnswer {
    const { host } = exchange;
    // A handler threw it (SPEC section 4): answered as if it had returned it.
    if (error !== exchange.thrown && isHttpException(error)) return { status: this.statusOfError(error), deliver: () => this.sendException(error, host) };
    return { status: this.statusOfError(error), deliver: () => this.withNest(host, (nest) => nest.answerAsNest(error, host)) };
  }

  statusAfterAppFilter(_exchange: ErrorExchange, fallback: number): number {
    return fallback;
  }

  lastResort(exchange: ErrorExchange): undefined {
    this.emitUnknownError(exchange.host);
    return undefined;
  }

  /** Nest ignores a gateway filter's return value: the emit happens when the handler's promise settles. */
  later(reply: Promise<unknown>): undefined {
    reply.then(undefined, () => undefined);
    return undefined;
  }

  facts(exchange: ErrorExchange): ErrorContextFacts {
    const message = readWsMessage(exchange.host, exchange.scope.endpoint);
    const tags: Record<string, string> = {};
    if (message.event !== undefined) tags['ws.event'] = message.event;
    if (message.namespace !== undefined) tags['ws.namespace'] = message.namespace;
    const ws: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(message)) if (value !== undefined) ws[key] = value;
    return { tags, contexts: { ws }, transaction: describe(message) };
  }

  where(exchange: ErrorExchange): string | undefined {
    return describe(readWsMessage(exchange.host, exchange.scope.endpoint));
  }

  site(exchange: ErrorExchange): { location?: string; variant?: string } {
    const { event, namespace } = readWsMessage(exchange.host, exchange.scope.endpoint);
    return { location: event, variant: namespace };
  }

  /** A `WsException` or `HttpException` a handler returned (or threw: an `HttpException`). */
  private sendException(exception: unknown, host: ArgumentsHost): void {
    const answer = isHttpException(exception) ? describeDefaultResponse(exception).body : exception;
    this.withNest(host, (nest) => nest.sendAnswer(answer, host));
  }

  /**
   * HttpException: its status (a 404 is neither logged nor reported, as in
   * HTTP); WsException: the deliberate answer; anything else: 500.
   */
  private statusOfError(error: unknown): number {
    if (isHttpException(error)) return readOr(() => validStatus(error.getStatus()) ?? 500, 500);
    return this.nest?.isWsException(error) ? WS_EXCEPTION_STATUS : 500;
  }

  /**
   * Runs `act` with Nest's filter. Only a gateway on its own port can get a
   * message before bootstrap has loaded it (Nest 11 listens before the init
   * hooks): its answer then waits for the load.
   */
  private withNest(host: ArgumentsHost, act: (nest: NestWs) => void): void {
    if (this.nest) return act(this.nest);
    this.loaded.then((nest) => nest && act(nest)).catch(() => this.emitUnknownError(host));
  }

  /** Nest's payload for an error that is not a `WsException`. Never throws. */
  private emitUnknownError(host: ArgumentsHost): void {
    try {
      this.withNest(host, (nest) => nest.answerAsNest(undefined, host));
    } catch {
      // The client is gone, or is not one Nest can emit to.
    }
  }
}

function clientOf(host: ArgumentsHost): unknown {
  return readOr(() => host.getArgByIndex(0), undefined);
}

function validStatus(status: unknown): number | undefined {
  return typeof status === 'number' && Number.isInteger(status) && status >= 200 && status <= 599 ? status : undefined;
}

/** A status only decides reporting and logging here; one HTTP would refuse is the handler's mistake all the same. */
function checkStatus(status: unknown): number {
  const valid = validStatus(status);
  if (valid === undefined) throw new TypeError(invalidWsAnswerStatusMessage(status));
  return valid;
}

/** `WS join`, `WS /chat join`: the log line's place and the event's transaction. */
function describe({ event, namespace }: WsMessage): string {
  const name = event ?? 'message';
  return namespace && namespace !== '/' ? `WS ${namespace} ${name}` : `WS ${name}`;
}

/** The WebSocket context, with Nest's own filter loaded; none when the app does not have @nestjs/websockets. */
export async function loadWsContext(_options: ErrorHandlersModuleOptions): Promise<WsContext | undefined> {
  const context = new WsContext();
  return (await context.loaded) ? context : undefined;
}
