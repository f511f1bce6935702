import type { ArgumentsHost } from '@nestjs/common';
import { throwError, type Observable } from 'rxjs';

const UNKNOWN_ERROR = { status: 'error', message: 'Internal server error' };

/**
 * Outside HTTP (microservices, WebSockets, GraphQL) the module keeps Nest's
 * default behaviour (SPEC section 10): these mirror Nest's base RPC and
 * WebSocket filters without importing their optional packages.
 */
export function answerOutsideHttp(exception: unknown, host: ArgumentsHost): Observable<never> | unknown {
  const type = host.getType<string>();
  if (type === 'rpc') return throwError(() => rpcError(exception));
  if (type === 'ws') return emitWsError(exception, host);
  return exception;
}

function rpcError(exception: unknown): unknown {
  const getError = (exception as { getError?: () => unknown } | null)?.getError;
  if (typeof getError !== 'function' || !isNamed(exception, 'RpcException')) return UNKNOWN_ERROR;
  return errorPayload(getError.call(exception));
}

function emitWsError(exception: unknown, host: ArgumentsHost): undefined {
  const client = host.getArgByIndex(0) as { emit?: (event: string, payload: unknown) => void } | undefined;
  const getError = (exception as { getError?: () => unknown } | null)?.getError;
  const payload = typeof getError === 'function' && isNamed(exception, 'WsException') ? errorPayload(getError.call(exception)) : UNKNOWN_ERROR;
  client?.emit?.('exception', payload);
  return undefined;
}

/** What Nest's base RPC and WebSocket filters send for an exception's `getError()`. */
function errorPayload(error: unknown): unknown {
  return error !== null && typeof error === 'object' ? error : { status: 'error', message: error };
}

/** True when `value` is an instance of a class of that name, anywhere up its chain. */
function isNamed(value: unknown, className: string): boolean {
  for (let proto = value && Object.getPrototypeOf(value); proto; proto = Object.getPrototypeOf(proto)) {
    if (proto.constructor?.name === className) return true;
  }
  return false;
}
