import http from 'node:http';
import https from 'node:https';
import type { NodeOptions } from '@sentry/node';
import { noAnswerWithinMessage } from './sentry.messages.js';
import type { SentryOutage } from './sentry-outage.js';

type MakeTransport = NonNullable<NodeOptions['transport']>;
type Transport = ReturnType<MakeTransport>;
type Envelope = Parameters<Transport['send']>[0];
type TransportResponse = Awaited<ReturnType<Transport['send']>>;
type HttpModule = NonNullable<NonNullable<NodeOptions['transportOptions']>['httpModule']>;

/**
 * Wraps a Sentry transport so that every send's outcome reaches `outage`:
 * refused, timed out or answered 5xx is a failure, 2xx a success. Rate
 * limiting (429) and sends the SDK skipped (no status) say nothing either way.
 * The SDK already catches a failed send; the wrapper only watches.
 */
export function watchedTransport(makeTransport: MakeTransport, outage: SentryOutage): MakeTransport {
  return (options) => {
    const inner = makeTransport(options);
    return {
      ...inner,
      send: (envelope: Envelope) => observe(inner.send(envelope), outage),
      flush: (timeout?: number) => inner.flush(timeout),
    };
  };
}

function observe(sending: PromiseLike<TransportResponse>, outage: SentryOutage): Promise<TransportResponse> {
  return Promise.resolve(sending).then(
    (response) => {
      classify(response.statusCode, outage);
      return response;
    },
    (error: unknown) => {
      outage.failed(describeFailure(error));
      throw error;
    },
  );
}

function classify(statusCode: number | undefined, outage: SentryOutage): void {
  if (statusCode === undefined || statusCode === 429) return;
  if (statusCode >= 200 && statusCode < 300) outage.succeeded();
  else outage.failed(`answered HTTP ${statusCode}`);
}

function describeFailure(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.message : String(error);
}

/**
 * The node transport waits for Sentry's answer for as long as the socket
 * stays open: a server that accepts and never answers holds a socket and a
 * slot of the SDK's send buffer forever, and a flush on shutdown would wait
 * for it. This `http`/`https` stand-in gives each request a deadline, after
 * which it fails like a refused connection would.
 */
export function boundedHttpModule(timeoutMs: number): HttpModule {
  return {
    request(options, callback) {
      const secure = typeof options === 'object' && 'protocol' in options && options.protocol === 'https:';
      const request = (secure ? https : http).request(options as http.RequestOptions, callback as (res: http.IncomingMessage) => void);
      const deadline = setTimeout(() => request.destroy(new Error(noAnswerWithinMessage(timeoutMs))), timeoutMs);
      deadline.unref();
      request.once('close', () => clearTimeout(deadline));
      return request;
    },
  };
}
