import autocannon, { type Result } from 'autocannon';
import type { BenchConfig } from './config.js';
import type { ResponseTally } from './response-tally.js';

export interface LoadRun {
  requestsPerSecond: number;
  requests: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
}

/**
 * One autocannon run against 127.0.0.1 (never anything else). A run with
 * transport errors or an unexpected status is an error, not a number.
 * Responses and unanswered requests are added to `tally`.
 */
export async function runLoad(
  port: number,
  path: string,
  expectedStatus: number,
  seconds: number,
  config: BenchConfig,
  tally: ResponseTally,
): Promise<LoadRun> {
  const url = `http://127.0.0.1:${port}${path}`;
  const result = await autocannon({ url, connections: config.connections, pipelining: config.pipelining, duration: seconds });
  checkResult(url, result, expectedStatus);
  for (const [status, { count }] of Object.entries(result.statusCodeStats)) tally.add(Number(status), count);
  tally.unanswered += Math.max(0, result.requests.sent - result.requests.total);
  return {
    // Completed requests over the real elapsed time; autocannon's `average` is a mean of 1 s samples.
    requestsPerSecond: result.requests.total / result.duration,
    requests: result.requests.total,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
  };
}

function checkResult(url: string, result: Result, expectedStatus: number): void {
  const problems = [
    result.errors > 0 && `${result.errors} errors`,
    result.timeouts > 0 && `${result.timeouts} timeouts`,
    result.requests.total === 0 && 'no completed request',
    ...Object.keys(result.statusCodeStats)
      .filter((status) => Number(status) !== expectedStatus)
      .map((status) => `${result.statusCodeStats[status].count} × status ${status}`),
  ].filter(Boolean);
  if (problems.length > 0) throw new Error(`Load on ${url} went wrong: ${problems.join(', ')}`);
}
