/** What became of an event handed to the SDK, as far as can be told at once. */
export type HandOver = 'accepted' | 'refused' | 'failed';

/**
 * Hands one event to @sentry/node, and tells whether the SDK took it.
 *
 * @sentry/core's Client counts an event as processing (`_numProcessing`)
 * before it reads the thrown value, and takes the count back only when the
 * processing promise settles. A synchronous throw in between leaves the count
 * up for good, and every later `flush()` waits out its timeout (issue 9,
 * item 5). readable-error.ts keeps such values away; this is the second
 * line: after a throw, the count is put back where it was. The same count
 * tells a refused event: it did not move when the SDK's queue was full (the
 * refusal is synchronous) or the value had already been captured.
 * Without that field (another SDK version), nothing is repaired or told.
 */
export function handOver(client: object, capture: () => void): HandOver {
  const before = processing(client);
  try {
    capture();
  } catch {
    if (before !== undefined) (client as Counted)._numProcessing = before;
    return 'failed';
  }
  return before !== undefined && processing(client) === before ? 'refused' : 'accepted';
}

interface Counted {
  _numProcessing?: unknown;
}

function processing(client: object): number | undefined {
  const count = (client as Counted)._numProcessing;
  return typeof count === 'number' ? count : undefined;
}
