import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { countEnvelope } from './envelope.js';
import { COUNTS_REQUEST, TYPES_REQUEST_PREFIX, type ReceiverCounts, type ReceiverReady, type ReceiverTypes } from './messages.js';

/**
 * Entry of the receiver process: a stand-in for Sentry's ingest endpoint on
 * 127.0.0.1 that counts the events it is sent. Its own process, so that it
 * answers promptly while autocannon keeps the orchestrator's event loop busy:
 * a late answer would fill the SDK's send queue and drop events that a real
 * Sentry would have taken.
 */
const ENVELOPE_PATH = /^\/api\/[^/]+\/envelope\/?$/;
const counts: ReceiverCounts = { type: 'counts', envelopes: 0, events: 0, occurrences: 0, droppedEvents: 0, malformed: 0 };
/** Exception types seen since the parent last asked. */
const types = new Set<string>();

process.on('disconnect', () => process.exit(0));
process.on('message', (message) => {
  if (message === COUNTS_REQUEST) process.send!(counts);
  if (typeof message === 'string' && message.startsWith(TYPES_REQUEST_PREFIX)) process.send!(takeTypes(message.slice(TYPES_REQUEST_PREFIX.length)));
});

function takeTypes(prefix: string): ReceiverTypes {
  const distinct = [...types].filter((type) => type.startsWith(prefix)).length;
  types.clear();
  return { type: 'types', distinct };
}

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const path = new URL(req.url ?? '/', 'http://receiver').pathname;
    if (req.method !== 'POST' || !ENVELOPE_PATH.test(path)) return void res.writeHead(404).end();
    res.writeHead(receive(Buffer.concat(chunks), req.headers['content-encoding'] === 'gzip')).end();
  });
});
server.listen(0, '127.0.0.1', () => {
  process.send!({ type: 'listening', port: (server.address() as AddressInfo).port } satisfies ReceiverReady);
});

/** Adds the envelope to the counts; the status to answer with. */
function receive(body: Buffer, gzipped: boolean): number {
  try {
    const { events, occurrences, types: seen, droppedEvents } = countEnvelope(gzipped ? gunzipSync(body) : body);
    counts.envelopes += 1;
    counts.events += events;
    counts.occurrences += occurrences;
    for (const type of seen) types.add(type);
    counts.droppedEvents += droppedEvents;
    return 200;
  } catch {
    counts.malformed += 1;
    return 400;
  }
}
