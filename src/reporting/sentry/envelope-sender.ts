import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { NodeOptions } from '@sentry/node';
import type { SentrySdk } from './sentry-sdk.js';
import { noAnswerWithinMessage } from './sentry.messages.js';

type MakeTransport = NonNullable<NodeOptions['transport']>;
type TransportOptions = Parameters<MakeTransport>[0];
type TransportRequest = Parameters<Parameters<SentrySdk['createTransport']>[1]>[0];
type TransportResponse = Awaited<ReturnType<Parameters<SentrySdk['createTransport']>[1]>>;

/** Envelopes larger than this are gzipped, as Sentry's own transport does. */
const GZIP_ABOVE_BYTES = 32 * 1024;
const gzipped = promisify(gzip);

/**
 * The module's own client sends envelopes with this, not with @sentry/node's
 * `makeNodeTransport`. That transport runs every request inside the SDK's
 * `suppressTracing()`, which enters an AsyncLocalStorage: from the first event
 * sent, Node tracks every promise of the process (async hooks), and an
 * `await` costs ~4× what it did (47 → 200 ns, measured). Every request of the
 * app pays for it, failing or not (SPEC section 9). Without `Sentry.init()`
 * there is no tracing to suppress, so this sender posts the envelope itself,
 * inside Sentry's own `createTransport` (queue, rate limits, client reports
 * unchanged), each request bounded by `timeoutMs`.
 *
 * With `fetch`, not `node:http`: a `node:http` client's responses are
 * `IncomingMessage` streams of another shape than the server's requests, and
 * V8 re-optimises the stream code both share (endReadable, emitReadable_,
 * _destroy…) for the two: after the first events, every request of the app
 * went through the slower code (seen as deoptimisations during the success
 * load, docs/benchmarks.md). `fetch` reads its responses with code of its own.
 *
 * Proxies, custom CA certificates (`fetch` takes none) and a custom
 * `httpModule` are the SDK transport's business: with any of them, it is used
 * as is (and the costs above come with it).
 */
export function moduleTransport(sdk: SentrySdk, timeoutMs: number, transportOptions: NodeOptions['transportOptions']): MakeTransport {
  return (options) => {
    const url = URL.canParse(options.url) ? new URL(options.url) : undefined;
    // Without a URL, the SDK's transport says what is wrong with it, once, and sends nothing.
    if (!url || transportOptions?.httpModule || options.caCerts || proxyFor(url, options)) return sdk.makeNodeTransport(options);
    return sdk.createTransport(options, (request) => fetchPost(url, options, request, timeoutMs));
  };
}

async function fetchPost(url: URL, options: TransportOptions, request: TransportRequest, timeoutMs: number): Promise<TransportResponse> {
  const { body, headers } = await encode(options, request);
  try {
    const response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(timeoutMs) });
    // Read to the end, so the connection is free for the next envelope.
    await response.arrayBuffer();
    return {
      statusCode: response.status,
      headers: { 'retry-after': response.headers.get('retry-after'), 'x-sentry-rate-limits': response.headers.get('x-sentry-rate-limits') },
    };
  } catch (error) {
    // A Sentry that accepts and never answers must not hold a slot of the send queue for ever.
    if ((error as Error | null)?.name === 'TimeoutError') throw new Error(noAnswerWithinMessage(timeoutMs), { cause: error });
    // fetch says only "fetch failed"; the network error it wraps (ECONNREFUSED…) is what the outage warning names.
    const cause = (error as { cause?: unknown } | null)?.cause;
    throw cause instanceof Error ? cause : error;
  }
}

/** The body as sent: gzipped above GZIP_ABOVE_BYTES, as Sentry's own transport does. */
async function encode(options: TransportOptions, request: TransportRequest): Promise<{ body: Buffer; headers: Record<string, string> }> {
  const raw = typeof request.body === 'string' ? Buffer.from(request.body, 'utf8') : Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength);
  const headers: Record<string, string> = { ...options.headers };
  if (raw.length <= GZIP_ABOVE_BYTES) return { body: raw, headers };
  headers['content-encoding'] = 'gzip';
  return { body: await gzipped(raw), headers };
}

/** The proxy the SDK's transport would use for this URL, if any (its option, then the environment, minus `no_proxy`). */
function proxyFor(url: URL, options: TransportOptions): string | undefined {
  const proxy = (options as { proxy?: string }).proxy || (url.protocol === 'https:' ? process.env.https_proxy : undefined) || process.env.http_proxy;
  if (!proxy) return undefined;
  const exempt = process.env.no_proxy?.split(',').some((host) => host !== '' && (url.host.endsWith(host) || url.hostname.endsWith(host)));
  return exempt ? undefined : proxy;
}
