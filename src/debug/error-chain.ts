import { readOr, truncate } from '../core/safe-error.js';
import { parseStack, type StackFrame } from './stack-frames.js';

/** One error of a cause chain, read once and safely. */
export interface ErrorLink {
  name: string;
  message: string;
  frames: StackFrame[];
}

/** Deeper chains are loops in disguise or generated; ten causes is already a lot to read. */
const MAX_LINKS = 11;
/** A message of megabytes (a dumped payload) would make the page unusable. */
const MAX_MESSAGE_CHARS = 10_000;

const UNREADABLE: ErrorLink = { name: 'an error that cannot be read', message: '', frames: [] };

/** `error`, then its `cause`, the cause's `cause`… stopping at a cycle. Never throws. */
export function errorChain(error: unknown): ErrorLink[] {
  const links: ErrorLink[] = [];
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (links.length < MAX_LINKS && !seen.has(current)) {
    seen.add(current);
    links.push(readOr(() => describe(current), UNREADABLE));
    const next = causeOf(current);
    if (!next.present) break;
    current = next.cause;
  }
  return links;
}

/**
 * A `cause` that is absent or `undefined` is no cause (SPEC section 7): Nest
 * 12's `HttpException` declares `cause` as a class field, so every instance
 * has the property. A thrown `undefined` given as cause is indistinguishable
 * from none, and rare enough to show as none.
 */
function causeOf(value: unknown): { present: boolean; cause?: unknown } {
  return readOr(() => (value instanceof Error && value.cause !== undefined ? { present: true, cause: value.cause } : { present: false }), {
    present: false,
  });
}

function describe(value: unknown): ErrorLink {
  if (!(value instanceof Error)) return { name: `thrown ${kindOf(value)}`, message: truncate(stringify(value), MAX_MESSAGE_CHARS), frames: [] };
  const name = readOr(() => String(value.name || value.constructor?.name || 'Error'), 'Error');
  const message = truncate(readOr(() => String(value.message ?? ''), ''), MAX_MESSAGE_CHARS);
  const stack = readOr(() => (typeof value.stack === 'string' ? value.stack : ''), '');
  return { name, message, frames: parseStack(stack, message) };
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  return readOr(() => (value.constructor?.name ? `${value.constructor.name} object` : 'object'), 'object');
}

function stringify(value: unknown): string {
  if (typeof value === 'function') return `function ${value.name || '(anonymous)'}`;
  if (typeof value !== 'object' || value === null) return String(value);
  return readOr(() => JSON.stringify(value) ?? String(value), '(cannot be printed)');
}
