import { Injectable } from '@nestjs/common';

/** One reported error, as an e-mail or webhook to the team would summarise it. */
export interface OutboxEntry {
  /** When it was reported (ISO 8601). */
  at: string;
  /** The final status of the response. */
  status: number;
  /** The error's class (`name`), and its causes' classes, outermost first. Never the message: it may hold internals. */
  error: string;
  /** Method and path of the failing request, without the query string (it may hold secrets). */
  request?: string;
  /** The Nest module and controller that served it. */
  module?: string;
  controller?: string;
  /** The `@ErrorHandler` (or registered function) that answered, if one did. */
  handler?: string;
  /** Background work that failed, instead of a request: `interval storage-cleanup (CleanupJob.sweep)`. */
  work?: string;
  /** Sentry's event id, to find the full event there; null when Sentry is off (no SENTRY_DSN). */
  sentryEventId: string | null;
}

/** How many entries the outbox keeps: it is a demo, not a mail queue. */
export const OUTBOX_CAPACITY = 20;

/**
 * The second destination of reported errors: an in-memory outbox standing in
 * for an ops mailbox or a chat webhook, so the sample needs no external
 * service. `GET /ops/outbox` shows it.
 */
@Injectable()
export class Outbox {
  private readonly entries: OutboxEntry[] = [];
  private received = 0;

  add(entry: OutboxEntry): void {
    this.received += 1;
    this.entries.unshift(entry);
    if (this.entries.length > OUTBOX_CAPACITY) this.entries.length = OUTBOX_CAPACITY;
  }

  /** Newest first, at most OUTBOX_CAPACITY, and how many were received in all. */
  read(): { received: number; entries: OutboxEntry[] } {
    return { received: this.received, entries: [...this.entries] };
  }
}
