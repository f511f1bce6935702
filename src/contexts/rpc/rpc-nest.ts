import type { ArgumentsHost } from '@nestjs/common';
import type { Observable } from 'rxjs';

/** Nest's base RPC filter, as the module uses it (typed here: @nestjs/microservices is optional). */
export interface RpcBaseFilter {
  catch(exception: unknown, host: ArgumentsHost): Observable<never>;
}

/** Nest's handler of a message handler's errors when no filter takes them (`RpcExceptionsHandler`). */
export interface RpcNestHandler {
  /** `reportUnhandled`: log an `RpcException` (an event handler's, which no client will see). */
  handle(exception: unknown, host: ArgumentsHost, reportUnhandled?: boolean): Observable<unknown>;
}

/** A transport's context class (`TcpContext`, `RedisContext`…) and how to read the pattern off an instance. */
export interface RpcTransportContext {
  readonly type: abstract new (...args: never[]) => object;
  /** The transport's name as the tags say it: `tcp`, `redis`… */
  readonly transport: string;
  /** The method of the context that returns the pattern (or channel, subject, topic) as a string. */
  readonly patternReader: string;
}

/**
 * What the RPC context takes from @nestjs/microservices, loaded once at
 * bootstrap: the package is optional, so the module never imports it statically.
 */
export interface RpcNest {
  readonly RpcException: new (error: string | object) => Error;
  /** Nest's own base filter: the answer for every error no handler answers (parity by construction). */
  readonly baseFilter: RpcBaseFilter;
  /** What Nest does with an error when no filter is there at all: the base filter's answer, and its log lines. */
  readonly nestHandler: RpcNestHandler;
  /** Nest's route for a pattern (`transformPatternToRoute`): how a server finds the handler of a message. */
  readonly toRoute: (pattern: unknown) => string;
  /**
   * What the base filter is given in place of a value that is not an
   * `RpcException`: it answers every such value alike, and does not log an
   * `IntrinsicException`, so the module's own log line stays the only one.
   */
  readonly quietUnknown: unknown;
  readonly contexts: readonly RpcTransportContext[];
}

/**
 * Loads what the RPC context needs, or `undefined` when the app does not
 * have @nestjs/microservices (then it has no RPC errors either).
 */
export async function importRpcNest(): Promise<RpcNest | undefined> {
  let microservices: typeof import('@nestjs/microservices');
  let routes: typeof import('@nestjs/microservices/utils/transform-pattern.utils.js');
  let handlers: typeof import('@nestjs/microservices/exceptions/rpc-exceptions-handler.js');
  try {
    microservices = await import('@nestjs/microservices');
    // Not in the package's index, but public classes Nest itself builds on, at the same paths in Nest 11 and 12.
    routes = await import('@nestjs/microservices/utils/transform-pattern.utils.js');
    handlers = await import('@nestjs/microservices/exceptions/rpc-exceptions-handler.js');
  } catch {
    return undefined;
  }
  const common: Record<string, unknown> = await import('@nestjs/common');
  const { BaseRpcExceptionFilter, RpcException, TcpContext, RedisContext, NatsContext, MqttContext, RmqContext, KafkaContext } =
    microservices;
  // Nest 11 and later; an older base filter logs whatever it is given.
  const Intrinsic = (common.IntrinsicException ?? Error) as new (message: string) => Error;
  return {
    RpcException,
    baseFilter: new BaseRpcExceptionFilter(),
    nestHandler: new handlers.RpcExceptionsHandler(),
    toRoute: (pattern) => routes.transformPatternToRoute(pattern as never),
    quietUnknown: new Intrinsic('Answered by nestjs-error-handlers'),
    contexts: [
      { type: TcpContext, transport: 'tcp', patternReader: 'getPattern' },
      { type: RmqContext, transport: 'rmq', patternReader: 'getPattern' },
      { type: RedisContext, transport: 'redis', patternReader: 'getChannel' },
      { type: NatsContext, transport: 'nats', patternReader: 'getSubject' },
      { type: MqttContext, transport: 'mqtt', patternReader: 'getTopic' },
      { type: KafkaContext, transport: 'kafka', patternReader: 'getTopic' },
    ],
  };
}
