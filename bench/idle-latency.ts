import http from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import type { ResponseTally } from './response-tally.js';
import { quantile } from './stats.js';

/** Requests before timing starts, so the JIT has settled on this route. */
const WARMUP_REQUESTS = 300;
const TIMED_REQUESTS = 400;
/**
 * Pause between requests: long enough for whatever a server does after a
 * response (the Sentry SDK's work) to finish before the next request, so
 * each timing shows what the client waited for, not a queue.
 */
const GAP_MS = 4;

/** Client-side latency of one request on an idle server, in ms. */
export interface IdleLatency {
  p50Ms: number;
  p90Ms: number;
}

/**
 * One keep-alive connection, one request at a time, `GAP_MS` apart, timed
 * with hrtime (autocannon reports whole milliseconds, too coarse here).
 * Every response is added to `tally`, so Sentry deliveries still add up.
 */
export async function measureIdleLatency(port: number, path: string, expectedStatus: number, tally: ResponseTally): Promise<IdleLatency> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const timings: number[] = [];
    for (let i = 0; i < WARMUP_REQUESTS + TIMED_REQUESTS; i++) {
      const ms = await timedRequest(agent, port, path, expectedStatus, tally);
      if (i >= WARMUP_REQUESTS) timings.push(ms);
      await delay(GAP_MS);
    }
    const sorted = timings.sort((a, b) => a - b);
    return { p50Ms: quantile(sorted, 0.5), p90Ms: quantile(sorted, 0.9) };
  } finally {
    agent.destroy();
  }
}

function timedRequest(agent: http.Agent, port: number, path: string, expectedStatus: number, tally: ResponseTally): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const request = http.get({ host: '127.0.0.1', port, path, agent }, (response) => {
      response.resume();
      response.on('end', () => {
        tally.add(response.statusCode ?? 0);
        if (response.statusCode !== expectedStatus) reject(new Error(`GET ${path}: expected ${expectedStatus}, got ${response.statusCode}`));
        else resolve(Number(process.hrtime.bigint() - started) / 1e6);
      });
    });
    request.on('error', reject);
  });
}
