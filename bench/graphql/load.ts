import autocannon from 'autocannon';
import type { BenchConfig } from '../config.js';
import type { LoadRun } from '../load.js';
import { GRAPHQL_OPERATIONS, type GraphqlOperationName } from './variants.js';

/**
 * One autocannon run of a GraphQL operation (POST /graphql) against
 * 127.0.0.1. Every answer must be a 200: a failing field is part of a
 * GraphQL result, so anything else means the server went wrong.
 */
export async function runGraphqlLoad(port: number, operation: GraphqlOperationName, seconds: number, config: BenchConfig): Promise<LoadRun> {
  const url = `http://127.0.0.1:${port}/graphql`;
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(GRAPHQL_OPERATIONS[operation]),
    connections: config.connections,
    pipelining: config.pipelining,
    duration: seconds,
  });
  const unexpected = Object.keys(result.statusCodeStats).filter((status) => status !== '200');
  const problems = [
    result.errors > 0 && `${result.errors} errors`,
    result.timeouts > 0 && `${result.timeouts} timeouts`,
    result.requests.total === 0 && 'no completed request',
    ...unexpected.map((status) => `${result.statusCodeStats[status].count} × status ${status}`),
  ].filter(Boolean);
  if (problems.length > 0) throw new Error(`Load of ${operation} on ${url} went wrong: ${problems.join(', ')}`);
  return {
    requestsPerSecond: result.requests.total / result.duration,
    requests: result.requests.total,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
  };
}
