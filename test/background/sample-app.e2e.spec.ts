import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CleanupJob } from '../../sample-app/jobs/cleanup.job.js';
import { QueueConnection } from '../../sample-app/jobs/queue-connection.js';
import type { OutboxEntry } from '../../sample-app/ops/outbox.js';
import { PLATFORMS, startApp, type RunningApp } from '../helpers/platforms.js';
import { until } from '../helpers/until.js';
import { sampleModule } from '../sample-app/start-sample.js';
import { eventually } from './helpers/eventually.js';
import { RedisServer } from './helpers/redis-server.js';

/** The sample app's background work, failing on demand, followed into the outbox (the sample's second reporter). */

const outbox = async (running: RunningApp): Promise<{ received: number; entries: OutboxEntry[] }> => (await running.http().get('/ops/outbox')).body;

describe.each(PLATFORMS)('sample app background work (%s)', (platform) => {
  let running: RunningApp | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  it('starts without Redis; the cleanup fails on demand, is reported once, and keeps running', async () => {
    running = await startApp(platform, sampleModule(platform));
    const res = await running.http().post('/jobs/cleanup/fail');
    expect(res.status).toBe(202);
    await eventually(async () => (await outbox(running!)).received > 0, 'the failed cleanup in the outbox');
    const runsAfterFailure = running.app.get(CleanupJob).runs;

    expect((await outbox(running)).entries).toEqual([
      {
        at: expect.any(String),
        status: 500,
        error: 'CleanupLockedError',
        module: 'JobsModule',
        work: 'interval storage-cleanup (CleanupJob.sweep)',
        sentryEventId: null,
      },
    ]);
    await until(() => running!.app.get(CleanupJob).runs > runsAfterFailure, 'a run after the failure', 5_000);
    expect((await outbox(running)).received).toBe(1);
  });

  it('answers 503 for the queue without REDIS_URL, naming what to set', async () => {
    running = await startApp(platform, sampleModule(platform));
    const res = await running.http().post('/jobs/thumbnails/fail');
    expect(res.status).toBe(503);
    expect(res.body.message).toMatch(/REDIS_URL=redis:\/\/127\.0\.0\.1:6379/);
  });
});

describe('sample app thumbnails queue, with REDIS_URL (a real redis-server)', () => {
  let redis: RedisServer;
  let running: RunningApp | undefined;
  beforeAll(async () => {
    redis = await RedisServer.start();
  });
  afterAll(async () => {
    await running?.close();
    await redis?.stop();
  });

  it('reports each failed attempt of the job, then closes its Redis client on shutdown', async () => {
    running = await startApp('express', sampleModule('express', { redisUrl: redis.url }));
    const res = await running.http().post('/jobs/thumbnails/fail');
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ queue: 'thumbnails', jobId: expect.any(String), attempts: 2, then: 'GET /ops/outbox' });
    await eventually(async () => (await outbox(running!)).received === 2, 'both failed attempts in the outbox', 10_000);

    const { entries } = await outbox(running);
    expect(entries.map(({ status, error, module, work }) => ({ status, error, module, work }))).toEqual(
      Array(2).fill({ status: 500, error: 'ThumbnailRenderError', module: 'JobsModule', work: 'queue thumbnails: render (ThumbnailProcessor.process)' }),
    );
    const client = running.app.get(QueueConnection).client;
    await running.close();
    running = undefined;
    // quit() resolves on Redis's OK; the socket closes a moment later.
    await until(() => client.status === 'end', 'the Redis client closed');
  });
});
