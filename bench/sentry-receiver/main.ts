import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { countEnvelope } from './envelope.js';
import { COUNTS_REQUEST, type ReceiverCounts, type ReceiverReady } from './messages.js';

/**
 * Entry of the receiver process: a stand-in for Sentry's ingest endpoint on
 * 127.0.0.1 that counts the events it is sent. Its own process, so that it
 * answers promptly while autocannon keeps the orchestrator's event loop busy:
 * a late answer would fill the SDK's send queue and drop events that a real
 * Sentry would have taken.
 */
const ENVELOPE_PATH = /^\/api\/[^/]+\/envelope\/?$/;
const counts: ReceiverCounts = { type: 'counts', envelopes: 0, events: 0, droppedEvents: 0, malformed: 0 };

process.on('disconnect', () => process.exit(0));
process.on('message', (message) => {
  if (message === COUNTS_REQUEST) process.send!(counts);
});

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
    const { events, droppedEvents } = countEnvelope(gzipped ? gunzipSync(body) : body);
    counts.envelopes += 1;
    counts.events += events;
    counts.droppedEvents += droppedEvents;
    return 200;
  } catch {
    counts.malformed += 1;
    return 400;
  }
}
