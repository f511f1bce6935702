import { afterEach, describe, expect, it } from 'vitest';
import type { ErrorReportContext } from 'nestjs-error-handlers';
import { StormControl } from '../src/reporting/storm/storm-control.js';
import { stormLimits } from '../src/reporting/storm/storm-limits.js';
import type { ReportSite } from '../src/reporting/storm/fingerprints.js';

/** The rules of storm control one by one, on a clock the test moves. */

const SITE_A: ReportSite = { origin: Object.freeze({ controller: 'A' }), location: '/a', variant: 'GET' };
const SITE_B: ReportSite = { origin: Object.freeze({ controller: 'B' }) };
class ErrorOne extends Error {}
class ErrorTwo extends Error {}

describe('storm control, rule by rule', () => {
  let now = 0;
  const emitted: Array<{ error: unknown; context: ErrorReportContext }> = [];
  let storm: StormControl | undefined;
  afterEach(() => {
    storm?.stop();
    emitted.length = 0;
    now = 0;
  });

  function control(options: Parameters<typeof stormLimits>[0]): StormControl {
    storm = new StormControl(stormLimits(options), (error, context) => emitted.push({ error, context }), () => now);
    return storm;
  }

  const admit = (error: unknown, site = SITE_A, status = 500) =>
    storm!.admit(error, status, site, () => ({ status, controller: 'A', host: undefined, facts: () => ({ tags: { t: 'v' }, request: { method: 'GET', url: 'u', query: [], headers: {} } }) }));

  it('the next event of a fingerprint carries what was counted since the previous one', () => {
    control({ perFingerprint: 1, windowMs: 1000, maxEventsPerSecond: false });
    expect(admit(new ErrorOne())?.occurrences).toBe(1);
    expect(admit(new ErrorOne())).toBeUndefined();
    expect(admit(new ErrorOne())).toBeUndefined();
    now = 1000;
    expect(admit(new ErrorOne())?.occurrences).toBe(3);
    expect(emitted).toEqual([]);
  });

  it('a fingerprint is (class, status, site): each differs', () => {
    control({ perFingerprint: 1, maxEventsPerSecond: false });
    expect(admit(new ErrorOne())?.occurrences).toBe(1);
    expect(admit(new ErrorTwo())?.occurrences).toBe(1);
    expect(admit(new ErrorOne(), SITE_A, 503)?.occurrences).toBe(1);
    expect(admit(new ErrorOne(), SITE_B)?.occurrences).toBe(1);
    expect(admit(new ErrorOne(), { ...SITE_A, variant: 'POST' })?.occurrences).toBe(1);
    expect(admit(new ErrorOne(), { ...SITE_A })).toBeUndefined();
    expect(admit(Symbol('s'))?.occurrences).toBe(1);
    expect(admit(Object.create(null))?.occurrences).toBe(1);
  });

  it('a summary carries the facts of an earlier report without its request, and the last error counted', () => {
    control({ perFingerprint: 1, maxEventsPerSecond: false });
    admit(new ErrorOne('first'))!.facts!();
    const last = new ErrorOne('last');
    admit(new ErrorOne('counted'));
    admit(last);
    expect(storm!.flush(10)).toBe(1);
    expect(emitted).toHaveLength(1);
    expect(emitted[0]!.error).toBe(last);
    expect(emitted[0]!.context).toMatchObject({ status: 500, controller: 'A', occurrences: 2, summary: true });
    expect(emitted[0]!.context.facts!()).toEqual({ tags: { t: 'v' }, contexts: undefined, transaction: undefined });
    expect(emitted[0]!.context).not.toHaveProperty('host');
  });

  it('the table forgets only fingerprints whose counts were sent; what it cannot track is counted apart, never lost', () => {
    control({ perFingerprint: 1, maxEventsPerSecond: 2, maxFingerprints: 2 });
    const classes = Array.from({ length: 6 }, () => class extends Error {});
    expect(admit(new classes[0]!())?.occurrences).toBe(1);
    expect(admit(new classes[1]!())?.occurrences).toBe(1);
    // Budget spent: the third and fourth each take the place of a settled one and are counted;
    // the fifth and sixth find none settled: counted apart, in the overflow.
    expect(admit(new classes[2]!())).toBeUndefined();
    expect(admit(new classes[3]!())).toBeUndefined();
    expect(admit(new classes[4]!())).toBeUndefined();
    expect(admit(new classes[5]!(), SITE_A, 503)).toBeUndefined();
    expect(storm!.pendingFingerprints).toBe(3);
    expect(storm!.flush(Infinity)).toBe(3);
    expect(emitted.map(({ context }) => [context.occurrences, context.status, context.summary])).toEqual([
      [1, 500, true],
      [1, 500, true],
      [2, 503, true],
    ]);
  });

  it('an event lost on the way gives its count back to its fingerprint: a later event of it carries the count; after shutdown it is refused', () => {
    control({ perFingerprint: 1, windowMs: 1000, maxEventsPerSecond: false });
    const lost = new ErrorOne('lost');
    const first = admit(lost)!;
    expect(first.undelivered!(first.occurrences!)).toBe(true);
    expect(admit(new ErrorOne('counted'))).toBeUndefined();
    now = 1000;
    // The new window's first event stands for the lost one, the counted one and itself.
    const next = admit(new ErrorOne('next'))!;
    expect(next.occurrences).toBe(3);

    // A fingerprint whose only event was lost is due again: on shutdown, its summary reports the lost error itself.
    const only = new ErrorTwo('only');
    const sent = admit(only)!;
    expect(sent.undelivered!(1)).toBe(true);
    storm!.stop();
    expect(storm!.flush(10)).toBe(1);
    expect(emitted).toHaveLength(1);
    expect(emitted[0]!.error).toBe(only);
    expect(emitted[0]!.context).toMatchObject({ occurrences: 1, summary: true });

    // Once shutdown has handed everything over, a count given back is the reporter's to keep.
    storm!.seal();
    expect(emitted[0]!.context.undelivered!(1)).toBe(false);
    expect(next.undelivered!(3)).toBe(false);
    expect(storm!.flush(10)).toBe(0);
  });

  it('a count given back must be a positive whole number', () => {
    control({ perFingerprint: 1, maxEventsPerSecond: false });
    const first = admit(new ErrorOne())!;
    for (const bad of [0, -1, 1.5, NaN, Infinity]) expect(first.undelivered!(bad), String(bad)).toBe(false);
    expect(storm!.pendingFingerprints).toBe(0);
  });

  it('the global budget renews each second', () => {
    control({ perFingerprint: false, maxEventsPerSecond: 2 });
    expect([admit(new ErrorOne()), admit(new ErrorOne()), admit(new ErrorOne())].map((c) => c?.occurrences)).toEqual([1, 1, undefined]);
    now = 999;
    expect(admit(new ErrorOne())).toBeUndefined();
    now = 1000;
    expect(admit(new ErrorOne())?.occurrences).toBe(3);
  });

  it('once stopped (shutdown), every error is reported on its own', () => {
    control({ perFingerprint: 1 });
    admit(new ErrorOne());
    storm!.stop();
    expect(admit(new ErrorOne())?.occurrences).toBe(1);
    expect(admit(new ErrorOne())?.occurrences).toBe(1);
  });
});
