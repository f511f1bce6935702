import type { ErrorReportContext } from '../error-reporter.js';
import { errorClassOf, Fingerprint, FingerprintTable, type ReportSite } from './fingerprints.js';
import { keepingFacts, readFacts, snapshotOf } from './summary-context.js';
import type { StormLimits } from './storm-limits.js';

/** Sends one event (a full report or a summary); must not throw. */
export type StormEmitter = (error: unknown, context: ErrorReportContext) => void;

const SECOND_MS = 1_000;
/** How long a count given back (its event lost on the way) waits before it is sent again: a Sentry that refuses is not asked at full rate. */
const RETRY_AFTER_MS = 1_000;

/**
 * SPEC section 6, storm control. Per fingerprint (error class, final status,
 * site), the first `perFingerprint` occurrences in a window are reported in
 * full; the rest are counted, and the count goes with the next event of the
 * fingerprint or with a summary at the window's end. A budget of events per
 * second bounds all fingerprints together; what it holds back is counted
 * the same way. A fingerprint never sent gets its summary as soon as the
 * budget allows, so each one is reported at least once.
 *
 * Deciding to count costs a clock read, one prototype read and five Map
 * lookups: no stack, no string, no allocation (bench/storm-decision.ts).
 */
export class StormControl {
  private readonly table: FingerprintTable;
  /** Fingerprints with a count to send, in the order they got it. */
  private readonly pending = new Set<Fingerprint>();
  /** Counts of fingerprints that could not be tracked (the table was full of unsent counts). */
  private overflow?: Fingerprint;
  private secondStart = -Infinity;
  private sentThisSecond = 0;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  /** After shutdown handed everything over: counts given back then are the reporter's to carry. */
  private sealed = false;

  constructor(
    private readonly limits: StormLimits,
    private readonly emit: StormEmitter,
    private readonly clock: () => number = Date.now,
  ) {
    this.table = new FingerprintTable(limits.maxFingerprints);
  }

  /**
   * The context to report `error` with (its `occurrences` set), or undefined
   * when it was counted instead. `context` is called only for a report, and
   * once for the first occurrence of a fingerprint.
   */
  admit(error: unknown, status: number, site: ReportSite, context: () => ErrorReportContext): ErrorReportContext | undefined {
    if (this.stopped) return { ...context(), occurrences: 1 };
    const now = this.clock();
    const errorClass = errorClassOf(error);
    const fingerprint = this.table.find(site, errorClass, status);
    if (fingerprint === undefined) return this.first(error, status, site, errorClass, now, context);
    if (now - fingerprint.windowStart >= this.limits.windowMs) startWindow(fingerprint, now);
    if (fingerprint.sentInWindow < this.limits.perFingerprint && this.takeBudget(now)) return this.full(fingerprint, context(), error);
    this.count(fingerprint, error);
    return undefined;
  }

  /** Shutdown: no more timers; later errors are reported one by one. */
  stop(): void {
    this.stopped = true;
    this.stopTimer();
  }

  /** Shutdown is over: counts given back from now on are refused (the reporter keeps them). */
  seal(): void {
    this.sealed = true;
  }

  /** Sends up to `max` pending counts as summaries, whatever the budget; how many it sent. */
  flush(max: number): number {
    // Fingerprints never sent first: if shutdown runs out of time, what is lost is only counts, which the reporter may still carry.
    const sent = this.summarizeWhere((fingerprint) => !fingerprint.everSent, max);
    return sent + this.summarizeWhere(() => true, max - sent);
  }

  private summarizeWhere(include: (fingerprint: Fingerprint) => boolean, max: number): number {
    let sent = 0;
    for (const fingerprint of this.pending) {
      if (sent >= max) break;
      if (!include(fingerprint)) continue;
      this.summarize(fingerprint, this.clock());
      sent += 1;
    }
    return sent;
  }

  /** Fingerprints with a count not yet sent (for tests and the bench). */
  get pendingFingerprints(): number {
    return this.pending.size;
  }

  private first(error: unknown, status: number, site: ReportSite, errorClass: unknown, now: number, context: () => ErrorReportContext) {
    const fingerprint = this.table.add(site, errorClass, status, now);
    if (!fingerprint) return this.untracked(error, status, now, context);
    if (this.takeBudget(now)) return this.full(fingerprint, context(), error);
    // Counted at once (the budget is spent): what the summary will say is read now, without the request.
    const built = context();
    fingerprint.snapshot = snapshotOf(built);
    fingerprint.facts = readFacts(built);
    this.count(fingerprint, error);
    return undefined;
  }

