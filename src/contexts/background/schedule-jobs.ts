import type { BackgroundFailure, BackgroundSite, SiteOwner } from './background-site.interface.js';
import { nestTags, whereOf } from './background-facts.js';
import { SCHEDULE_CRON_OPTIONS_METADATA, SCHEDULER_NAME_METADATA, SCHEDULER_TYPE_METADATA, SCHEDULER_TYPES } from './background.constants.js';
import { scheduledJobSummary } from './background.messages.js';

/**
 * `@Cron`, `@Interval` and `@Timeout` (@nestjs/schedule) on `method`: the
 * scheduler calls it from its own try/catch, which logs the error and goes on
 * scheduling; the wrapper changes none of that.
 */
export function scheduleSite(method: Function, owner: SiteOwner): BackgroundSite | undefined {
  const type = SCHEDULER_TYPES[Reflect.getMetadata(SCHEDULER_TYPE_METADATA, method) as number];
  if (!type) return undefined;
  const declaredName: unknown = Reflect.getMetadata(SCHEDULER_NAME_METADATA, method);
  // Unnamed jobs get a random name from the scheduler at every start: the method names them better.
  const name = typeof declaredName === 'string' && declaredName !== '' ? declaredName : `${owner.className}.${owner.methodName}`;
  const cronTime = type === 'cron' ? cronTimeOf(method) : undefined;
  const site: BackgroundSite = Object.freeze({
    kind: 'schedule' as const,
    ...owner,
    name,
    isFailure: () => true,
    describe: ({ instance }: BackgroundFailure) => ({
      summary: scheduledJobSummary(type, name, whereOf(site, instance)),
      facts: {
        tags: { 'schedule.kind': type, 'schedule.name': name, ...nestTags(site, instance) },
        contexts: { schedule: { kind: type, name, ...(cronTime === undefined ? {} : { cron: cronTime }) } },
        transaction: `${type} ${name}`,
      },
    }),
  });
  return site;
}

/** The cron expression when it is one (it may also be a Date or a Luxon DateTime). */
function cronTimeOf(method: Function): string | undefined {
  const options = Reflect.getMetadata(SCHEDULE_CRON_OPTIONS_METADATA, method) as { cronTime?: unknown } | undefined;
  return typeof options?.cronTime === 'string' ? options.cronTime : undefined;
}
