import { Inject, Injectable, Logger, type LoggerService } from '@nestjs/common';
import { MODULE_OPTIONS_TOKEN } from '../../error-handlers.module-definition.js';
import type { ErrorHandlersModuleOptions } from '../../interfaces/error-handlers-options.interface.js';
import { ErrorReporter, type ErrorReportContext } from '../../reporting/error-reporter.js';
import { ReportingPolicy } from '../../reporting/reporting-policy.js';
import { safeDescribe, safeStack } from '../../core/safe-error.js';
import type { BackgroundSite } from './background-site.interface.js';
import type { BackgroundSink } from './background-wrapper.js';
import { backgroundFailedMessage } from './background.messages.js';

/** Background work has no response: an error it raises is a 500 (SPEC section 11). */
const BACKGROUND_STATUS = 500;

/**
 * The one place background work reports and logs through. For now it builds
 * its own ReportingPolicy and logger from the module's options and reporter,
 * as the HTTP filter does; the shared instances (and storm control's `site`)
 * replace them here and nowhere else.
 */
@Injectable()
export class BackgroundReporting implements BackgroundSink {
  private readonly policy: ReportingPolicy;
  private readonly logger: LoggerService | undefined;
  /** Errors already told: a wrapped method calling another sees the same error twice. */
  private readonly told = new WeakSet<object>();

  constructor(@Inject(ErrorReporter) reporter: ErrorReporter, @Inject(MODULE_OPTIONS_TOKEN) options: ErrorHandlersModuleOptions) {
    this.policy = new ReportingPolicy(reporter, options);
    this.logger = options.logger === false ? undefined : (options.logger ?? new Logger('ErrorHandlers'));
  }

  /** Reported once, logged once; never throws (it runs inside the failing job's own catch). */
  failed(site: BackgroundSite, error: unknown, instance: unknown, args: readonly unknown[]): void {
    try {
      if (!site.isFailure(error) || this.toldBefore(error)) return;
      const { facts, summary } = site.describe({ error, instance, args });
      const context: ErrorReportContext = { status: BACKGROUND_STATUS, kind: site.kind, module: site.moduleName, facts: () => facts };
      const eventId = this.policy.report(error, BACKGROUND_STATUS, undefined, () => context);
      this.logger?.error(backgroundFailedMessage(summary, safeDescribe(error), eventId), safeStack(error));
    } catch {
      // Reporting and logging never change what the job does with its error.
    }
  }

  private toldBefore(error: unknown): boolean {
    if (error === null || (typeof error !== 'object' && typeof error !== 'function')) return false;
    if (this.told.has(error)) return true;
    this.told.add(error);
    return false;
  }
}
