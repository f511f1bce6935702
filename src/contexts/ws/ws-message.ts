import type { ArgumentsHost, Type } from '@nestjs/common';
import { readOr } from '../../core/safe-error.js';

/** @nestjs/websockets' key for `@WebSocketGateway()` options, spelled as Nest 11 and 12 spell it. */
const GATEWAY_OPTIONS_METADATA = 'websockets:gateway_options';

export type WsTransport = 'socket.io' | 'ws';

/**
 * Where a gateway error happened. Every string is one that already exists
 * (the handler's pattern, the namespace's name, the gateway's path), so
 * storm-control fingerprints can use them as they are.
 */
export interface WsMessage {
  /** The message pattern of the handler (`@SubscribeMessage('join')` → `join`). */
  readonly event?: string;
  /** socket.io: the client's namespace (`/`, `/chat`); ws: the gateway's path, if it has one. */
  readonly namespace?: string;
  readonly transport?: WsTransport;
}

/** Reads the message behind `host`; never throws. */
export function readWsMessage(host: ArgumentsHost, gateway: Type | undefined): WsMessage {
  return readOr<WsMessage>(() => {
    const client: unknown = host.getArgByIndex(0);
    const transport = transportOf(client);
    const namespace = transport === 'socket.io' ? namespaceName(client) : gatewayPath(gateway);
    return { event: eventOf(host), namespace, transport };
  }, {});
}

/** Nest's WsProxy appends the handler's pattern as the host's last argument (`getPattern()`). */
function eventOf(host: ArgumentsHost): string | undefined {
  const args = host.getArgs();
  const pattern: unknown = args[args.length - 1];
  return typeof pattern === 'string' ? pattern : undefined;
}

/** Told apart as Nest's own filter tells them (a native WebSocket has a numeric `readyState`). */
function transportOf(client: unknown): WsTransport | undefined {
  if (client === null || typeof client !== 'object') return undefined;
  const { readyState, send, nsp } = client as { readyState?: unknown; send?: unknown; nsp?: unknown };
  if (typeof readyState === 'number' && typeof send === 'function') return 'ws';
  return nsp !== null && typeof nsp === 'object' ? 'socket.io' : undefined;
}

function namespaceName(client: unknown): string | undefined {
  const name = (client as { nsp?: { name?: unknown } }).nsp?.name;
  return typeof name === 'string' ? name : undefined;
}

const pathsByGateway = new WeakMap<Type, string | undefined>();

/** The path a ws gateway listens on, as the WsAdapter matches it (leading slash); read once per gateway. */
function gatewayPath(gateway: Type | undefined): string | undefined {
  if (!gateway) return undefined;
  if (pathsByGateway.has(gateway)) return pathsByGateway.get(gateway);
  const path: unknown = (Reflect.getMetadata(GATEWAY_OPTIONS_METADATA, gateway) as { path?: unknown } | undefined)?.path;
  const normalised = typeof path === 'string' && path !== '' ? (path.startsWith('/') ? path : `/${path}`) : undefined;
  pathsByGateway.set(gateway, normalised);
  return normalised;
}
