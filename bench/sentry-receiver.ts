import { askChild, forkAndAwaitListening, stopChild } from './child-process.js';
import { LOAD_CPU, pinProcess } from './cpu-pinning.js';
import { COUNTS_REQUEST, TYPES_REQUEST_PREFIX, type ReceiverCounts, type ReceiverTypes } from './sentry-receiver/messages.js';

/** The bench's local Sentry ingest endpoint, in a process of its own (see sentry-receiver/main.ts). */
export interface SentryReceiver {
  /** A DSN that sends to the receiver. */
  dsn: string;
  /** Totals since the receiver started. */
  counts(): Promise<ReceiverCounts>;
  /** Distinct exception types starting with `prefix` received since the last call (which forgets them). */
  takeDistinctTypes(prefix: string): Promise<number>;
  stop(): Promise<void>;
}

export async function startSentryReceiver(): Promise<SentryReceiver> {
  const { child, port } = await forkAndAwaitListening('./sentry-receiver/main.js', [], 'The Sentry receiver');
  // With the load generator, off the servers' core.
  pinProcess(child.pid!, LOAD_CPU);
  return {
    dsn: `http://public@127.0.0.1:${port}/1`,
    counts: () => askChild<ReceiverCounts>(child, COUNTS_REQUEST, 'counts'),
    takeDistinctTypes: async (prefix) => (await askChild<ReceiverTypes>(child, `${TYPES_REQUEST_PREFIX}${prefix}`, 'types')).distinct,
    stop: () => stopChild(child),
  };
}
