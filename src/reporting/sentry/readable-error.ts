/**
 * Why this exists: @sentry/node reads a thrown value's properties
 * synchronously when it starts building the event, after it has counted the
 * event as pending. If that read throws (a Proxy whose traps throw, an error
 * whose getters throw), the count is never taken back, and every later flush
 * — the one on shutdown included — waits out its whole timeout. So a value
 * that cannot be read is reported as a stand-in error that says so.
 */
export function readableOrStandIn(thrown: unknown): unknown {
  try {
    readTheWaySentryDoes(thrown);
    return thrown;
  } catch {
    return new UnreadableThrownValue();
  }
}

export class UnreadableThrownValue extends Error {
  override readonly name = 'UnreadableThrownValue';

  constructor() {
    super('A value was thrown whose properties throw when read (e.g. a hostile Proxy or getters); it cannot be described.');
  }
}

function readTheWaySentryDoes(value: unknown): void {
  Object.prototype.toString.call(value);
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return;
  Object.keys(value);
  const { name, message, stack, constructor } = value as Record<string, unknown>;
  void [name, message, stack, constructor];
}
