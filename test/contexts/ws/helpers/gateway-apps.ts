import type { AddressInfo } from 'node:net';
import type { INestApplication, LoggerService, Type } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { WsAdapter } from '@nestjs/platform-ws';
import { Test } from '@nestjs/testing';
import type { GatewayMetadata } from '@nestjs/websockets';
import { freePort } from './free-port.js';
import { connectSocketIo, connectWs, type GatewayClient } from './ws-clients.js';

export type WsTransportName = 'socket.io' | 'ws';
/** On the app's HTTP server (Express or Fastify), or on a port of the gateway's own. */
export type Placement = 'express' | 'fastify' | 'own port';

export const TRANSPORTS: WsTransportName[] = ['socket.io', 'ws'];
export const PLACEMENTS: Placement[] = ['express', 'fastify', 'own port'];

/**
 * Where one gateway listens: the arguments of its `@WebSocketGateway()`.
 * socket.io: namespace `/chat` on the app's server, the default `/` on its
 * own port; ws: path `/events` on the app's server, no path on its own port.
 */
export interface GatewayPlace {
  readonly transport: WsTransportName;
  readonly placement: Placement;
  readonly port: number;
  readonly options: GatewayMetadata;
  /** The namespace the module should report (socket.io namespace, ws path), if any. */
  readonly namespace?: string;
}

export async function gatewayPlace(transport: WsTransportName, placement: Placement): Promise<GatewayPlace> {
  const own = placement === 'own port';
  const port = own ? await freePort() : 0;
  if (transport === 'socket.io') return own ? { transport, placement, port, options: {}, namespace: '/' } : { transport, placement, port, options: { namespace: '/chat' }, namespace: '/chat' };
  return own ? { transport, placement, port, options: {} } : { transport, placement, port, options: { path: '/events' }, namespace: '/events' };
}

export interface GatewayApp {
  readonly app: INestApplication;
  /** A new real client of the gateway at `place`. */
  connect(): Promise<GatewayClient>;
  close(): Promise<void>;
}

/** Boots `root` as a test would, with the place's WebSocket adapter, listening on 127.0.0.1. */
export async function startGatewayApp(root: Type, place: GatewayPlace, logger: LoggerService | false = false): Promise<GatewayApp> {
  const moduleRef = await Test.createTestingModule({ imports: [root] }).compile();
  const app = moduleRef.createNestApplication(place.placement === 'fastify' ? new FastifyAdapter() : new ExpressAdapter(), { logger });
  app.useWebSocketAdapter(place.transport === 'ws' ? new WsAdapter(app) : new IoAdapter(app));
  await app.listen(0, '127.0.0.1');
  const appPort = (app.getHttpServer().address() as AddressInfo).port;
  return gatewayApp(app, place, appPort);
}

export function gatewayApp(app: INestApplication, place: GatewayPlace, appPort: number): GatewayApp {
  const clients: GatewayClient[] = [];
  const port = place.port || appPort;
  const url = place.transport === 'ws' ? `ws://127.0.0.1:${port}${place.options.path ?? ''}` : `http://127.0.0.1:${port}${place.options.namespace ?? ''}`;
  return {
    app,
    async connect() {
      const client = await (place.transport === 'ws' ? connectWs(url) : connectSocketIo(url));
      clients.push(client);
      return client;
    },
    async close() {
      for (const client of clients.splice(0)) client.close();
      await app.close();
    },
  };
}
