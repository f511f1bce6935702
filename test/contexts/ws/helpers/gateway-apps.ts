import type { AddressInfo } from 'node:net';
import type { INestApplication, LoggerService, Type } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { WsAdapter } from '@nestjs/platform-ws';
import { Test } from '@nestjs/testing';
import { NestFactory } from '@nestjs/core';
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

/** A gateway on the app's server named `name`: socket.io namespace or ws path `/name` (several gateways, one server). */
export function namedPlace(transport: WsTransportName, name: string): GatewayPlace {
  const path = `/${name}`;
  return { transport, placement: 'express', port: 0, options: transport === 'ws' ? { path } : { namespace: path }, namespace: path };
}

export interface GatewayApp {
  readonly app: INestApplication;
  /** A new real client of the gateway at `place` (by default, the place the app was started for). */
  connect(place?: GatewayPlace): Promise<GatewayClient>;
  close(): Promise<void>;
}

export interface StartOptions {
  logger?: LoggerService | false;
  /** `testing` (Test.createTestingModule, as the suite does) or `factory` (NestFactory.create, as main.ts does). */
  bootstrap?: 'testing' | 'factory';
  /** Runs before `listen()`, e.g. to add the app's own global filters. */
  configure?: (app: INestApplication) => void;
}

/** Boots `root` with the place's platform and WebSocket adapter, listening on 127.0.0.1. */
export async function startGatewayApp(root: Type, place: GatewayPlace, options: StartOptions = {}): Promise<GatewayApp> {
  const { logger = false, bootstrap = 'testing', configure } = options;
  const platform = place.placement === 'fastify' ? new FastifyAdapter() : new ExpressAdapter();
  const app =
    bootstrap === 'factory'
      ? await NestFactory.create(root, platform, { logger })
      : (await Test.createTestingModule({ imports: [root] }).compile()).createNestApplication(platform, { logger });
  app.useWebSocketAdapter(place.transport === 'ws' ? new WsAdapter(app) : new IoAdapter(app));
  configure?.(app);
  await app.listen(0, '127.0.0.1');
  const appPort = (app.getHttpServer().address() as AddressInfo).port;
  return gatewayApp(app, place, appPort);
}

function gatewayApp(app: INestApplication, defaultPlace: GatewayPlace, appPort: number): GatewayApp {
  const clients: GatewayClient[] = [];
  return {
    app,
    async connect(place = defaultPlace) {
      const port = place.port || appPort;
      const url = place.transport === 'ws' ? `ws://127.0.0.1:${port}${place.options.path ?? ''}` : `http://127.0.0.1:${port}${place.options.namespace ?? ''}`;
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
