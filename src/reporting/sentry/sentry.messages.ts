/** Every user-facing message about reporting to Sentry, named for the situation it reports. */

export const sentryUnreachableMessage = (reason: string) =>
  `Sentry is unreachable (${reason}): error events are being dropped until it answers again; ` +
  `their occurrences are counted into later events (of their own fingerprint under storm control). Responses are not affected. This is logged once per outage.`;

export const sentryReachableAgainMessage = (dropped: number) =>
  `Sentry answers again: error events are being delivered.` +
  (dropped > 0 ? ` ${dropped} ${events(dropped)} dropped during the outage; their occurrences are counted in contexts.occurrences.count of later events.` : '');

export const sentryBacklogMessage = (dropped: number) =>
  `Sentry is not keeping up: ${dropped} error ${events(dropped)} dropped on the way (the SDK's send queue was full, ` +
  `or Sentry rate-limited or refused them). Their occurrences are counted in contexts.occurrences.count of later events (of their own fingerprint under storm control). ` +
  `Responses are not affected. This is logged once per backlog.`;

export const droppedEventsSummaryMessage = (occurrences: number) =>
  `${occurrences} reported ${occurrences === 1 ? 'error' : 'errors'} whose events never reached Sentry (dropped on the way, see the app's log); ` +
  `this event carries their count in contexts.occurrences.count.`;

const events = (count: number) => (count === 1 ? 'event was' : 'events were');

export const reusingAppClientMessage = () =>
  `Sentry was already initialised in this process (instrument.ts): ErrorHandlersModule reports through that client, ` +
  `and the Sentry init options given to ErrorHandlersModule.forRoot() (dsn, environment…) are not used. ` +
  `Its scrubHeaders and scrubFields still apply.`;

export const noAnswerWithinMessage = (timeoutMs: number) => `no answer within ${timeoutMs} ms`;

export const sentrySdkMissingMessage = (reason: string) =>
  `ErrorHandlersModule.forRoot({ sentry: { dsn } }) reports to Sentry, but @sentry/node could not be loaded (${reason}). ` +
  `It is an optional peer dependency: install it next to nestjs-error-handlers (npm install @sentry/node), ` +
  `or leave out the dsn to report nowhere.`;
