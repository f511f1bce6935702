import { Injectable } from '@nestjs/common';
import { ErrorReporter, SentryService, type ErrorReportContext } from 'nestjs-error-handlers';
import { Outbox, type OutboxEntry } from './outbox.js';

/**
 * A second reporter composed with Sentry: every error the module reports
 * (5xx, by its policy) goes to Sentry as before, and a summary goes to the
 * outbox. Bound with `ErrorHandlersModule.forRoot({ reporter: OutboxReporter })`;
 * the module creates it, so it can inject SentryService and global providers
 * (Outbox comes from the global OpsModule).
 *
 * A real one would POST the summary to a webhook or queue an e-mail: do that
 * in the background (never await it here), and never let it throw.
 */
@Injectable()
export class OutboxReporter extends ErrorReporter {
  constructor(
    private readonly sentry: SentryService,
    private readonly outbox: Outbox,
  ) {
    super();
  }

  override captureException(error: unknown, context?: ErrorReportContext): string | undefined {
    // Sentry first, so the summary can quote its event id.
    const eventId = this.sentry.captureException(error, context);
    try {
      this.outbox.add(summarize(error, context, eventId));
    } catch {
      // The second destination failing must not cost the first one its event id.
    }
    return eventId;
  }
}

function summarize(error: unknown, context: ErrorReportContext | undefined, eventId: string | undefined): OutboxEntry {
  const work = workLine(context);
  return {
    at: new Date().toISOString(),
    status: context?.status ?? 500,
    error: errorClasses(error),
    request: requestLine(context),
    module: context?.module,
    controller: context?.controller,
    handler: context?.handler,
    ...(work ? { work } : {}),
    sentryEventId: eventId ?? null,
  };
}

/** Scheduled jobs, event listeners and queue workers have no request: their facts name the work and the method. */
function workLine(context: ErrorReportContext | undefined): string | undefined {
  const kind = context?.kind;
  if (kind !== 'schedule' && kind !== 'event' && kind !== 'queue') return undefined;
  const facts = context?.facts?.();
  if (!facts?.transaction) return kind;
  const method = facts.tags['nest.class'] && facts.tags['nest.method'] ? ` (${facts.tags['nest.class']}.${facts.tags['nest.method']})` : '';
  return `${facts.transaction}${method}`;
}

/** `SyntaxError`, or `InternalServerErrorException ← SyntaxError` for a wrapped one. */
function errorClasses(error: unknown): string {
  const names: string[] = [];
  let current: unknown = error;
  while (names.length < 5 && current !== undefined && current !== null) {
    names.push(current instanceof Error ? current.name || current.constructor.name : typeof current);
    current = current instanceof Error ? current.cause : undefined;
  }
  return names.join(' ← ');
}

function requestLine(context: ErrorReportContext | undefined): string | undefined {
  if (context?.host?.getType() !== 'http') return undefined;
  // Express and Fastify requests both have `method`; Express keeps the full path in `originalUrl`.
  const request = context.host.switchToHttp().getRequest<{ method?: string; url?: string; originalUrl?: string }>();
  const url = request.originalUrl ?? request.url;
  if (!request.method || !url) return undefined;
  return `${request.method} ${url.split('?')[0]}`;
}
