import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';

/** A message the server sent: Nest's `exception` event, or a handler's reply. */
export interface Received {
  event: string;
  data: unknown;
}

/** A real client of a gateway, socket.io or ws alike: send one message, get the next thing the server sends. */
export interface GatewayClient {
  /** Sends `event` with `data`; resolves with the oldest message from the server not yet read. */
  request(event: string, data?: unknown): Promise<Received>;
  /** Sends `event` with `data`, expecting nothing back. */
  send(event: string, data?: unknown): void;
  /** Every message received so far, in order. */
  readonly received: Received[];
  /** The messages only relayed by the test gateway: Nest 11 emitted them on the server-side socket (fixtures/relaying.gateway.ts). */
  readonly relayed: Received[];
  close(): void;
}

/** Long enough for any answer on a loaded machine; only a lost answer reaches it. */
const ANSWER_WAIT_MS = 10_000;

/** Messages in arrival order; each is given to one `next()`, so none is skipped unseen. */
class Inbox {
  readonly received: Received[] = [];
  readonly relayed: Received[] = [];
  private readonly unread: Received[] = [];
  private readonly waiting: Array<(message: Received) => void> = [];

  push(message: Received, relayed = false): void {
    this.received.push(message);
    if (relayed) this.relayed.push(message);
    const waiter = this.waiting.shift();
    if (waiter) waiter(message);
    else this.unread.push(message);
  }

  /** The oldest message not yet read, or the next to arrive. */
  next(what: string): Promise<Received> {
    const message = this.unread.shift();
    if (message) return Promise.resolve(message);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer from the server to ${what}`)), ANSWER_WAIT_MS);
      this.waiting.push((arrived) => {
        clearTimeout(timer);
        resolve(arrived);
      });
    });
  }
}

export async function connectSocketIo(url: string): Promise<GatewayClient> {
  const socket: Socket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true });
  const inbox = new Inbox();
  socket.onAny((event: string, data: unknown) => inbox.push({ event, data }));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return {
    received: inbox.received,
    relayed: inbox.relayed,
    request(event, data) {
      const next = inbox.next(event);
      socket.emit(event, data);
      return next;
    },
    send: (event, data) => void socket.emit(event, data),
    close: () => socket.close(),
  };
}

export async function connectWs(url: string): Promise<GatewayClient> {
  const socket = new WebSocket(url);
  const inbox = new Inbox();
  socket.on('message', (raw) => {
    const { event, data, relayed } = JSON.parse(String(raw)) as Received & { relayed?: boolean };
    inbox.push({ event, data }, relayed === true);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return {
    received: inbox.received,
    relayed: inbox.relayed,
    request(event, data) {
      const next = inbox.next(event);
      socket.send(JSON.stringify({ event, data }));
      return next;
    },
    send: (event, data) => socket.send(JSON.stringify({ event, data })),
    close: () => socket.terminate(),
  };
}