  private untracked(error: unknown, status: number, now: number, context: () => ErrorReportContext): ErrorReportContext | undefined {
    if (this.takeBudget(now)) return { ...context(), occurrences: 1 };
    const overflow = (this.overflow ??= new Fingerprint(undefined, status, now));
    overflow.status = status;
    overflow.snapshot = { status };
    this.count(overflow, error);
    return undefined;
  }

  private full(fingerprint: Fingerprint, built: ErrorReportContext, error: unknown): ErrorReportContext {
    const occurrences = 1 + fingerprint.pending;
    const first = !fingerprint.everSent;
    fingerprint.sentInWindow += 1;
    if (first) fingerprint.snapshot = snapshotOf(built);
    const facts = fingerprint.facts ? built.facts : keepingFacts(fingerprint, built.facts);
    this.settle(fingerprint);
    return { ...built, occurrences, facts, undelivered: this.giveBackTo(fingerprint, error, first) };
  }

  /** What a reporter calls when the event did not arrive; `first`: the fingerprint's first event, so it is due again at once. */
  private giveBackTo(fingerprint: Fingerprint, error: unknown, first: boolean): (occurrences: number) => boolean {
    return (occurrences) => {
      // Forgotten to make room, or the overflow: such counts are the reporter's to carry.
      if (this.sealed || !Number.isSafeInteger(occurrences) || occurrences <= 0 || !this.table.holds(fingerprint)) return false;
      if (this.stopped) {
        if (fingerprint.givenBackInShutdown) return false;
        fingerprint.givenBackInShutdown = true;
      }
      if (fingerprint.pending === 0) fingerprint.lastCounted = error;
      this.count(fingerprint, fingerprint.lastCounted, occurrences);
      if (first) fingerprint.everSent = false;
      fingerprint.retryAt = this.clock() + RETRY_AFTER_MS;
      return true;
    };
  }

  /** The skipped path: no allocation once the fingerprint has a count pending. */
  private count(fingerprint: Fingerprint, error: unknown, occurrences = 1): void {
    if (fingerprint.pending === 0) {
      this.pending.add(fingerprint);
      this.table.unsettle(fingerprint);
      this.startTimer();
    }
    fingerprint.pending += occurrences;
    fingerprint.lastCounted = error;
  }

  private settle(fingerprint: Fingerprint): void {
    fingerprint.pending = 0;
    fingerprint.lastCounted = undefined;
    fingerprint.everSent = true;
    this.pending.delete(fingerprint);
    this.table.settle(fingerprint);
  }

  private summarize(fingerprint: Fingerprint, now: number): void {
    const { lastCounted, pending: occurrences, snapshot, facts } = fingerprint;
    const first = !fingerprint.everSent;
    if (now - fingerprint.windowStart >= this.limits.windowMs) startWindow(fingerprint, now);
    this.settle(fingerprint);
    const undelivered = this.giveBackTo(fingerprint, lastCounted, first);
    this.emit(lastCounted, { ...snapshot, status: fingerprint.status, occurrences, summary: true, facts: facts && (() => facts), undelivered });
  }

  private takeBudget(now: number): boolean {
    if (now - this.secondStart >= SECOND_MS) {
      this.secondStart = now;
      this.sentThisSecond = 0;
    }
    if (this.sentThisSecond >= this.limits.maxEventsPerSecond) return false;
    this.sentThisSecond += 1;
    return true;
  }

  /** A summary is due at its window's end; one for a fingerprint never sent, or untracked ones, as soon as the budget allows. */
  private isDue(fingerprint: Fingerprint, now: number): boolean {
    if (now < fingerprint.retryAt) return false;
    return !fingerprint.everSent || !fingerprint.key || now - fingerprint.windowStart >= this.limits.windowMs;
  }

  private tick(): void {
    try {
      const now = this.clock();
      for (const fingerprint of this.pending) {
        if (!this.isDue(fingerprint, now)) continue;
        if (!this.takeBudget(now)) break;
        this.summarize(fingerprint, now);
      }
      if (this.pending.size === 0) this.stopTimer();
    } catch {
      // A timer callback that throws would reach the process; reporting never may.
    }
  }

  /** Runs only while counts are pending; never keeps the process alive. */
  private startTimer(): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => this.tick(), Math.min(SECOND_MS, this.limits.windowMs));
    this.timer.unref();
  }

  private stopTimer(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}

function startWindow(fingerprint: Fingerprint, now: number): void {
  fingerprint.windowStart = now;
  fingerprint.sentInWindow = 0;
}
