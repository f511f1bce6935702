import { summarize, type Summary } from '../stats.js';
import { formatTable, range, requestRate, times } from '../table.js';
import { GRAPHQL_OPERATION_NAMES, graphqlCpuRatio, graphqlRatio, type GraphqlComparison, type GraphqlPairRun } from './rounds.js';
import type { GraphqlDriver, GraphqlOperationName } from './variants.js';

/** One line of the GraphQL table: a comparison on one driver and operation, over all rounds. */
export interface GraphqlRow {
  driver: GraphqlDriver;
  operation: GraphqlOperationName;
  comparison: GraphqlComparison;
  ratio: Summary;
  cpuRatio: Summary;
  variantRequestsPerSecond: Summary;
  baselineRequestsPerSecond: Summary;
}

export function summarizeGraphql(runs: readonly GraphqlPairRun[]): GraphqlRow[] {
  return runs.flatMap(({ driver, comparison, samples }) =>
    samples.length === 0
      ? []
      : GRAPHQL_OPERATION_NAMES.map((operation) => ({
          driver,
          operation,
          comparison,
          ratio: summarize(samples.map((sample) => graphqlRatio(sample, operation))),
          cpuRatio: summarize(samples.map((sample) => graphqlCpuRatio(sample, operation))),
          variantRequestsPerSecond: summarize(samples.map((sample) => sample.variant[operation].requestsPerSecond)),
          baselineRequestsPerSecond: summarize(samples.map((sample) => sample.baseline[operation].requestsPerSecond)),
        })),
  );
}

const DRIVER_LABEL: Record<GraphqlDriver, string> = { apollo: 'Apollo (Express)', mercurius: 'Mercurius (Fastify)' };

export function formatGraphqlSection(rows: readonly GraphqlRow[], rounds: number): string {
  const title =
    `GraphQL throughput (POST /graphql): ratio = variant req/s ÷ baseline req/s, one fresh process pair per round (${rounds} rounds), ` +
    `sides one after the other; success = a query that resolves, error = a field whose resolver throws the 20-level class ` +
    `(the module's handler answers it, Nest and the driver without it); CPU ratio as for HTTP`;
  const table = formatTable(
    ['driver', 'operation', 'comparison', 'median', 'min–max', 'IQR', 'variant req/s', 'baseline req/s', 'CPU ratio median (min–max)'],
    rows.map((row) => [
      DRIVER_LABEL[row.driver],
      row.operation,
      row.comparison.label,
      times(row.ratio.median),
      range(row.ratio.min, row.ratio.max),
      range(row.ratio.q1, row.ratio.q3),
      requestRate(row.variantRequestsPerSecond),
      requestRate(row.baselineRequestsPerSecond),
      `${times(row.cpuRatio.median)} (${range(row.cpuRatio.min, row.cpuRatio.max)})`,
    ]),
  );
  return `${title}\n${table}`;
}
