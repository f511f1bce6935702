import { setTimeout as delay } from 'node:timers/promises';

/** `until` for a condition that must be asked over the network: polls `check` until it resolves true. */
export async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not reached in ${timeoutMs} ms: ${what}`);
    await delay(20);
  }
}
