import { formatTable, nanoseconds, range, times } from '../table.js';
import type { BackgroundBody, BackgroundResults, BackgroundRow } from './results.js';

/** SPEC section 9 / issue 14: a background job that does not throw pays nothing measurable. */
export const BACKGROUND_GOAL = 0.99;

export function formatBackgroundSection(results: BackgroundResults): string {
  const title =
    `Background work: the tick @nestjs/schedule runs for an @Interval, awaited in a loop; ratio = baseline ns/call ÷ variant ns/call ` +
    `(throughput variant ÷ baseline), CPU time of the process (wall time beside it); both sides in one fresh process per round, ` +
    `timed in alternation (ABBA), the process's median ratio over 30 pairs; ${results.rounds} rounds: median (min–max), IQR; ` +
    `ns/call: median (min–max) over rounds`;
  const table = formatTable(
    ['comparison', 'body', 'CPU ratio', 'min–max', 'IQR', 'variant CPU ns', 'baseline CPU ns', 'wall ratio (min–max)'],
    results.rows.map((row) => [
      row.comparison,
      row.body,
      times(row.cpuRatio.median),
      range(row.cpuRatio.min, row.cpuRatio.max),
      range(row.cpuRatio.q1, row.cpuRatio.q3),
      nanoseconds(row.variantCpuNsPerCall),
      nanoseconds(row.baselineCpuNsPerCall),
      `${times(row.wallRatio.median)} (${range(row.wallRatio.min, row.wallRatio.max)})`,
    ]),
  );
  return `${title}\n${table}\n${verdict(results)}`;
}

/**
 * The goal is read on the `logged` body, the @Interval of Nest's docs; the
 * `sync` row shows the worst case (a body that does next to nothing), and the
 * async rows what an async method adds.
 */
export function backgroundVerdict(results: BackgroundResults, body: BackgroundBody = 'logged'): { met: boolean; measured: number; noise: number } {
  const wrapped = findRow(results, 'module-vs-bare', body);
  const aa = findRow(results, 'a-a', body);
  const measured = wrapped.cpuRatio.median;
  return { met: measured >= BACKGROUND_GOAL, measured, noise: Math.max(1 - aa.cpuRatio.min, aa.cpuRatio.max - 1) };
}

function verdict(results: BackgroundResults): string {
  return (['logged', 'sync'] as const)
    .map((body) => {
      const { met, measured, noise } = backgroundVerdict(results, body);
      const close = Math.abs(measured - BACKGROUND_GOAL) < noise ? ` (within the A/A spread of ±${noise.toFixed(3)})` : '';
      const what = body === 'logged' ? 'the docs-shaped @Interval (a Logger.debug line)' : 'the worst case (a body that does next to nothing)';
      return `Target: ${body} tick, ${what}, module ÷ bare (CPU) ≥ ${BACKGROUND_GOAL}×: ${times(measured)}, ${met ? 'met' : 'NOT MET'}${close}`;
    })
    .join('\n');
}

function findRow(results: BackgroundResults, comparison: BackgroundRow['comparison'], body: BackgroundBody): BackgroundRow {
  const row = results.rows.find((candidate) => candidate.comparison === comparison && candidate.body === body);
  if (!row) throw new Error(`No ${comparison} row for the ${body} body`);
  return row;
}
