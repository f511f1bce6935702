import type { BenchConfig } from './config.js';
import type { HttpRow, IdleLatencyRow, NextTickRow } from './http-summary.js';
import type { Environment } from './results-file.js';
import type { ResolutionModeResult, ResolutionResults } from './resolution/results.js';
import type { StormDecisionResults } from './storm-decision/results.js';
import type { Summary } from './stats.js';
import { formatTable, nanoseconds, range, requestRate, times } from './table.js';
import type { TargetOutcome } from './targets.js';

export interface ReportInput {
  environment: Environment;
  loadAverage1mAtEnd: number;
  config: BenchConfig;
  rows: readonly HttpRow[];
  nextTick: readonly NextTickRow[];
  idleLatency: readonly IdleLatencyRow[];
  resolution: ResolutionResults;
  stormDecision: StormDecisionResults;
  targets: readonly TargetOutcome[];
}

export function formatReport(input: ReportInput): string {
  const { environment, loadAverage1mAtEnd, config, rows, nextTick, idleLatency, resolution, stormDecision, targets } = input;
  return [
    machineLine(environment, loadAverage1mAtEnd),
    httpSection(config, rows),
    idleLatencySection(idleLatency),
    nextTickSection(nextTick),
    resolutionSection(resolution),
    stormDecisionSection(stormDecision),
    targetSection(targets),
  ].join('\n\n');
}

function machineLine(environment: Environment, loadAverage1mAtEnd: number): string {
  const memory = `${(environment.totalMemoryBytes / 2 ** 30).toFixed(1)} GiB`;
  const load = `load average (1 min) ${environment.loadAverage1mAtStart.toFixed(2)} at start, ${loadAverage1mAtEnd.toFixed(2)} at end`;
  return `${environment.date} · ${environment.cpus} × ${environment.cpuModel} · ${memory} · node ${environment.nodeVersion} · ${environment.os}\n${load}`;
}

function httpSection(config: BenchConfig, rows: readonly HttpRow[]): string {
  const title =
    `HTTP throughput: ratio = variant req/s ÷ baseline req/s, one fresh process pair per round, both alive, ` +
    `each route measured in ${config.slices} slices per side alternating A B B A\n` +
    `(${config.rounds} rounds × ${config.durationSeconds} s measured after ${config.warmupSeconds} s warm-up per route, ` +
    `${config.connections} connections, pipelining ${config.pipelining}, 127.0.0.1)\n` +
    `CPU ratio = baseline server CPU µs per request ÷ variant's (same direction: ≥ 1 means the variant costs no more); ` +
    `it moves less than req/s when other processes share the cores`;
  const table = formatTable(
    ['platform', 'route', 'comparison', 'median', 'min–max', 'IQR', 'variant req/s', 'baseline req/s', 'CPU ratio median (min–max)'],
    rows.map((row) => [
      row.platform,
      row.route,
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

function idleLatencySection(rows: readonly IdleLatencyRow[]): string {
  const title =
    'Latency on an idle server: one keep-alive connection, one request at a time, 4 ms apart, timed by the client; ' +
    'ms, median over rounds (min–max)';
  const milliseconds = (summary: Summary) => `${summary.median.toFixed(3)} (${summary.min.toFixed(3)}–${summary.max.toFixed(3)})`;
  const table = formatTable(
    ['platform', 'comparison', 'variant p50', 'baseline p50', 'added to p50', 'variant p90', 'baseline p90'],
    rows.map((row) => [
      row.platform,
      row.comparison.label,
      milliseconds(row.variantP50),
      milliseconds(row.baselineP50),
      milliseconds(row.addedP50),
      milliseconds(row.variantP90),
      milliseconds(row.baselineP90),
    ]),
  );
  return `${title}\n${table}`;
}

function nextTickSection(rows: readonly NextTickRow[]): string {
  const title = 'process.nextTick in each server after its load (scheduled and run), ns: median (min–max) over its processes';
  const table = formatTable(
    ['platform', 'server', 'processes', 'ns per nextTick'],
    rows.map((row) => [row.platform, row.variant, String(row.nanoseconds.n), nanoseconds(row.nanoseconds)]),
  );
  return `${title}\n${table}`;
}

function resolutionSection(results: ResolutionResults): string {
  const title =
    `ScopeChain.resolve (built dist/): leaf of a ${results.hierarchyLevels}-level hierarchy, handler on its root; ` +
    `${results.samples} samples, median ns/op (min–max)`;
  const few = `${results.fewHandlers} handlers`;
  const many = `${results.manyHandlers.toLocaleString('en-US')} handlers`;
  const row = (name: string, mode: ResolutionModeResult) => [
    name,
    nanoseconds(mode.fewNsPerOp),
    nanoseconds(mode.manyNsPerOp),
    `${times(mode.ratio.median)} (${range(mode.ratio.min, mode.ratio.max)})`,
  ];
  const table = formatTable(['lookup', few, many, 'ratio many ÷ few'], [row('cached (hot)', results.cached), row('uncached', results.uncached)]);
  return `${title}\n${table}`;
}

function stormDecisionSection(results: StormDecisionResults): string {
  return (
    `StormControl.admit deciding to count (built dist/): a fingerprint whose budget is spent, default limits; ` +
    `${results.samples} samples of ${results.iterationsPerSample.toLocaleString('en-US')}, ns/op median (min–max): ${nanoseconds(results.countedNsPerOp)}`
  );
}

function targetSection(targets: readonly TargetOutcome[]): string {
  const table = formatTable(
    ['target', 'what', 'goal', 'measured', 'result'],
    targets.map((target) => [target.id, target.description, target.goal, target.measured, `${target.met ? 'met' : 'NOT MET'}${target.note ? ` (${target.note})` : ''}`]),
  );
  return `Targets\n${table}`;
}
