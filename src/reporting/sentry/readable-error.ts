/**
 * Why this exists: @sentry/node reads a thrown value synchronously when it
 * starts building the event, after it has counted the event as pending. If
 * that read throws (a Symbol in a template literal, a revoked Proxy, getters
 * that throw), the count is never taken back and every later flush waits out
 * its whole timeout (issue 9, item 5). And what it cannot read it cannot
 * show. So the SDK only ever gets an Error or a plain object whose every
 * read was tried here first, or a value it turns into text safely; anything
 * else is reported as a `ThrownValue` stand-in that says what was thrown.
 */
export function readableOrStandIn(thrown: unknown): unknown {
  try {
    return readable(thrown);
  } catch {
    return new UnreadableThrownValue();
  }
}

/** Longest text of a thrown value the event carries; Sentry itself cuts a message at 8 KB. */
export const MAX_THROWN_TEXT = 8_192;

/** What was thrown when it was not an Error the SDK can read. */
export class ThrownValue extends Error {
  override readonly name = 'ThrownValue';
}

export class UnreadableThrownValue extends Error {
  override readonly name = 'UnreadableThrownValue';

  constructor() {
    super('A value was thrown whose properties throw when read (e.g. a hostile or revoked Proxy, or getters); it cannot be described.');
  }
}

function readable(thrown: unknown): unknown {
  switch (typeof thrown) {
    case 'string':
      return thrown.length <= MAX_THROWN_TEXT ? thrown : new ThrownValue(`A string was thrown (${thrown.length} characters): ${cut(thrown)}`);
    case 'number':
    case 'boolean':
    case 'undefined':
      return thrown;
    case 'bigint':
      return new ThrownValue(`A bigint was thrown: ${cut(String(thrown))}n`);
    case 'symbol':
      // String() is the one conversion a Symbol allows; a template literal throws.
      return new ThrownValue(`A symbol was thrown: ${cut(String(thrown))}`);
    case 'function':
      return new ThrownValue(`A function was thrown: ${cut(functionName(thrown as object))}`);
  }
  if (thrown === null) return thrown;
  return readableObject(thrown as object);
}

function readableObject(value: object): unknown {
  // Throws for a revoked Proxy: the stand-in for unreadable values takes over.
  const tag = Object.prototype.toString.call(value);
  if (value instanceof Error || tag === '[object Error]') return readableError(value as Error);
  if (tag === '[object Object]') {
    readEveryOwnValue(value);
    return value;
  }
  // Arrays, Maps, Dates, Promises…: the SDK would turn them into text with their own toString.
  return new ThrownValue(`A value that is not an Error was thrown: ${tag.slice(8, -1)}`);
}

/** What the SDK reads of an error before its first await: name, message, stack, constructor, two marker properties. */
function readableError(error: Error): Error {
  const { name, message, stack, constructor } = error;
  void [constructor, '__sentry_fetch_url_host__' in error, (error as { __sentry_captured__?: unknown }).__sentry_captured__];
  if (typeof message === 'string' && message.length > MAX_THROWN_TEXT) return shortened(name, message, stack);
  return error;
}

/** The same error with its message cut, and the stack's frames kept. */
function shortened(name: unknown, message: string, stack: unknown): Error {
  const standIn = new ThrownValue(cut(message));
  const typeName = typeof name === 'string' ? name : 'Error';
  Object.defineProperty(standIn, 'name', { value: typeName });
  const frames = typeof stack === 'string' ? stack.indexOf('\n    at ') : -1;
  standIn.stack = `${typeName}: ${standIn.message}${frames >= 0 ? (stack as string).slice(frames) : ''}`;
  return standIn;
}

/** The SDK looks for an Error among a plain object's own values, and describes it by its keys. */
function readEveryOwnValue(value: object): void {
  Object.keys(value);
  const { name, message } = value as Record<string, unknown>;
  void [name, message, 'name' in value, 'message' in value];
  for (const key in value) {
    if (Object.prototype.hasOwnProperty.call(value, key)) void Object.prototype.toString.call((value as Record<string, unknown>)[key]);
  }
}

function functionName(fn: object): string {
  const name = Object.getOwnPropertyDescriptor(fn, 'name')?.value;
  return typeof name === 'string' && name.length > 0 ? name : '(anonymous)';
}

function cut(text: string): string {
  return text.length <= MAX_THROWN_TEXT ? text : `${text.slice(0, MAX_THROWN_TEXT)}…`;
}

/**
 * The SDK refuses an error object it has captured before (it marks it
 * `__sentry_captured__`). Storm control sends such an error again when its
 * first event was lost on the way: a twin with the same class name, message,
 * stack and cause goes instead, which Sentry files under the same issue.
 * `value` has been through readableOrStandIn: reading it does not throw.
 */
export function capturableAgain(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || !(value as { __sentry_captured__?: unknown }).__sentry_captured__) return value;
  if (!(value instanceof Error)) return { ...value };
  const twin = new Error(value.message, 'cause' in value ? { cause: value.cause } : undefined);
  Object.defineProperty(twin, 'name', { value: value.name, configurable: true, writable: true });
  twin.stack = value.stack;
  return twin;
}
