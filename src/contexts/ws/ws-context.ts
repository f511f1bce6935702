import type { ErrorHandlersModuleOptions } from '../../interfaces/error-handlers-options.interface.js';
import type { DefaultAnswer } from '../context-adapter.js';
import type { ErrorExchange } from '../error-exchange.js';
import { errorPayload, isNamed, NestContextDefaults, UNKNOWN_ERROR_PAYLOAD } from '../nest-context-defaults.js';

/** WebSockets: the answer is emitted to the client as Nest's `exception` event (Nest's BaseWsExceptionFilter). */
export class WsContext extends NestContextDefaults {
  readonly kind = 'ws';

  defaultAnswer(error: unknown, exchange: ErrorExchange): DefaultAnswer {
    const getError = (error as { getError?: () => unknown } | null)?.getError;
    const own = typeof getError === 'function' && isNamed(error, 'WsException');
    const payload = own ? errorPayload(getError.call(error)) : UNKNOWN_ERROR_PAYLOAD;
    return { status: own ? 400 : 500, deliver: () => emit(exchange, payload) };
  }

  lastResort(exchange: ErrorExchange): undefined {
    try {
      emit(exchange, UNKNOWN_ERROR_PAYLOAD);
    } catch {
      // The client is gone.
    }
    return undefined;
  }
}

function emit(exchange: ErrorExchange, payload: unknown): undefined {
  const client = exchange.host.getArgByIndex(0) as { emit?: (event: string, payload: unknown) => void } | undefined;
  client?.emit?.('exception', payload);
  return undefined;
}

/** The WebSocket context, once the app's packages are known (bootstrap). */
export async function loadWsContext(_options: ErrorHandlersModuleOptions): Promise<WsContext> {
  return new WsContext();
}
