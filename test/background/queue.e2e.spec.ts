import { getQueueToken } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../helpers/until.js';
import { startBackgroundApp, type BackgroundApp } from './helpers/background-app.js';
import { RedisServer } from './helpers/redis-server.js';
import type { Redis } from 'ioredis';
import { MAIL_QUEUE, MailProcessor, mailModules, redisClient, type MailJobData } from './fixtures/mail-processor.js';

/** SPEC section 11 on the real @nestjs/bullmq and BullMQ, against a real redis-server started for this file. */
describe('errors of BullMQ processors', () => {
  let redis: RedisServer;
  let running: BackgroundApp | undefined;
  let client: Redis | undefined;
  let testNumber = 0;
  beforeAll(async () => {
    redis = await RedisServer.start();
  });
  afterAll(async () => {
    await redis?.stop();
  });
  afterEach(async () => {
    await running?.close();
    running = undefined;
    await client?.quit();
    client = undefined;
  });

  /** The app, its queue, and every (job, error) its worker's `failed` event gave. */
  const start = async (withModule = true) => {
    testNumber += 1;
    client = redisClient(redis.connection);
    running = await startBackgroundApp({ imports: mailModules(client, `bg-test-${testNumber}`), providers: [MailProcessor] }, { withModule });
    const processor = running.app.get(MailProcessor);
    const failed: Array<{ job: Job; error: Error }> = [];
    processor.worker.on('failed', (job, error) => failed.push({ job: job!, error }));
    return { queue: running.app.get<Queue<MailJobData>>(getQueueToken(MAIL_QUEUE)), processor, failed };
  };

  it('reports each failed attempt once, as a 500 with the queue, job and class; the worker fails the job with the same error', async () => {
    const { queue, processor, failed } = await start();
    const job = await queue.add('welcome', { fail: true }, { attempts: 3 });
    await until(() => failed.length === 3, 'three failed attempts', 10_000);

    const reports = running!.reporter!.reports;
    expect(reports.map((report) => report.error)).toEqual(processor.thrown);
    failed.forEach(({ error }, index) => expect(error).toBe(reports[index]!.error));
    expect(reports[0]!.context).toMatchObject({ status: 500, kind: 'queue' });
    expect(reports[0]!.facts).toEqual({
      tags: { 'queue.name': MAIL_QUEUE, 'queue.job_name': 'welcome', 'queue.job_id': job.id, 'nest.class': 'MailProcessor', 'nest.method': 'process' },
      contexts: { queue: { name: MAIL_QUEUE, job_name: 'welcome', job_id: job.id, attempts_made: 0, attempts: 3 } },
      transaction: `queue ${MAIL_QUEUE}: welcome`,
    });
    expect(reports[2]!.facts?.contexts?.queue).toMatchObject({ attempts_made: 2 });
  });

  it.each([false, true])('retries by the job’s own attempts and ends it failed with the last error (with the module: %s)', async (withModule) => {
    const { queue, processor, failed } = await start(withModule);
    const job = await queue.add('welcome', { fail: true }, { attempts: 2 });
    await until(() => failed.length === 2, 'two failed attempts', 10_000);

    const stored = (await queue.getJob(job.id!))!;
    expect(await stored.getState()).toBe('failed');
    expect(stored.attemptsMade).toBe(2);
    expect(stored.failedReason).toBe('mail welcome failed (attempt 2)');
    expect(failed.map(({ error }) => error)).toEqual(processor.thrown);
  });

  it('reports nothing for a job that completes, nor for BullMQ’s DelayedError signal', async () => {
    const { queue, processor } = await start();
    const plain = await queue.add('receipt', {});
    const delayed = await queue.add('digest', { delayOnce: true });
    await until(() => processor.completed === 2, 'both jobs completed', 10_000);

    expect(await (await queue.getJob(plain.id!))!.getState()).toBe('completed');
    expect(await (await queue.getJob(delayed.id!))!.getState()).toBe('completed');
    expect(running!.reporter!.reports).toEqual([]);
    expect(running!.moduleLog.entries).toEqual([]);
  });

  it('logs each failed attempt once, with the queue, job, Class.method, the stack and the event id', async () => {
    const { queue, processor, failed } = await start();
    const job = await queue.add('welcome', { fail: true }, { attempts: 1 });
    await until(() => failed.length === 1, 'the failed attempt', 10_000);

    expect(running!.moduleLog.entries.map(({ level, message }) => ({ level, message }))).toEqual([
      { level: 'error', message: `500 Job "welcome" #${job.id} of queue "mail" (MailProcessor.process) Error: mail welcome failed (attempt 1) [event event-1]` },
    ]);
    expect(running!.moduleLog.entries[0]!.params[0]).toBe(processor.thrown[0]!.stack);
  });
});
