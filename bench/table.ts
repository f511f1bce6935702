import type { Summary } from './stats.js';

/** Left-aligned text columns, wide enough for their widest cell. */
export function formatTable(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => row[column].length)));
  const line = (cells: readonly string[]) => cells.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd();
  return [line(headers), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

/** A ratio: `1.003×`. */
export function times(value: number): string {
  return `${value.toFixed(3)}×`;
}

/** A range of ratios: `0.950–1.020×`. */
export function range(low: number, high: number): string {
  return `${low.toFixed(3)}–${high.toFixed(3)}×`;
}

/** A median rate, whole and grouped: `12,345`. */
export function requestRate(summary: Summary): string {
  return Math.round(summary.median).toLocaleString('en-US');
}

/** Nanoseconds: median (min–max). */
export function nanoseconds(summary: Summary): string {
  return `${summary.median.toFixed(1)} (${summary.min.toFixed(1)}–${summary.max.toFixed(1)})`;
}
