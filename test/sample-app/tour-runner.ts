import { ClientProxyFactory, Transport, type ClientProxy } from '@nestjs/microservices';
import { firstValueFrom } from 'rxjs';
import { expect } from 'vitest';
import { RPC_HOST } from '../../sample-app/contexts/serve.js';
import { VARYING, type HttpAnswer, type HttpMethod, type TourStep } from '../../sample-app/tour/tour-step.js';
import { connectSocketIo, type GatewayClient } from '../contexts/ws/helpers/ws-clients.js';
import type { PlatformName } from '../helpers/platforms.js';
import type { RunningSample } from './start-sample.js';

/**
 * Sends tour steps to a running sample on their own transports (supertest
 * for HTTP and GraphQL, socket.io-client, a TCP ClientProxy) and reads each
 * answer in the shape tour.ts writes it, so one `toEqual` checks it all.
 */
export class TourRunner {
  private constructor(
    private readonly sample: RunningSample,
    private readonly socket: GatewayClient,
    private readonly rpc: ClientProxy,
  ) {}

  static async connect(sample: RunningSample): Promise<TourRunner> {
    const socket = await connectSocketIo(sample.url);
    const rpc = ClientProxyFactory.create({ transport: Transport.TCP, options: { host: RPC_HOST, port: sample.ports.rpc } });
    await rpc.connect();
    return new TourRunner(sample, socket, rpc);
  }

  async answer(step: TourStep): Promise<unknown> {
    switch (step.context) {
      case 'http':
        return this.http(step.method, step.path, step.body, step.expect);
      case 'graphql':
        return this.http('POST', '/graphql', { query: step.query }, step.expect);
      case 'ws':
        return this.socket.request(step.event, step.data);
      case 'rpc':
        return firstValueFrom(this.rpc.send(step.pattern, step.data)).then(
          (reply: unknown) => ({ reply }),
          (error: unknown) => ({ error }),
        );
    }
  }

  async close(): Promise<void> {
    this.socket.close();
    await this.rpc.close();
  }

  private async http(method: HttpMethod, path: string, body: object | undefined, expected: HttpAnswer): Promise<HttpAnswer> {
    const http = this.sample.http();
    const pending = method === 'GET' ? http.get(path) : method === 'DELETE' ? http.delete(path) : method === 'PUT' ? http.put(path) : http.post(path);
    const res = await (body ? pending.send(body) : pending);
    const json = /^application\/json/.test(String(res.headers['content-type'] ?? ''));
    const headers = Object.fromEntries(Object.keys(expected.headers ?? {}).map((name) => [name, res.headers[name]]));
    return { status: res.status, ...(expected.headers ? { headers } : {}), ...(json ? { body: res.body } : { text: res.text }) };
  }
}

/** The answer tour.ts gives for `step`, as `toEqual` takes it: varying values as matchers, the platform's text. */
export function expectedAnswer(step: TourStep, platform: PlatformName): unknown {
  if (step.context !== 'http' && step.context !== 'graphql') return withMatchers(step.expect);
  const { status, headers, body, text } = step.expect;
  const shown = body !== undefined ? { body: withMatchers(body) } : { text: typeof text === 'object' ? text[platform] : text };
  return { status, ...(headers ? { headers } : {}), ...shown };
}

function withMatchers(value: unknown): unknown {
  if (value === VARYING.timestamp) return expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  if (Array.isArray(value)) return value.map(withMatchers);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withMatchers(item)]));
}
