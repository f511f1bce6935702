import { askChild, forkAndAwaitMessage, stopChild } from './child-process.js';
import { COUNTS_REQUEST, type ReceiverCounts, type ReceiverReady } from './sentry-receiver/messages.js';

/** The bench's local Sentry ingest endpoint, in a process of its own (see sentry-receiver/main.ts). */
export interface SentryReceiver {
  /** A DSN that sends to the receiver. */
  dsn: string;
  /** Totals since the receiver started. */
  counts(): Promise<ReceiverCounts>;
  stop(): Promise<void>;
}

export async function startSentryReceiver(): Promise<SentryReceiver> {
  const { child, message } = await forkAndAwaitMessage<ReceiverReady>('./sentry-receiver/main.js', []);
  if (message.type !== 'listening' || !Number.isInteger(message.port)) {
    await stopChild(child);
    throw new Error(`The Sentry receiver sent an unexpected message: ${JSON.stringify(message)}`);
  }
  return {
    dsn: `http://public@127.0.0.1:${message.port}/1`,
    counts: () => askChild<ReceiverCounts>(child, COUNTS_REQUEST, 'counts'),
    stop: () => stopChild(child),
  };
}
