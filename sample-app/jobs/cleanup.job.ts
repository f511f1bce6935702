import { Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { CleanupLockedError } from './jobs.errors.js';

/** How often the cleanup runs. */
export const CLEANUP_EVERY_MS = 1_000;

/**
 * A scheduled job (@nestjs/schedule): every second it would sweep the
 * leftovers of interrupted uploads. It fails on demand: `failNextRun()` makes
 * the next run throw. ErrorHandlersModule reports that error (a 500, tagged
 * `schedule.kind: interval`, `schedule.name: storage-cleanup`) and logs it
 * once; the scheduler logs it too, as it always does, and goes on: the run
 * after that one is fine again.
 */
@Injectable()
export class CleanupJob {
  private failNext = false;
  runs = 0;

  failNextRun(): void {
    this.failNext = true;
  }

  @Interval('storage-cleanup', CLEANUP_EVERY_MS)
  sweep(): void {
    this.runs += 1;
    if (!this.failNext) return;
    this.failNext = false;
    throw new CleanupLockedError('the upload folder is locked by another cleanup');
  }
}
