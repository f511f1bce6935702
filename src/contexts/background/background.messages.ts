/** Every user-facing line of background work: what failed (`summary`), then the error. */
import type { ScheduleType } from './background.constants.js';

export const scheduledJobSummary = (type: ScheduleType, name: string, where: string) => `Scheduled ${type} "${name}" (${where})`;

export const eventListenerSummary = (event: string, where: string) => `Listener of event "${event}" (${where})`;

export const queueJobSummary = (queue: string, jobName: string, jobId: string | undefined, where: string) =>
  `Job "${jobName}"${jobId === undefined ? '' : ` #${jobId}`} of queue "${queue}" (${where})`;

export const cannotWrapMessage = (where: string, reason: string) =>
  `Errors of ${where} will not be reported: its method could not be wrapped (${reason}).`;
