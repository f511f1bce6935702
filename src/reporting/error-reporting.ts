import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { MODULE_OPTIONS_TOKEN } from '../error-handlers.module-definition.js';
import type { ErrorHandlersModuleOptions } from '../interfaces/error-handlers-options.interface.js';
import { ErrorLogger } from './error-logger.js';
import { ErrorReporter } from './error-reporter.js';
import { ReportingPolicy } from './reporting-policy.js';

/**
 * The module's one reporting pipeline, shared by every context and by
 * background work: one policy (so one storm-control table and "never the
 * same error twice" across them) and one logger.
 */
@Injectable()
export class ErrorReporting implements BeforeApplicationShutdown {
  readonly policy: ReportingPolicy;
  readonly logger: ErrorLogger;

  constructor(reporter: ErrorReporter, @Inject(MODULE_OPTIONS_TOKEN) options: ErrorHandlersModuleOptions) {
    this.policy = new ReportingPolicy(reporter, options);
    this.logger = new ErrorLogger(options.logger, options.clientErrorLogLevel);
  }

  /** Storm control's pending counts go out before the reporter flushes (SentryService does in onApplicationShutdown). */
  beforeApplicationShutdown(): Promise<void> {
    return this.policy.close();
  }
}
