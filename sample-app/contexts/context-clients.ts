import { ClientProxyFactory, Transport, type ClientProxy } from '@nestjs/microservices';
import { firstValueFrom, timeout } from 'rxjs';
import { io, type Socket } from 'socket.io-client';
import type { HttpAnswer, TourStep, WsStep } from '../tour/tour-step.js';

/** Where the running sample listens. */
export interface SampleEndpoints {
  /** `http://127.0.0.1:3000`: controllers, GraphQL and socket.io. */
  http: string;
  rpc: { host: string; port: number };
}

/** Long enough for a loaded machine; only a lost answer reaches it. */
const ANSWER_WAIT_MS = 10_000;

/**
 * Real clients of a running sample, one per context (fetch, socket.io-client,
 * a TCP ClientProxy): each sends a tour step as a user's client would and
 * reads the answer in the shape tour.ts writes it.
 */
export class ContextClients {
  private constructor(
    private readonly endpoints: SampleEndpoints,
    private readonly socket: Socket,
    private readonly rpc: ClientProxy,
  ) {}

  /** Rejects when the app does not answer on both ports. */
  static async connect(endpoints: SampleEndpoints): Promise<ContextClients> {
    const socket = io(endpoints.http, { transports: ['websocket'], reconnection: false, forceNew: true });
    const rpc = ClientProxyFactory.create({ transport: Transport.TCP, options: endpoints.rpc });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
      });
      await rpc.connect();
    } catch (error) {
      socket.close();
      await rpc.close();
      throw error;
    }
    return new ContextClients(endpoints, socket, rpc);
  }

  answer(step: TourStep): Promise<TourStep['expect']> {
    switch (step.context) {
      case 'http':
        return this.fetch(step.method, step.path, step.body, step.expect);
      case 'graphql':
        return this.fetch('POST', '/graphql', { query: step.query }, step.expect);
      case 'ws':
        return this.emit(step);
      case 'rpc':
        return firstValueFrom(this.rpc.send(step.pattern, step.data).pipe(timeout(ANSWER_WAIT_MS))).then(
          (reply: unknown) => ({ reply }),
          (error: unknown) => ({ error }),
        );
    }
  }

  async close(): Promise<void> {
    this.socket.close();
    await this.rpc.close();
  }

  /** The status, the headers the step names, and the JSON body or the text. */
  private async fetch(method: string, path: string, body: unknown, expected: HttpAnswer): Promise<HttpAnswer> {
    const response = await fetch(new URL(path, this.endpoints.http), {
      method,
      redirect: 'manual',
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const headers = Object.fromEntries(Object.keys(expected.headers ?? {}).map((name) => [name, response.headers.get(name) ?? '']));
    const answer = { status: response.status, ...(expected.headers ? { headers } : {}) };
    if (response.headers.get('content-type')?.startsWith('application/json')) return { ...answer, body: await response.json() };
    return { ...answer, text: await response.text() };
  }

  /** The next event the server sends after the step's message: its reply, or Nest's `exception`. */
  private emit(step: WsStep): Promise<WsStep['expect']> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.socket.offAny(listener);
        reject(new Error(`no answer to the socket.io event "${step.event}" within ${ANSWER_WAIT_MS} ms`));
      }, ANSWER_WAIT_MS);
      const listener = (event: string, data: unknown) => {
        clearTimeout(timer);
        this.socket.offAny(listener);
        resolve({ event, data });
      };
      this.socket.onAny(listener);
      this.socket.emit(step.event, step.data);
    });
  }
}
