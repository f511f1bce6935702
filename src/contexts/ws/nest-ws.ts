import { IntrinsicException, type ArgumentsHost } from '@nestjs/common';

/**
 * What the module uses of @nestjs/websockets. The package is optional: it
 * is imported once, at bootstrap (`importNestWs`), and never statically.
 */
export interface NestWs {
  /** True for a `WsException`: the gateway's deliberate answer. */
  isWsException(value: unknown): boolean;
  /** Emits Nest's `exception` event for `exception`, exactly as Nest does for a gateway; never logs. */
  emit(exception: unknown, host: ArgumentsHost): void;
  /** Emits `error` as Nest emits a `WsException` carrying it (its `cause` too, when Nest adds one). */
  emitAsWsException(error: unknown, host: ArgumentsHost): void;
}

/**
 * Stands in for an error that is not a `WsException`: Nest's payload for it
 * does not depend on the error, and Nest's filter does not log an
 * `IntrinsicException`. The module logs that error once itself (SPEC section 6).
 */
const UNKNOWN_ERROR = new IntrinsicException();

interface BaseWsExceptionFilterLike {
  catch(exception: unknown, host: ArgumentsHost): void;
}

/** Nest's own pieces, or undefined when the app does not have @nestjs/websockets (then it has no gateway). */
export async function importNestWs(): Promise<NestWs | undefined> {
  let websockets: typeof import('@nestjs/websockets');
  try {
    websockets = await import('@nestjs/websockets');
  } catch {
    return undefined;
  }
  const { BaseWsExceptionFilter, WsException } = websockets;
  // Made as Nest makes the one behind every gateway handler (WsExceptionsHandler): default options, cause included.
  const filter: BaseWsExceptionFilterLike = new BaseWsExceptionFilter();
  const isWsException = (value: unknown) => {
    try {
      return value instanceof WsException;
    } catch {
      return false;
    }
  };
  return {
    isWsException,
    emit: (exception, host) => filter.catch(isWsException(exception) ? exception : UNKNOWN_ERROR, host),
    emitAsWsException: (error, host) => filter.catch(new WsException(error as string | object), host),
  };
}
