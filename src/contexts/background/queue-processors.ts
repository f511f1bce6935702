import { readOr } from '../../core/safe-error.js';
import type { BackgroundFailure, BackgroundSite, SiteOwner } from './background-site.interface.js';
import { nestTags, whereOf } from './background-facts.js';
import { BULLMQ_PROCESSOR_METADATA, BULLMQ_PROCESS_METHOD, BULLMQ_RATE_LIMIT_MESSAGE, BULLMQ_SIGNAL_ERROR_NAMES } from './background.constants.js';
import { queueJobSummary } from './background.messages.js';

/** The parts of BullMQ's `Job` the report names; read defensively, the job is whatever the worker passed. */
interface JobLike {
  id?: unknown;
  name?: unknown;
  queueName?: unknown;
  attemptsMade?: unknown;
  opts?: { attempts?: unknown };
}

/**
 * `process` of a `@Processor` class (@nestjs/bullmq): BullMQ's worker awaits
 * it and, on a rejection, fails the job with that error (and retries it per
 * its `attempts`). The wrapper rejects with the same error, so the job fails
 * exactly as it would. Job data is never reported: it is the app's, and may
 * hold anything.
 */
export function queueSite(processorClass: Function, owner: SiteOwner): BackgroundSite | undefined {
  if (owner.methodName !== BULLMQ_PROCESS_METHOD) return undefined;
  const metadata = Reflect.getMetadata(BULLMQ_PROCESSOR_METADATA, processorClass) as { name?: unknown } | undefined;
  if (!metadata) return undefined;
  const name = typeof metadata.name === 'string' ? metadata.name : '(default queue)';
  const site: BackgroundSite = Object.freeze({
    kind: 'queue' as const,
    ...owner,
    name,
    isFailure,
    describe: (failure: BackgroundFailure) => describeJob(site, failure),
  });
  return site;
}

function describeJob(site: BackgroundSite, { instance, args }: BackgroundFailure) {
  const job = (args[0] ?? {}) as JobLike;
  const queue = textOr(() => job.queueName, site.name)!;
  const jobName = textOr(() => job.name, '(unnamed)')!;
  const jobId = textOr(() => job.id, undefined);
  const attemptsMade = readOr(() => job.attemptsMade, undefined);
  const attempts = readOr(() => job.opts?.attempts, undefined);
  return {
    summary: queueJobSummary(queue, jobName, jobId, whereOf(site, instance)),
    facts: {
      tags: { 'queue.name': queue, 'queue.job_name': jobName, ...(jobId === undefined ? {} : { 'queue.job_id': jobId }), ...nestTags(site, instance) },
      contexts: { queue: { name: queue, job_name: jobName, job_id: jobId, attempts_made: attemptsMade, attempts } },
      transaction: `queue ${queue}: ${jobName}`,
    },
  };
}

/** BullMQ's signals (move to delayed, to waiting, rate limited) do not fail the job: not errors to report. */
function isFailure(error: unknown): boolean {
  return readOr(() => {
    const { name, message } = error as { name?: unknown; message?: unknown };
    return !(BULLMQ_SIGNAL_ERROR_NAMES.has(name as string) || message === BULLMQ_RATE_LIMIT_MESSAGE);
  }, true);
}

function textOr(read: () => unknown, fallback: string | undefined): string | undefined {
  const value = readOr(read, undefined);
  return typeof value === 'string' || typeof value === 'number' ? String(value) : fallback;
}
