import { createServer, type AddressInfo } from 'node:net';

/** A port nothing listens on right now, for a gateway on its own port (Nest reads it from the decorator). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
