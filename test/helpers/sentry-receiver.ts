import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/**
 * A stand-in for Sentry's ingest endpoint on 127.0.0.1, so tests see exactly
 * what the real @sentry/node transport sends: `POST /api/<project>/envelope/`,
 * a newline-delimited envelope (header, then item header + payload pairs),
 * gzipped when the SDK finds it large.
 *
 * Modes: `ok` answers 200; `slow` accepts the request and never answers.
 * `answerDelayMs` makes `ok` take its time (the envelope counts as received
 * only when answered). `SentryReceiver.down()` gives a DSN whose port has
 * nothing listening.
 */

export type ReceiverMode = 'ok' | 'slow';

/** The parts of a Sentry error event the tests read. */
export interface SentryEventJson {
  event_id: string;
  exception?: { values: Array<{ type?: string; value?: string; stacktrace?: { frames?: Array<{ function?: string; filename?: string }> } }> };
  request?: {
    method?: string;
    url?: string;
    query_string?: unknown;
    headers?: Record<string, string>;
    cookies?: Record<string, string>;
  };
  tags?: Record<string, string>;
  user?: { id?: string };
  transaction?: string;
  environment?: string;
  release?: string;
  [key: string]: unknown;
}

export interface EnvelopeItem {
  header: { type?: string; length?: number; [key: string]: unknown };
  payload: unknown;
}

export interface ReceivedEnvelope {
  projectId: string;
  /** The `sentry_key` the SDK authenticated with (from the query or the X-Sentry-Auth header). */
  publicKey: string | undefined;
  header: Record<string, unknown>;
  items: EnvelopeItem[];
}

export class SentryReceiver {
  readonly envelopes: ReceivedEnvelope[] = [];
  /** How many envelopes arrived gzipped (the SDK compresses large ones). */
  gzipped = 0;
  /** Requests that reached the server, answered or not (slow mode never answers). */
  requests = 0;
  answerDelayMs = 0;
  /** What `ok` mode answers; a 5xx plays an ingest that is up but failing (the envelope is then not kept). */
  answerStatus = 200;
  private readonly waiters = new Set<() => void>();
  private readonly hanging = new Set<http.ServerResponse>();

  private constructor(
    private readonly server: http.Server,
    public mode: ReceiverMode,
  ) {}

  static async start(mode: ReceiverMode = 'ok', port = 0): Promise<SentryReceiver> {
    let receiver!: SentryReceiver;
    const server = http.createServer((req, res) => receiver.onRequest(req, res));
    receiver = new SentryReceiver(server, mode);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    return receiver;
  }

  /** A DSN pointing at a port where nothing listens: every send is refused. */
  static async down(): Promise<{ dsn: string; port: number }> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    return { dsn: dsnFor(port), port };
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get dsn(): string {
    return dsnFor(this.port);
  }

  /** Error events received so far (client reports and other item types left out). */
  get events(): SentryEventJson[] {
    return this.envelopes.flatMap((envelope) =>
      envelope.items.filter((item) => item.header.type === 'event').map((item) => item.payload as SentryEventJson),
    );
  }

  /** Resolves with the first event matching `predicate`, waiting for it if needed. */
  async waitForEvent(predicate: (event: SentryEventJson) => boolean = () => true, timeoutMs = 3000): Promise<SentryEventJson> {
    await this.until(() => this.events.some(predicate), timeoutMs, 'an event matching the predicate');
    return this.events.find(predicate)!;
  }

  /** Resolves with the event a response reported in its `x-sentry-event-id` header. */
  waitForEventOf(res: { headers: Record<string, unknown> }, timeoutMs?: number): Promise<SentryEventJson> {
    const eventId = res.headers['x-sentry-event-id'];
    return this.waitForEvent((event) => event.event_id === eventId, timeoutMs);
  }

  async waitForEvents(count: number, timeoutMs = 3000): Promise<SentryEventJson[]> {
    await this.until(() => this.events.length >= count, timeoutMs, `${count} event(s), got ${this.events.length}`);
    return this.events;
  }

  clear(): void {
    this.envelopes.length = 0;
    this.requests = 0;
    this.gzipped = 0;
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!condition()) return;
        cleanup();
        resolve();
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`Sentry receiver: waited ${timeoutMs} ms for ${what}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
    });
  }

  private onRequest(req: http.IncomingMessage, res: http.ServerResponse): void {
    this.requests += 1;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (this.mode === 'slow') {
        // Accept the whole request, then never answer.
        this.hanging.add(res);
        this.notify();
        return;
      }
      const body = Buffer.concat(chunks);
      if (this.answerDelayMs > 0) setTimeout(() => this.accept(req, body, res), this.answerDelayMs);
      else this.accept(req, body, res);
    });
  }

  private accept(req: http.IncomingMessage, body: Buffer, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://receiver');
    const match = /^\/api\/([^/]+)\/envelope\/?$/.exec(url.pathname);
    if (req.method !== 'POST' || !match) {
      res.writeHead(404).end();
      return;
    }
    if (this.answerStatus >= 300) {
      res.writeHead(this.answerStatus).end();
      return;
    }
    const compressed = req.headers['content-encoding'] === 'gzip';
    if (compressed) this.gzipped += 1;
    const raw = compressed ? gunzipSync(body) : body;
    const { header, items } = parseEnvelope(raw);
    this.envelopes.push({ projectId: match[1]!, publicKey: publicKeyOf(req, url), header, items });
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    this.notify();
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

function dsnFor(port: number, projectId = '1'): string {
  return `http://publickey@127.0.0.1:${port}/${projectId}`;
}

function publicKeyOf(req: http.IncomingMessage, url: URL): string | undefined {
  const fromQuery = url.searchParams.get('sentry_key');
  if (fromQuery) return fromQuery;
  const auth = req.headers['x-sentry-auth'];
  return typeof auth === 'string' ? /sentry_key=([^,\s]+)/.exec(auth)?.[1] : undefined;
}

/**
 * Envelope format: one JSON header line, then for each item a JSON item
 * header line and a payload that is either `length` bytes long (when the item
 * header says so) or runs to the next newline.
 */
function parseEnvelope(raw: Buffer): { header: Record<string, unknown>; items: EnvelopeItem[] } {
  let offset = 0;
  const readLine = (): Buffer => {
    const end = raw.indexOf(0x0a, offset);
    const line = raw.subarray(offset, end === -1 ? raw.length : end);
    offset = end === -1 ? raw.length : end + 1;
    return line;
  };
  const header = JSON.parse(readLine().toString('utf8')) as Record<string, unknown>;
  const items: EnvelopeItem[] = [];
  while (offset < raw.length) {
    const headerLine = readLine();
    if (headerLine.length === 0) continue;
    const itemHeader = JSON.parse(headerLine.toString('utf8')) as EnvelopeItem['header'];
    let payload: Buffer;
    if (typeof itemHeader.length === 'number') {
      payload = raw.subarray(offset, offset + itemHeader.length);
      offset += itemHeader.length;
      if (raw[offset] === 0x0a) offset += 1;
    } else {
      payload = readLine();
    }
    items.push({ header: itemHeader, payload: parsePayload(payload) });
  }
  return { header, items };
}

function parsePayload(payload: Buffer): unknown {
  const text = payload.toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
