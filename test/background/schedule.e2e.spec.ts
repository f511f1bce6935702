import { ModulesContainer } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { afterEach, describe, expect, it } from 'vitest';
import { until } from '../helpers/until.js';
import { startBackgroundApp, type BackgroundApp } from './helpers/background-app.js';
import type { RecordedReport } from './helpers/recording-reporter.js';
import { ScheduledJobs } from './fixtures/scheduled-jobs.js';

/** SPEC section 11 on the real @nestjs/schedule: real timers, short intervals, no fake clock. */
describe('errors of @Cron, @Interval and @Timeout jobs', () => {
  let running: BackgroundApp | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  const start = (withModule = true) => startBackgroundApp({ imports: [ScheduleModule.forRoot()], providers: [ScheduledJobs] }, { withModule });
  const reportsNamed = (name: string): RecordedReport[] => running!.reporter!.reports.filter((report) => report.facts?.tags['schedule.name'] === name);

  it('reports each throw of an @Interval once, as a 500 with its tags, and the scheduler keeps calling it', async () => {
    running = await start();
    const jobs = running.app.get(ScheduledJobs);
    await until(() => jobs.intervalTicks >= 5, 'five ticks of the flaky interval');

    const reports = reportsNamed('flaky-interval');
    expect(reports).toHaveLength(2);
    const failures = jobs.thrown.filter((error) => error.message.startsWith('interval'));
    reports.forEach((report, index) => expect(report.error).toBe(failures[index]));
    expect(reports[0]!.context).toMatchObject({ status: 500, kind: 'schedule', module: 'BackgroundRoot' });
    expect(reports[0]!.context.handler).toBeUndefined();
    expect(reports[0]!.facts).toEqual({
      tags: { 'schedule.kind': 'interval', 'schedule.name': 'flaky-interval', 'nest.class': 'ScheduledJobs', 'nest.method': 'flakyInterval' },
      contexts: { schedule: { kind: 'interval', name: 'flaky-interval' } },
      transaction: 'interval flaky-interval',
    });
  });

  it('reports a rejected @Timeout and a throwing @Cron with their kind and name', async () => {
    running = await start();
    const jobs = running.app.get(ScheduledJobs);
    await until(() => jobs.timeoutRuns === 1 && reportsNamed('every-second').length >= 1, 'the timeout and one cron run', 3_000);

    const [timeout] = reportsNamed('late-start');
    expect(timeout!.error).toBe(jobs.thrown.find((error) => error.message === 'timeout rejected'));
    expect(timeout!.facts?.tags).toMatchObject({ 'schedule.kind': 'timeout', 'nest.method': 'lateStart' });
    const [cron] = reportsNamed('every-second');
    expect(cron!.error).toBe(jobs.thrown.find((error) => error.message === 'cron run 1'));
    expect(cron!.facts).toMatchObject({
      tags: { 'schedule.kind': 'cron', 'nest.class': 'ScheduledJobs', 'nest.method': 'everySecond' },
      contexts: { schedule: { kind: 'cron', name: 'every-second', cron: '* * * * * *' } },
      transaction: 'cron every-second',
    });
  });

  it('adds nothing to a tick: the job methods are left as they are, and the scheduler is handed back its own on shutdown', async () => {
    const methods = Object.getOwnPropertyNames(ScheduledJobs.prototype).map((name) => (ScheduledJobs.prototype as unknown as Record<string, unknown>)[name]);
    // The scheduler's explorer (not exported by the package): the module reads its jobs' failures through it (scheduler-seam.ts).
    running = await start(false);
    const explorerPrototype = schedulerExplorerOf(running).prototype as { wrapFunctionInTryCatchBlocks: unknown };
    const packageTick = explorerPrototype.wrapFunctionInTryCatchBlocks;
    await running.close();
    running = await start();
    expect(explorerPrototype.wrapFunctionInTryCatchBlocks).not.toBe(packageTick);
    const jobs = running.app.get(ScheduledJobs);
    await until(() => reportsNamed('flaky-interval').length >= 1, 'a reported failure');
    expect(Object.getOwnPropertyNames(ScheduledJobs.prototype).map((name) => (ScheduledJobs.prototype as unknown as Record<string, unknown>)[name])).toEqual(methods);
    expect(jobs.intervalTicks).toBeGreaterThan(0);

    await running.close();
    running = undefined;
    expect(explorerPrototype.wrapFunctionInTryCatchBlocks).toBe(packageTick);
  });

  it('reports nothing for a job that does not throw', async () => {
    running = await start();
    const jobs = running.app.get(ScheduledJobs);
    await until(() => jobs.healthyTicks >= 5, 'five healthy ticks');
    expect(running.reporter!.reports.filter((report) => report.facts?.tags['nest.method'] === 'healthyInterval')).toEqual([]);
  });

  it('logs each failure once, naming the kind, the job and Class.method, with the stack and the event id', async () => {
    running = await start();
    const jobs = running.app.get(ScheduledJobs);
    await until(() => jobs.intervalTicks >= 5, 'five ticks of the flaky interval');

    const lines = running.moduleLog.at('error').filter((entry) => entry.message.includes('flaky-interval'));
    const [first] = reportsNamed('flaky-interval');
    expect(lines.map((entry) => entry.message)).toEqual([
      `500 Scheduled interval "flaky-interval" (ScheduledJobs.flakyInterval) Error: interval tick 1 [event ${first!.eventId}]`,
      expect.stringMatching(/^500 Scheduled interval "flaky-interval" \(ScheduledJobs\.flakyInterval\) Error: interval tick 2 \[event event-\d+\]$/),
    ]);
    expect(lines[0]!.params[0]).toBe(jobs.thrown.find((error) => error.message === 'interval tick 1')!.stack);
  });

  it('leaves the scheduler doing what it does without the module: its own log line for each failure', async () => {
    const schedulerLines = async (withModule: boolean) => {
      running = await start(withModule);
      const jobs = running.app.get(ScheduledJobs);
      await until(() => jobs.intervalTicks >= 5 && jobs.timeoutRuns === 1, 'five ticks and the timeout');
      const lines = running.nestLog
        .at('error')
        .filter((entry) => entry.params.includes('Scheduler') && !entry.message.includes('cron'))
        .map((entry) => entry.message);
      await running.close();
      running = undefined;
      return lines.sort();
    };
    const without = await schedulerLines(false);
    expect(without).toEqual(['Error: interval tick 1', 'Error: interval tick 2', 'Error: timeout rejected']);
    expect(await schedulerLines(true)).toEqual(without);
  });
});

function schedulerExplorerOf(running: BackgroundApp): Function {
  for (const module of running.app.get(ModulesContainer).values()) {
    for (const wrapper of module.providers.values()) {
      if (typeof wrapper.metatype === 'function' && wrapper.metatype.name === 'ScheduleExplorer') return wrapper.metatype;
    }
  }
  throw new Error('No ScheduleExplorer among the providers');
}
