import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, expect } from 'vitest';
import { recordProcessFaults, type FaultRecorder } from './fault-recorder.js';

/**
 * Fails the file if anything it ran left an unhandled rejection or an
 * uncaught exception behind: "the process lives" must be observed, not assumed.
 * Returns the live list, so a test can take out (and check) its own faults.
 */
export function expectNoProcessFaults(): string[] {
  const faults: string[] = [];
  let recorder: FaultRecorder | undefined;
  beforeAll(() => {
    recorder = recordProcessFaults(faults);
  });
  afterAll(async () => {
    // Late rejections of the last test surface on the next turns of the event loop.
    await delay(50);
    recorder?.stop();
    expect(faults).toEqual([]);
  });
  return faults;
}
