/**
 * The metadata keys that @nestjs/schedule, @nestjs/event-emitter and
 * @nestjs/bullmq store on decorated methods and classes, spelled as those
 * packages spell them (schedule.constants.ts, constants.ts, bull.constants.ts).
 * Kept as strings so the module imports none of these packages: they are
 * optional, and an app that does not use one must not need it installed.
 */
export const SCHEDULER_TYPE_METADATA = 'SCHEDULER_TYPE';
export const SCHEDULER_NAME_METADATA = 'SCHEDULER_NAME';
export const SCHEDULE_CRON_OPTIONS_METADATA = 'SCHEDULE_CRON_OPTIONS';
export const EVENT_LISTENER_METADATA = 'EVENT_LISTENER_METADATA';
export const BULLMQ_PROCESSOR_METADATA = 'bullmq:processor_metadata';

/** @nestjs/schedule's `SchedulerType` enum values, with the words the module reports them by. */
export const SCHEDULER_TYPES: Readonly<Record<number, ScheduleType>> = { 1: 'cron', 2: 'timeout', 3: 'interval' };
export type ScheduleType = 'cron' | 'timeout' | 'interval';

/** The only method of a `WorkerHost` that BullMQ's worker calls for a job. */
export const BULLMQ_PROCESS_METHOD = 'process';

/**
 * Errors BullMQ's worker treats as signals, not failures (worker.js,
 * `handleFailed`): a job moved to delayed or waiting, or rate-limited on
 * purpose. The job is not failed, so nothing is reported.
 */
export const BULLMQ_SIGNAL_ERROR_NAMES: ReadonlySet<string> = new Set(['DelayedError', 'WaitingError', 'WaitingChildrenError']);
export const BULLMQ_RATE_LIMIT_MESSAGE = 'bullmq:rateLimitExceeded';
