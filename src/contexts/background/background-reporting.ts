import { Injectable } from '@nestjs/common';
import type { ErrorReportContext } from '../../reporting/error-reporter.js';
import { ErrorReporting } from '../../reporting/error-reporting.js';
import type { BackgroundSite } from './background-site.interface.js';
import type { BackgroundSink } from './background-wrapper.js';

/** Background work has no response: an error it raises is a 500 (SPEC section 11). */
const BACKGROUND_STATUS = 500;

/**
 * The one place background work reports and logs through: the module's
 * shared pipeline (one storm-control table, and never the same error twice,
 * with requests too). The storm-control fingerprint's site is the frozen
 * `BackgroundSite` (one per class and method) and its job, event or queue name.
 */
@Injectable()
export class BackgroundReporting implements BackgroundSink {
  /** Errors already told: a wrapped method calling another sees the same error twice. */
  private readonly told = new WeakSet<object>();

  constructor(private readonly reporting: ErrorReporting) {}

  /** Reported once, logged once; never throws (it runs inside the failing job's own catch). */
  failed(site: BackgroundSite, error: unknown, instance: unknown, args: readonly unknown[]): void {
    try {
      if (!site.isFailure(error) || this.toldBefore(error)) return;
      const { facts, summary } = site.describe({ error, instance, args });
      const context: ErrorReportContext = { status: BACKGROUND_STATUS, kind: site.kind, module: site.moduleName, facts: () => facts };
      const eventId = this.reporting.policy.report(error, BACKGROUND_STATUS, undefined, { origin: site, location: site.name }, () => context);
      this.reporting.logger.log({ error, status: BACKGROUND_STATUS, where: summary, eventId });
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
