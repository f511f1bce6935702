import { Controller, Get } from '@nestjs/common';
import { Outbox } from './outbox.js';

/** Backups by volume, as a status page would read them. The disk has never been backed up. */
const LAST_BACKUPS = new Map<string, { finishedAt: string }>([['shares', { finishedAt: '2026-01-04T03:00:00.000Z' }]]);

@Controller('ops')
export class OpsController {
  constructor(private readonly outbox: Outbox) {}

  /**
   * What OutboxReporter received: the 5xx errors of this run, newest first.
   * A stand-in for the ops mailbox, so it shows no messages or stacks; in a
   * real app such a route would sit behind authentication anyway.
   */
  @Get('outbox')
  read() {
    return this.outbox.read();
  }

  /**
   * A bug on purpose: the missing entry is not checked, so this throws a
   * TypeError. OpsModule has no handlers, so the app-level 500 handler answers;
   * in debug mode (which leaves that handler out) the module's debug response
   * does: the `debug` field in JSON, the traceback page in a browser.
   */
  @Get('crash')
  crash() {
    return { volume: 'disk', finishedAt: LAST_BACKUPS.get('disk')!.finishedAt };
  }
}
