import type { LoggerService } from '@nestjs/common';
import type { SentryOutage } from './sentry-outage.js';
import { sentryBacklogMessage } from './sentry.messages.js';

/** Drops within this long after the first are one warning's number. */
const WARN_AFTER_MS = 1_000;
/** A backlog ends after this long without a drop; the next drop starts a new one, with a warning of its own. */
const QUIET_MS = 10_000;

/**
 * SPEC section 6 (issue 9, item 7): events dropped on the way are counted
 * and said. Their occurrences are carried into the next event sent, so the
 * counts Sentry receives still add up. Said at most once per backlog, a
 * second after it began, with the number dropped by then; drops while Sentry
 * is down belong to the outage, whose end says their number.
 */
export class DroppedEvents {
  private carried = 0;
  private dropped = 0;
  private lastDropAt = 0;
  private warnTimer?: NodeJS.Timeout;
  private quietTimer?: NodeJS.Timeout;
  private inBacklog = false;

  constructor(
    private readonly logger: LoggerService | undefined,
    private readonly outage: SentryOutage,
  ) {}

  /** Occurrences not yet carried by an event. */
  get pending(): number {
    return this.carried;
  }

  /** One event that stood for `occurrences` did not reach Sentry. */
  lost(occurrences: number): void {
    this.carried += occurrences;
    if (this.outage.isDown) return this.outage.noteDropped();
    this.dropped += 1;
    this.lastDropAt = Date.now();
    if (this.inBacklog) return;
    this.inBacklog = true;
    this.warnTimer = unref(setTimeout(() => this.warn(), WARN_AFTER_MS));
  }

  /** What the next event carries; counted as carried from now on. */
  take(): number {
    const carried = this.carried;
    this.carried = 0;
    return carried;
  }

  /** Shutdown: a warning still due is said now; no timer is left. */
  close(): void {
    if (this.warnTimer) this.warn();
    clearTimeout(this.quietTimer);
    this.quietTimer = undefined;
  }

  private warn(): void {
    clearTimeout(this.warnTimer);
    this.warnTimer = undefined;
    try {
      this.logger?.warn(sentryBacklogMessage(this.dropped));
    } catch {
      // A logger that throws must not turn a dropped event into a crash.
    }
    this.awaitQuiet(QUIET_MS);
  }

  private awaitQuiet(delayMs: number): void {
    this.quietTimer = unref(
      setTimeout(() => {
        const quietFor = Date.now() - this.lastDropAt;
        if (quietFor < QUIET_MS) return this.awaitQuiet(QUIET_MS - quietFor);
        this.inBacklog = false;
        this.dropped = 0;
      }, delayMs),
    );
  }
}

function unref(timer: NodeJS.Timeout): NodeJS.Timeout {
  timer.unref();
  return timer;
}
