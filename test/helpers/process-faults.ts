import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, expect } from 'vitest';

function describeFault(value: unknown): string {
  try {
    return value instanceof Error ? `${value.name}: ${value.message}` : String(value);
  } catch {
    return '<a value that throws when inspected>';
  }
}

/**
 * Fails the file if anything it ran left an unhandled rejection or an
 * uncaught exception behind: "the process lives" must be observed, not assumed.
 * Returns the live list, so a test can take out (and check) its own faults.
 */
export function expectNoProcessFaults(): string[] {
  const faults: string[] = [];
  const onUnhandledRejection = (reason: unknown) => faults.push(`unhandledRejection: ${describeFault(reason)}`);
  const onUncaughtException = (error: unknown) => faults.push(`uncaughtException: ${describeFault(error)}`);
  beforeAll(() => {
    process.on('unhandledRejection', onUnhandledRejection);
    process.on('uncaughtException', onUncaughtException);
  });
  afterAll(async () => {
    // Late rejections of the last test surface on the next turns of the event loop.
    await delay(50);
    process.off('unhandledRejection', onUnhandledRejection);
    process.off('uncaughtException', onUncaughtException);
    expect(faults).toEqual([]);
  });
  return faults;
}
