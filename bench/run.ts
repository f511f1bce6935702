import os from 'node:os';
import { formatBackgroundSection } from './background/report.js';
import { runBackgroundBench } from './background/run-background.js';
import { COMPARISONS } from './comparisons.js';
import { readConfig, type BenchConfig } from './config.js';
import { LOAD_CPU, canPin, pinProcess, unpinProcess } from './cpu-pinning.js';
import { measurePair, ratio } from './http-bench.js';
import { summarizeHttp, summarizeIdleLatency, summarizeNextTick, type PairRun } from './http-summary.js';
import { formatReport } from './report.js';
import { runResolutionBench } from './resolution.js';
import { runGraphqlRounds } from './graphql/rounds.js';
import { formatGraphqlSection, summarizeGraphql } from './graphql/summary.js';
import { describeEnvironment, writeResults } from './results-file.js';
import { describeDelivery } from './sentry-delivery.js';
import { startSentryReceiver, type SentryReceiver } from './sentry-receiver.js';
import { runStormDecisionBench } from './storm-decision.js';
import { PLATFORMS } from './servers/variants.js';
import { evaluateTargets } from './targets.js';

/**
 * Orchestrator of `npm run bench`: the resolution micro-bench, then every
 * HTTP comparison round by round, then the GraphQL ones, then the tables,
 * the verdicts and .bench/results.json. Nothing here runs two measurements at once.
 */
async function main(): Promise<void> {
  const config = readConfig();
  const environment = describeEnvironment();
  console.log(`nestjs-error-handlers bench: ${environment.cpus} CPUs, node ${environment.nodeVersion}, ${JSON.stringify(config)}`);
  console.log(`library: ${JSON.stringify(environment.library)}`);

  console.log('Resolution micro-bench (c)...');
  const resolution = await runResolutionBench();
  console.log('Storm-control decision micro-bench...');
  const stormDecision = await runStormDecisionBench();
  console.log('Background-work micro-bench...');
  const background = await runBackgroundBench(config.rounds);
  const receiver = await startSentryReceiver();
  // This process runs autocannon: the load generator stays off the servers' core (cpu-pinning.ts).
  pinProcess(process.pid, LOAD_CPU);
  console.log(canPin() ? `HTTP servers pinned to one CPU, load generator to another` : 'taskset unavailable or one CPU: nothing pinned');
  const runs = await runHttpRounds(config, receiver).finally(() => {
    unpinProcess(process.pid);
    return receiver.stop();
  });
  const graphqlRuns = await runGraphqlRounds(config);

  const loadAverage1mAtEnd = os.loadavg()[0];
  const rows = summarizeHttp(runs);
  const nextTick = summarizeNextTick(runs);
  const idleLatency = summarizeIdleLatency(runs);
  const targets = evaluateTargets(rows, runs, resolution, stormDecision);
  const graphqlRows = summarizeGraphql(graphqlRuns);
  const graphqlSection = graphqlRows.length > 0 ? `\n\n${formatGraphqlSection(graphqlRows, config.rounds)}` : '';
  console.log(`\n${formatReport({ environment, loadAverage1mAtEnd, config, rows, nextTick, idleLatency, resolution, stormDecision, targets })}${graphqlSection}\n`);
  console.log(`${formatBackgroundSection(background)}\n`);
  const http = { summary: rows, rounds: runs, nextTick, idleLatency };
  const graphql = { summary: graphqlRows, rounds: graphqlRuns };
  const path = await writeResults({ ...environment, loadAverage1mAtEnd, config, http, graphql, resolution, stormDecision, background, targets });
  console.log(`Results written to ${path}`);
}

/**
 * Rounds are the outer loop, so every comparison is spread over the whole
 * run and a slow patch of the machine hits all of them alike.
 */
async function runHttpRounds(config: BenchConfig, receiver: SentryReceiver): Promise<PairRun[]> {
  const chosen = COMPARISONS.filter((comparison) => !config.only || config.only.includes(comparison.id));
  const runs: PairRun[] = PLATFORMS.flatMap((platform) => chosen.map((comparison) => ({ platform, comparison, samples: [] })));
  for (let round = 0; round < config.rounds; round++) {
    for (const run of runs) {
      const sample = await measurePair(run.platform, run.comparison, round, config, receiver);
      run.samples.push(sample);
      const ratios = run.comparison.routes.map((route) => `${route} ${ratio(sample, route).toFixed(3)}×`);
      const deliveries = sample.deliveries.map(describeDelivery);
      console.log(`round ${round + 1}/${config.rounds} ${run.platform} ${run.comparison.label} (${sample.first} first): ${[...ratios, ...deliveries].join(', ')}`);
    }
  }
  return runs;
}

try {
  await main();
} catch (error) {
  console.error(error);
  // Exiting (rather than setting exitCode) also ends any server still running.
  process.exit(1);
}
