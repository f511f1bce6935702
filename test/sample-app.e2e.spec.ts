import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestLabel } from '../sample-app/tour/step-text.js';
import { TOUR } from '../sample-app/tour/tour.js';
import { PLATFORMS } from './helpers/platforms.js';
import { startSample, type RunningSample } from './sample-app/start-sample.js';
import { expectedAnswer, TourRunner } from './sample-app/tour-runner.js';

/**
 * The tour (sample-app/tour/tour.ts), step by step, against the sample as
 * main.ts runs it with the default config: every answer `GET /` lists and
 * docs/sample-app.md shows is the one the app gives. Steps run in the tour's
 * order: the fake disk, the share links and the outbox keep state.
 */
describe.each(PLATFORMS)('sample app tour (%s)', (platform) => {
  let sample: RunningSample;
  let runner: TourRunner;
  beforeAll(async () => {
    delete process.env.ADMIN_TOKEN;
    sample = await startSample(platform);
    runner = await TourRunner.connect(sample);
  });
  afterAll(async () => {
    await runner?.close();
    await sample?.close();
  });

  it.each(TOUR.map((step, index) => [index + 1, requestLabel(step), step] as const))('%i. %s', async (_number, _label, step) => {
    expect(await runner.answer(step)).toEqual(expectedAnswer(step, platform));
  });

  it('the admin route opens with the token, so its 403 really comes from the guard', async () => {
    process.env.ADMIN_TOKEN = 'test-token';
    try {
      const res = await sample.http().get('/admin/users').set('x-admin-token', 'test-token');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ users: [{ name: 'alice', quota: 1024 }] });
    } finally {
      delete process.env.ADMIN_TOKEN;
    }
  });

  it('the 500 handler never shows the cause', async () => {
    const res = await sample.http().get('/storage/quotas');
    expect(res.text).not.toMatch(/JSON|position|Syntax/i);
    const crash = await sample.http().get('/ops/crash');
    expect(crash.text).not.toMatch(/TypeError|finishedAt|undefined/);
  });
});
