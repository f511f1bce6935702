import { setTimeout as delay } from 'node:timers/promises';

/** Polls `condition` until it holds; rejects, naming `what`, once `timeoutMs` has passed. */
export async function until(condition: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not reached in ${timeoutMs} ms: ${what}`);
    await delay(10);
  }
}
