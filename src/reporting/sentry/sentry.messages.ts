/** Every user-facing message about reporting to Sentry, named for the situation it reports. */

export const sentryUnreachableMessage = (reason: string) =>
  `Sentry is unreachable (${reason}): error events are being dropped until it answers again. ` +
  `Responses are not affected. This is logged once per outage.`;

export const sentryReachableAgainMessage = () => `Sentry answers again: error events are being delivered.`;

export const reusingAppClientMessage = () =>
  `Sentry was already initialised in this process (instrument.ts): ErrorHandlersModule reports through that client, ` +
  `and the Sentry init options given to ErrorHandlersModule.forRoot() (dsn, environment…) are not used. ` +
  `Its scrubHeaders and scrubFields still apply.`;

export const noAnswerWithinMessage = (timeoutMs: number) => `no answer within ${timeoutMs} ms`;
