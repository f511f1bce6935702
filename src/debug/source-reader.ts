import { readFileSync, statSync } from 'node:fs';
import { relative } from 'node:path';
import { appFilePath } from './app-files.js';
import type { StackFrame } from './stack-frames.js';

/** Source lines around a frame's line, as the debug page shows them. */
export interface SourceExcerpt {
  /** 1-based number of `lines[0]`. */
  firstLine: number;
  lines: string[];
  /** 1-based number of the frame's own line. */
  line: number;
  /** The file, relative to the app's root. */
  file: string;
}

/** Bigger files are generated or bundled: not worth showing, and slow to read on every error. */
const MAX_FILE_BYTES = 1_000_000;
/** Minified code has lines of kilobytes; the page shows a window around the column instead. */
const MAX_LINE_CHARS = 200;
const MAX_CACHED_FILES = 100;

/**
 * Reads the app's source files for the debug page, synchronously: this runs
 * only in debug mode, in development, where simplicity beats throughput.
 * Files are cached (a few, oldest dropped first); a file that cannot be read
 * is remembered as such.
 */
export class SourceReader {
  private readonly cache = new Map<string, string[] | null>();

  constructor(
    private readonly contextLines: number,
    private readonly root: string,
  ) {}

  /** The lines around a frame of the app's own code; nothing for dependencies and Node internals. */
  excerpt(frame: StackFrame): SourceExcerpt | undefined {
    const file = frame.location ? appFilePath(frame.location, this.root) : undefined;
    if (!file || !frame.line) return undefined;
    const { line, column = 1 } = frame;
    const lines = this.linesOf(file);
    if (!lines || line < 1 || line > lines.length) return undefined;
    const first = Math.max(1, line - this.contextLines);
    const last = Math.min(lines.length, line + this.contextLines);
    const window = lines.slice(first - 1, last).map((text) => clip(text, column));
    return { firstLine: first, lines: window, line, file: relative(this.root, file) };
  }

  private linesOf(file: string): string[] | null {
    if (this.cache.has(file)) return this.cache.get(file) ?? null;
    const lines = readLines(file);
    if (this.cache.size >= MAX_CACHED_FILES) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(file, lines);
    return lines;
  }
}

function readLines(file: string): string[] | null {
  try {
    if (statSync(file).size > MAX_FILE_BYTES) return null;
    return readFileSync(file, 'utf8').split(/\r?\n/);
  } catch {
    return null;
  }
}

/** A long line shown as a window around the column, so a minified bundle stays readable. */
function clip(text: string, column: number): string {
  if (text.length <= MAX_LINE_CHARS) return text;
  const start = Math.max(0, Math.min(column - 1 - MAX_LINE_CHARS / 2, text.length - MAX_LINE_CHARS));
  const end = start + MAX_LINE_CHARS;
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}
