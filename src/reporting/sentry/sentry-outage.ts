import type { LoggerService } from '@nestjs/common';
import { sentryReachableAgainMessage, sentryUnreachableMessage } from './sentry.messages.js';

/**
 * Turns the outcome of every send into at most one warning per outage: the
 * first failure warns, later ones are silent until a send succeeds, which
 * ends the outage (and says so, at log level). One warning per event would
 * bury the app's own logs exactly when Sentry is down and errors pile up.
 */
export class SentryOutage {
  private down = false;
  private droppedWhileDown = 0;

  constructor(private readonly logger: LoggerService | undefined) {}

  get isDown(): boolean {
    return this.down;
  }

  failed(reason: string): void {
    if (this.down) return;
    this.down = true;
    this.droppedWhileDown = 0;
    this.say(() => this.logger?.warn(sentryUnreachableMessage(reason)));
  }

  succeeded(): void {
    if (!this.down) return;
    this.down = false;
    this.say(() => this.logger?.log(sentryReachableAgainMessage(this.droppedWhileDown)));
  }

  /** An event lost during the outage: said when it ends, rather than in a warning of its own. */
  noteDropped(): void {
    this.droppedWhileDown += 1;
  }

  private say(write: () => void): void {
    try {
      write();
    } catch {
      // A logger that throws must not turn a failed send into a crash.
    }
  }
}
