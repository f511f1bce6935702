import type { INestApplication } from '@nestjs/common';
import { Transport, type MicroserviceOptions } from '@nestjs/microservices';
import type { AddressInfo, Server } from 'node:net';
import type { SamplePorts } from '../config/ports.js';

/** The microservice listens on loopback only: a demo, not a service to expose. */
export const RPC_HOST = '127.0.0.1';

/**
 * Starts the app as main.ts does: a hybrid app, the TCP microservice first
 * (Nest's documented order: `connectMicroservice`, `startAllMicroservices`,
 * `listen`), then HTTP, whose server GraphQL and socket.io share.
 * `inheritAppConfig` gives the microservice the app's global pipes and
 * filters; ErrorHandlersModule answers RPC errors either way.
 * Resolves to the ports really bound (0 picks free ones).
 */
export async function serve(app: INestApplication, ports: SamplePorts): Promise<SamplePorts> {
  const microservice = app.connectMicroservice<MicroserviceOptions>(
    { transport: Transport.TCP, options: { host: RPC_HOST, port: ports.rpc } },
    { inheritAppConfig: true },
  );
  await app.startAllMicroservices();
  await app.listen(ports.http);
  const http = (app.getHttpServer() as Server).address() as AddressInfo;
  const rpc = microservice.unwrap<Server>().address() as AddressInfo;
  return { http: http.port, rpc: rpc.port };
}
