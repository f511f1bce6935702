import { describe, expect, it } from 'vitest';
import { afterResponse, deferredWorkDone } from '../../src/reporting/sentry/after-response.js';
import { expectNoProcessFaults } from '../helpers/process-faults.js';

/** The deferral behind "the SDK builds each event after the response is written" (sentry.service.ts). */

const faults = expectNoProcessFaults();

describe('afterResponse', () => {
  it('runs the work after the current callback and its microtasks, in the order it was deferred', async () => {
    const order: string[] = [];
    afterResponse(() => order.push('first deferred'));
    afterResponse(() => order.push('second deferred'));
    await Promise.resolve().then(() => order.push('microtask'));
    order.push('rest of the callback');
    await deferredWorkDone();
    expect(order).toEqual(['microtask', 'rest of the callback', 'first deferred', 'second deferred']);
  });

  it('contains a throw: the process sees no uncaught exception, and later work still runs', async () => {
    let ranAfter = false;
    afterResponse(() => {
      throw new Error('the SDK failed');
    });
    afterResponse(() => {
      ranAfter = true;
    });
    await deferredWorkDone();
    expect(ranAfter).toBe(true);
    expect(faults).toEqual([]);
  });
});
