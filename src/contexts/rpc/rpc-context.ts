import type { ErrorHandlersModuleOptions } from '../../interfaces/error-handlers-options.interface.js';
import { from, mergeMap, throwError, type Observable } from 'rxjs';
import type { DefaultAnswer } from '../context-adapter.js';
import type { ErrorExchange } from '../error-exchange.js';
import { errorPayload, isNamed, NestContextDefaults, UNKNOWN_ERROR_PAYLOAD } from '../nest-context-defaults.js';

/** Microservices: the reply is the Observable that errors with what the client receives (Nest's BaseRpcExceptionFilter). */
export class RpcContext extends NestContextDefaults {
  readonly kind = 'rpc';

  defaultAnswer(error: unknown): DefaultAnswer {
    const getError = (error as { getError?: () => unknown } | null)?.getError;
    const own = typeof getError === 'function' && isNamed(error, 'RpcException');
    const payload = own ? errorPayload(getError.call(error)) : UNKNOWN_ERROR_PAYLOAD;
    return { status: own ? 400 : 500, deliver: () => throwError(() => payload) };
  }

  lastResort(): Observable<never> {
    return throwError(() => UNKNOWN_ERROR_PAYLOAD);
  }

  override later(reply: Promise<unknown>): Observable<unknown> {
    return from(reply).pipe(mergeMap((value) => value as Observable<unknown>));
  }
}

/** The RPC context, once the app's packages are known (bootstrap). */
export async function loadRpcContext(_options: ErrorHandlersModuleOptions): Promise<RpcContext> {
  return new RpcContext();
}
