import type { Response } from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AnswerRequested, HttpAnswerRequested, ROUTE_FAILURE, answerPath, hostileAppModule } from '../fixtures/hostile.app.js';
import type { HttpAnswer } from '../helpers/child-app.js';
import { BAD_HEADERS, INVALID_STATUSES, UNSENDABLE_BODIES, type AnswerCase, type BodyRecipe, type HandlerAct } from '../helpers/hostile-values.js';
import { PLATFORMS, startApp, type RunningApp } from '../helpers/platforms.js';
import { expectNoProcessFaults } from '../helpers/process-faults.js';
import { recordingReporter } from '../helpers/recording-reporter.js';
import { CapturingLogger } from '../sentry/fixtures/capturing-logger.js';
import { ANSWER_TIMEOUT_MS, expectSafeAnswer } from './hostile-oracle.js';

/**
 * Issue 9, items 2–4 (SPEC sections 4–6): a handler's answer that cannot be
 * sent — a header the platform refuses, a status no response can carry, a
 * body that cannot be serialised — ends in the built-in 500 on both
 * platforms, with none of the platform's own words; and the original error
 * is reported and logged once, with the status the client got.
 */

/** The handler of the hostile app, as log lines and reports name it. */
const HANDLER = 'HostileAnswers.answer';

expectNoProcessFaults();

describe.each(PLATFORMS)('a handler answer that cannot be sent (%s)', (platform) => {
  const logger = new CapturingLogger();
  const { reporter, reports } = recordingReporter();
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp(platform, hostileAppModule({ logger, reporter }));
  });
  afterAll(() => running?.close());
  beforeEach(() => {
    logger.clear();
    reports.length = 0;
  });

  async function answer(act: HandlerAct, errorStatus?: AnswerCase['errorStatus']): Promise<HttpAnswer> {
    const res: Response = await running.http().get(answerPath({ act, errorStatus, where: 'plain' })).timeout(ANSWER_TIMEOUT_MS);
    return { status: res.status, text: res.text, headers: res.headers };
  }

  /** Reported once and logged once at error level, both with the status the client got: 500. */
  function expectSettledAs500(): void {
    const reportsOfOriginal = reports.filter((report) => report.error instanceof AnswerRequested || report.error instanceof HttpAnswerRequested);
    expect(reportsOfOriginal.map((report) => report.status), 'statuses the original error was reported with').toEqual([500]);
    expect(reports.map((report) => report.status).filter((status) => status !== 500), 'any report with another status').toEqual([]);
    const linesOfOriginal = logger.entries.filter((entry) => entry.message.includes(ROUTE_FAILURE));
    expect(linesOfOriginal.map((entry) => `${entry.level}: ${entry.message}`), 'log lines of the original error').toEqual([
      expect.stringMatching(/^error: .*\b500\b/),
    ]);
  }

  describe('item 2: a header the platform refuses', () => {
    it.each(BAD_HEADERS)('ErrorResponse(body, 503, %s header) → the built-in 500, logged and reported as 500, the handler named', async (headers) => {
      const res = await answer({ do: 'error-response', body: 'public-object', status: 503, headers });
      expectSafeAnswer(res, 'internal-500');
      expectSettledAs500();
      const errorLines = logger.at('error').map((entry) => entry.message);
      expect(errorLines.some((line) => line.includes(HANDLER)), `no error line names ${HANDLER}: ${JSON.stringify(errorLines)}`).toBe(true);
    });
  });

  describe('item 3: a status no response can carry', () => {
    it.each(INVALID_STATUSES)('ErrorResponse(body, %s) → the built-in 500, logged and reported as 500', async (status) => {
      const res = await answer({ do: 'error-response', body: 'public-object', status });
      expectSafeAnswer(res, 'internal-500');
      expectSettledAs500();
    });
  });

  describe('item 4: a body that cannot be serialised', () => {
    const shapes: Array<[string, (body: BodyRecipe) => [HandlerAct, AnswerCase['errorStatus']]]> = [
      ['returned for an unhandled error (500)', (body) => [{ do: 'return', body }, undefined]],
      ['in an ErrorResponse with status 503', (body) => [{ do: 'error-response', body, status: 503 }, undefined]],
      ['returned for a 404', (body) => [{ do: 'return', body }, 404]],
    ];
    const cases = UNSENDABLE_BODIES.flatMap((body) => shapes.map(([shape, make]) => [`a ${body} body ${shape}`, ...make(body)] as const));

    it.each(cases)('%s → the built-in 500; the original error reported and logged once, as 500', async (_name, act, errorStatus) => {
      const res = await answer(act, errorStatus);
      expectSafeAnswer(res, 'internal-500');
      expectSettledAs500();
    });
  });
});
