import type { ErrorReportContext } from '../error-reporter.js';
import type { ScrubRules } from './scrub.js';
import { describeEvent, type EventDetails, type EventFacts } from './sentry-event.js';

/** The context kind names the mechanism and the status tag; before contexts said it, the host's type did. */
export function kindOf(context: ErrorReportContext | undefined): string {
  return context?.kind ?? context?.host?.getType() ?? 'http';
}

/** What an event says about its context, scrubbed; read after the answer was sent. */
export function contextDetails(context: ErrorReportContext | undefined, rules: ScrubRules): EventDetails | undefined {
  if (!context) return undefined;
  try {
    return describeEvent(factsOf(context), rules);
  } catch {
    // A request that cannot be read still gets its error reported, without request data.
    return describeEvent({ status: context.status, kind: kindOf(context), module: context.module, controller: context.controller }, rules);
  }
}

/** The module's part of the report, with the facts its context gives (the request, tags, contexts). */
function factsOf(context: ErrorReportContext): EventFacts {
  const given = context.facts?.();
  return {
    status: context.status,
    kind: kindOf(context),
    module: context.module,
    controller: context.controller,
    errorHandler: context.handler,
    request: given?.request,
    tags: given?.tags,
    contexts: given?.contexts,
    transaction: given?.transaction,
  };
}
