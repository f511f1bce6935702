/** Reading an arbitrary thrown value without ever throwing (getters, Proxies, huge strings). */

const MAX_DESCRIPTION = 2_000;

export function safeDescribe(error: unknown): string {
  try {
    if (error instanceof Error) return truncate(`${error.name}: ${error.message}`);
    if (typeof error === 'string') return truncate(error);
    return truncate(`thrown ${error === null ? 'null' : typeof error}`);
  } catch {
    return 'an error that cannot be read';
  }
}

export function safeStack(error: unknown): string | undefined {
  try {
    return error instanceof Error && typeof error.stack === 'string' ? error.stack : undefined;
  } catch {
    return undefined;
  }
}

function truncate(text: string): string {
  return text.length > MAX_DESCRIPTION ? `${text.slice(0, MAX_DESCRIPTION)}… (${text.length} characters)` : text;
}
