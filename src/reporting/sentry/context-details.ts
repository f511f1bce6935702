import type { ErrorReportContext } from '../error-reporter.js';
import { readRequest } from '../../contexts/http/request-facts.js';
import type { RouteHandlerIndex } from '../../contexts/http/route-handler-index.js';
import type { ScrubRules } from './scrub.js';
import { describeEvent, type EventDetails, type EventFacts } from './sentry-event.js';

/** The context kind names the mechanism and the status tag; before contexts said it, the host's type did. */
export function kindOf(context: ErrorReportContext | undefined): string {
  return context?.kind ?? context?.host?.getType() ?? 'http';
}

/** What an event says about its context, scrubbed; read after the answer was sent. */
export function contextDetails(context: ErrorReportContext | undefined, routes: RouteHandlerIndex, rules: ScrubRules): EventDetails | undefined {
  if (!context) return undefined;
  try {
    return describeEvent(factsOf(context, routes), rules);
  } catch {
    // A request that cannot be read still gets its error reported, without request data.
    return describeEvent({ status: context.status, kind: kindOf(context), module: context.module, controller: context.controller }, rules);
  }
}

/** The context's own facts when it gives them; else, for HTTP, what the request says (the fallback until every context gives facts). */
function factsOf(context: ErrorReportContext, routes: RouteHandlerIndex): EventFacts {
  const given = context.facts?.();
  const request = given ? given.request : context.host?.getType() === 'http' ? readRequest(context.host.getArgByIndex(0)) : undefined;
  const routeHandler =
    request?.routePattern && context.controller ? routes.nameFor(context.module, context.controller, request.method, request.routePattern) : undefined;
  return {
    status: context.status,
    kind: kindOf(context),
    module: context.module,
    controller: context.controller,
    routeHandler,
    errorHandler: context.handler,
    request,
    tags: given?.tags,
    contexts: given?.contexts,
    transaction: given?.transaction,
  };
}
