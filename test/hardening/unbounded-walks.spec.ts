import { afterAll, beforeAll, describe, it } from 'vitest';
import { answerPath, throwPath } from '../fixtures/hostile.app.js';
import type { ChildApp } from '../helpers/child-app.js';
import type { ThrowableRecipe } from '../helpers/hostile-values.js';
import { PLATFORMS } from '../helpers/platforms.js';
import { SentryReceiver } from '../helpers/sentry-receiver.js';
import { ANSWER_TIMEOUT_MS, expectAppLives, expectSafeAnswer, hostileChild } from './hostile-oracle.js';

/**
 * Issue 9, item 1 (SPEC sections 4–5): every walk over a thrown value — its
 * prototype chain, its cause chain, `toJSON`, getters — is bounded and
 * survives cycles. One that is not exhausts the heap and kills the process,
 * so the app runs in a child process with a small heap: the test run
 * survives, and the failure says how the app died.
 */

const errorWith = (...traits: Extract<ThrowableRecipe, { kind: 'object' }>['traits']): ThrowableRecipe => ({ kind: 'object', base: 'Error', traits });

const SHAPES: Array<[string, ThrowableRecipe]> = [
  ['a Proxy that is its own prototype', { kind: 'proxy', target: { kind: 'object', base: 'Error', traits: [] }, traps: ['self-prototype'] }],
  ['a Proxy whose prototype is a new Proxy on every read', { kind: 'proxy', target: { kind: 'object', base: 'Error', traits: [] }, traps: ['fresh-prototype'] }],
  ['an object 1,000 prototypes deep', { kind: 'object', base: 'plain-object', traits: ['deep-prototype-chain'] }],
  ['an Error that is its own cause', { kind: 'cause-chain', shape: 'self' }],
  ['two Errors, each the cause of the other', { kind: 'cause-chain', shape: 'cycle-of-two' }],
  ['an AggregateError in a cycle through its errors and its cause', { kind: 'cause-chain', shape: 'cycle-through-aggregate' }],
  ['an Error whose cause is a new Error on every read', { kind: 'cause-chain', shape: 'fresh-on-every-read' }],
  ['an Error 1,000 causes deep', { kind: 'cause-chain', shape: 'a-thousand-deep' }],
  ['an Error whose toJSON returns itself, holding itself', errorWith('toJSON-self', 'self-reference')],
  ['an Error whose toJSON throws', errorWith('toJSON-throws')],
  ['an Error whose getters all throw', errorWith('throwing-getters')],
  ['a class instance whose getters all throw', { kind: 'object', base: 'class-instance', traits: ['throwing-getters', 'throwing-to-string'] }],
];

describe.each(PLATFORMS)('walks over thrown values are bounded (%s)', (platform) => {
  let receiver: SentryReceiver;
  let app: ChildApp;

  beforeAll(async () => {
    // Reported too: the reporter walks the value as well.
    receiver = await SentryReceiver.start();
    app = await hostileChild(platform, receiver.dsn);
  });
  afterAll(async () => {
    await app?.stop();
    await receiver?.close();
  });

  it.each(SHAPES)('%s, thrown by a route → the built-in 500, and the app lives', async (_shape, value) => {
    await app.ensureRunning();
    const res = await app.get(throwPath({ value, how: 'throw', where: 'plain' }), ANSWER_TIMEOUT_MS);
    expectSafeAnswer(res, 'internal-500');
    await expectAppLives(app);
  });

  it.each(SHAPES)('%s, thrown by an error handler with a 500 handler in scope → a 500, and the app lives', async (_shape, value) => {
    await app.ensureRunning();
    const res = await app.get(answerPath({ act: { do: 'throw', value }, where: 'recovering' }), ANSWER_TIMEOUT_MS);
    expectSafeAnswer(res, 'internal-500', 'recovering');
    await expectAppLives(app);
  });
});
