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
    links.push(attempt(() => describe(current), UNREADABLE));
    const next = causeOf(current);
    if (!next.present) break;
    current = next.cause;
  }
  return links;
}

function causeOf(value: unknown): { present: boolean; cause?: unknown } {
  return attempt(() => (value instanceof Error && 'cause' in value ? { present: true, cause: value.cause } : { present: false }), {
    present: false,
  });
}

function describe(value: unknown): ErrorLink {
  if (!(value instanceof Error)) return { name: `thrown ${kindOf(value)}`, message: shorten(stringify(value)), frames: [] };
  const name = attempt(() => String(value.name || value.constructor?.name || 'Error'), 'Error');
  const message = shorten(attempt(() => String(value.message ?? ''), ''));
  const stack = attempt(() => (typeof value.stack === 'string' ? value.stack : ''), '');
  return { name, message, frames: parseStack(stack, message) };
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  return attempt(() => (value.constructor?.name ? `${value.constructor.name} object` : 'object'), 'object');
}

function stringify(value: unknown): string {
  if (typeof value === 'function') return `function ${value.name || '(anonymous)'}`;
  if (typeof value !== 'object' || value === null) return String(value);
  return attempt(() => JSON.stringify(value) ?? String(value), '(cannot be printed)');
}

function shorten(text: string): string {
  return text.length > MAX_MESSAGE_CHARS ? `${text.slice(0, MAX_MESSAGE_CHARS)}… (${text.length} characters)` : text;
}

/** Thrown values may be Proxies or have throwing getters: every read is guarded. */
function attempt<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}
