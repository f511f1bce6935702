import { Logger } from '@nestjs/common';

/**
 * The module's logger in bench servers. The module logs every 5xx at error
 * level with its stack: thousands of stacks a second written to the bench's
 * terminal would measure the console, not the library. So error lines are
 * dropped here, after the module has built them (that cost stays measured);
 * warnings, such as "Sentry is unreachable", still show. A `Logger`
 * subclass, so the module treats it exactly as its default Nest logger.
 */
export class QuietErrorsLogger extends Logger {
  override error(): void {}
}
