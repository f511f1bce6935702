/** Reading an arbitrary thrown value without ever throwing (getters, Proxies, huge strings). */

const MAX_DESCRIPTION = 2_000;

export function safeDescribe(error: unknown): string {
  try {
    if (error instanceof Error) return truncate(`${errorName(error)}: ${error.message}`);
    if (typeof error === 'string') return truncate(error);
    return truncate(`thrown ${error === null ? 'null' : typeof error}`);
  } catch {
    return 'an error that cannot be read';
  }
}

/** `error.name`, or its class's name when the class left the inherited `Error` (most domain errors do). */
function errorName(error: Error): string {
  const className = error.constructor?.name;
  return error.name && (error.name !== 'Error' || !className) ? error.name : className;
}

export function safeStack(error: unknown): string | undefined {
  try {
    return error instanceof Error && typeof error.stack === 'string' ? error.stack : undefined;
  } catch {
    return undefined;
  }
}

/** `text`, cut to `max` characters with a note of its real length. */
export function truncate(text: string, max = MAX_DESCRIPTION): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;
}

/** `read()`, or `fallback` if reading throws (a getter, a hostile Proxy). */
export function readOr<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}
