import { expect } from 'vitest';
import { ChildApp, type HttpAnswer } from '../helpers/child-app.js';
import type { PlatformName } from '../helpers/platforms.js';
import {
  INJECTED_HEADER,
  SECRET,
  isErrorStatus,
  isSendable,
  type AnswerCase,
  type BodyRecipe,
  type HttpExceptionRecipe,
  type ThrowCase,
  type Where,
} from '../helpers/hostile-values.js';
import type { HostileChildArgs } from '../fixtures/hostile-app.child.js';
import { RECOVERED_BODY } from '../fixtures/hostile.app.js';

/**
 * What the hostile app must answer (SPEC sections 4–5): for each case, the
 * status it can predict, and for every answer the rules that hold whatever
 * was thrown or returned.
 */

export const INTERNAL_ERROR = { statusCode: 500, message: 'Internal server error' };

/** Bounds the wait for each answer: a hang fails the case instead of the whole run. Not a speed goal. */
export const ANSWER_TIMEOUT_MS = 10_000;

/** `internal-500`: the built-in 500 (or the recovering 500 handler's answer); a number: that status; `error-status`: any 4xx/5xx. */
export type Expected = 'internal-500' | 'error-status' | number;

/** Text that says more than a client may know: a stack frame, a source path, a serialiser's or platform's complaint. */
const INTERNAL_DETAIL: RegExp[] = [
  /\bat .*:\d+:\d+/,
  /node_modules|\.ts:\d+/,
  /circular structure/i,
  /serialize a BigInt/i,
  /invalid status code/i,
  /invalid character/i,
  /\b(FST_ERR|ERR_HTTP)/,
];

export function expectedForThrow(c: ThrowCase): Expected {
  return c.value.kind === 'http-exception' ? expectedForHttpException(c.value) : 'internal-500';
}

export function expectedForAnswer(c: AnswerCase): Expected {
  const act = c.act;
  const errorStatus = c.errorStatus ?? 500;
  switch (act.do) {
    case 'error-response': {
      const valid = (act.status === undefined || isErrorStatus(act.status)) && (act.headers === undefined || act.headers === 'valid');
      if (!valid) return 'internal-500';
      return bodyOutcome(act.body, (act.status as number | undefined) ?? errorStatus);
    }
    case 'return':
      return bodyOutcome(act.body, errorStatus);
    case 'return-http-exception':
      return expectedForHttpException(act.exception);
    case 'throw':
    case 'reject':
      return act.value.kind === 'http-exception' ? expectedForHttpException(act.value) : 'internal-500';
  }
}

/** Nest renders an HttpException's response inside its own body: a symbol or `undefined` is just dropped there. */
function expectedForHttpException(recipe: HttpExceptionRecipe): Expected {
  if (recipe.flaw || !isErrorStatus(recipe.status)) return 'internal-500';
  return isSendable(recipe.response) || recipe.response === 'symbol' ? recipe.status : 'internal-500';
}

/** A symbol as the whole body: each platform has its own idea of sending one. */
function bodyOutcome(body: BodyRecipe, status: number): Expected {
  if (body === 'symbol') return 'error-status';
  return isSendable(body) ? status : 'internal-500';
}

/** The first internal detail found in `text`, with what surrounds it; undefined when there is none. */
export function leakIn(text: string): string | undefined {
  const secretAt = text.indexOf(SECRET);
  if (secretAt !== -1) return `the secret: …${text.slice(Math.max(0, secretAt - 80), secretAt + 120)}…`;
  for (const pattern of INTERNAL_DETAIL) {
    const match = pattern.exec(text);
    if (match) return `${pattern}: …${text.slice(Math.max(0, match.index - 80), match.index + 120)}…`;
  }
  return undefined;
}

/** The rules every answer keeps, and the status (and body) the case predicts. */
export function expectSafeAnswer(res: HttpAnswer, expected: Expected, where: Where = 'plain'): void {
  const excerpt = res.text.slice(0, 300);
  expect(isErrorStatus(res.status), `status ${res.status} is not a 4xx/5xx; body: ${excerpt}`).toBe(true);
  expect(leakIn(res.text), 'internal detail in the body').toBeUndefined();
  expect(res.headers[INJECTED_HEADER], 'a header smuggled in by CR/LF').toBeUndefined();
  if (expected === 'error-status') return;
  if (expected !== 'internal-500') return void expect(res.status, `body: ${excerpt}`).toBe(expected);
  expect(res.status, `body: ${excerpt}`).toBe(500);
  expect(bodiesOf500(where)).toContainEqual(parseJson(res.text));
}

/** With a working 500 handler in scope, a failure may go to it (SPEC section 4) or end in the built-in 500. */
function bodiesOf500(where: Where): unknown[] {
  return where === 'recovering' ? [INTERNAL_ERROR, RECOVERED_BODY] : [INTERNAL_ERROR];
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text.slice(0, 300);
  }
}

/** The app process answers its health route, and nothing escaped to it as an unhandled rejection or uncaught exception. */
export async function expectAppLives(app: ChildApp): Promise<void> {
  const { faults } = await app.getJson<{ faults: string[] }>('/control/health', ANSWER_TIMEOUT_MS);
  expect(faults, 'unhandled rejections and uncaught exceptions in the app process').toEqual([]);
}

/** The hostile app in a child process, reporting to `dsn`; its heap bounded so a runaway walk ends it in seconds. */
export function hostileChild(platform: PlatformName, dsn?: string): Promise<ChildApp> {
  const args: HostileChildArgs = { platform, dsn };
  return ChildApp.start({ entry: '/test/fixtures/hostile-app.child.ts', args, heapMb: 96 });
}
