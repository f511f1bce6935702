import { IntrinsicException, type ArgumentsHost } from '@nestjs/common';

/**
 * What the module uses of @nestjs/websockets. The package is optional: it
 * is imported once, at bootstrap (`importNestWs`), and never statically.
 */
export interface NestWs {
  /** True for a `WsException`: the gateway's deliberate answer. */
  isWsException(value: unknown): boolean;
  /** Nest's own answer for a value a gateway threw, delivered by Nest's filter as Nest delivers it; never logs. */
  answerAsNest(thrown: unknown, host: ArgumentsHost): void;
  /**
   * Sends a handler's answer as the `exception` event Nest makes of it: a
   * `WsException` as it is, anything else as a `WsException` carrying it
   * (an object as it is; else `{ status: 'error', message, cause }`).
   */
  sendAnswer(answer: unknown, host: ArgumentsHost): void;
}

/**
 * Stands in for an error that is not a `WsException`: Nest's payload for it
 * does not depend on the error, and Nest's filter does not log an
 * `IntrinsicException`. The module logs that error once itself (SPEC section 6).
 */
const UNKNOWN_ERROR = new IntrinsicException();

type Client = { emit?: (event: string, payload: unknown) => unknown; send?: (text: string) => unknown; readyState?: unknown };
type Cause = { pattern: unknown; data: unknown };

interface BaseWsExceptionFilterLike {
  catch(exception: unknown, host: ArgumentsHost): void;
  handleError(client: Client, exception: unknown, cause: Cause): void;
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
  const filter = new BaseWsExceptionFilter() as unknown as BaseWsExceptionFilterLike;
  const isWsException = (value: unknown) => {
    try {
      return value instanceof WsException;
    } catch {
      return false;
    }
  };
  return {
    isWsException,
    answerAsNest: (thrown, host) => filter.catch(isWsException(thrown) ? thrown : UNKNOWN_ERROR, host),
    sendAnswer: (answer, host) => sendException(host, payloadOf(filter, isWsException(answer) ? answer : new WsException(answer as string | object), host)),
  };
}

/** The payload Nest's filter emits for `exception`, caught on its way out rather than sent. */
function payloadOf(filter: BaseWsExceptionFilterLike, exception: unknown, host: ArgumentsHost): unknown {
  const ws = host.switchToWs();
  let payload: unknown;
  filter.handleError({ emit: (_event, emitted) => (payload = emitted) }, exception, { pattern: ws.getPattern(), data: ws.getData() });
  return payload;
}

/**
 * Nest's `exception` event, sent as Nest 12 sends it: a native WebSocket
 * (ws, told by its numeric `readyState`) gets `{ event, data }` as JSON,
 * a socket.io socket an `emit`. Nest 11's filter only `emit`s, which a ws
 * client never receives; a handler's answer reaches it all the same.
 */
function sendException(host: ArgumentsHost, payload: unknown): void {
  const client = host.switchToWs().getClient<Client>();
  if (typeof client.readyState === 'number' && typeof client.send === 'function') client.send(JSON.stringify({ event: 'exception', data: payload }));
  else client.emit?.('exception', payload);
}
