import { Inject, Injectable, Logger, type LoggerService, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Scope } from '@sentry/node';
import { MODULE_OPTIONS_TOKEN } from '../../error-handlers.module-definition.js';
import { ErrorReporter, type ErrorReportContext } from '../error-reporter.js';
import type { ErrorHandlersModuleOptions } from '../../interfaces/error-handlers-options.interface.js';
import type { SentryModuleOptions } from './sentry-options.interface.js';
import { afterResponse, deferredWorkDone } from './after-response.js';
import { capturableAgain, readableOrStandIn } from './readable-error.js';
import { scrubRules, type ScrubRules } from './scrub.js';
import { connectSentry, isSending, NO_SENTRY, type SentryClient, type SentryConnection } from './sentry-connection.js';
import { applyEventDetails } from './sentry-event.js';
import { SentryOutage } from './sentry-outage.js';
import { EventDelivery } from './event-delivery.js';
import { contextDetails, kindOf } from './context-details.js';

/** Sentry's own default for flushing on shutdown. */
const DEFAULT_SHUTDOWN_TIMEOUT_MS = 2_000;
/** Marks the module's events in Sentry ("mechanism"), as Sentry's framework integrations do theirs: named for the context. */
const mechanismType = (kind: string) => `auto.${kind}.nestjs_error_handlers`;

/**
 * The default `ErrorReporter`: reports to Sentry through the real
 * @sentry/node client — the app's own if it initialised Sentry, else one the
 * module creates from the `sentry` option (see sentry-connection.ts). Never
 * throws, never waits: the SDK sends in the background.
 */
@Injectable()
export class SentryService extends ErrorReporter implements OnModuleInit, OnApplicationShutdown {
  private connection: SentryConnection = NO_SENTRY;
  private readonly sentryOptions: SentryModuleOptions;
  private readonly logger: LoggerService | undefined;
  private readonly rules: ScrubRules;
  private readonly shutdownTimeout: number;
  private readonly outage: SentryOutage;
  private readonly delivery: EventDelivery;

  constructor(@Inject(MODULE_OPTIONS_TOKEN) options: ErrorHandlersModuleOptions) {
    super();
    const sentry = options.sentry ?? {};
    this.sentryOptions = sentry;
    this.logger = options.logger === false ? undefined : (options.logger ?? new Logger('SentryService'));
    this.rules = scrubRules(sentry.scrubHeaders, sentry.scrubFields);
    this.shutdownTimeout = sentry.shutdownTimeout ?? DEFAULT_SHUTDOWN_TIMEOUT_MS;
    this.outage = new SentryOutage(this.logger);
    this.delivery = new EventDelivery(this.logger, this.outage);
  }

  /** Bootstrap: connect to Sentry, loading the SDK only if it will be used. */
  async onModuleInit(): Promise<void> {
    this.connection = await connectSentry(this.sentryOptions, this.outage, this.logger);
    // Whatever the SDK could not deliver is counted, so the counts Sentry receives still add up.
    this.delivery.watch(this.connection.client);
  }

  /**
   * Sends `error` to Sentry with the request and Nest details of `context`.
   * Returns the event id, or undefined when nothing is sent (no DSN).
   *
   * Only what belongs to this moment (the scope current in this request) is
   * taken now; the request is described, and the event built and sent, once
   * the response is written, under the id returned here (see after-response.ts).
   */
  override captureException(error: unknown, context?: ErrorReportContext): string | undefined {
    const client = this.connection.client;
    if (!isSending(client)) return undefined;
    try {
      // A clone, so this event's details stay on this event.
      const scope = this.connection.scope()!.clone();
      const handled = context === undefined || context.handler !== undefined;
      // A summary may send again an error whose first event was lost: the SDK would refuse the same object twice.
      const reported = context?.summary ? capturableAgain(readableOrStandIn(error)) : readableOrStandIn(error);
      const eventId = newEventId();
      const mechanism = { type: mechanismType(kindOf(context)), handled };
      const occurrences = context?.occurrences ?? 1;
      afterResponse(() => {
        const details = contextDetails(context, this.rules);
        scope.addEventProcessor((event) => applyEventDetails(event, details, this.rules, this.delivery.occurrences(occurrences, context?.summary)));
        this.delivery.handOver(client, occurrences, () => scope.captureException(reported, { event_id: eventId, mechanism }), eventId, context?.undelivered);
      });
      return eventId;
    } catch {
      // Reporting never changes what happens to the request.
      return undefined;
    }
  }

  /** Waits until pending events are sent, `timeoutMs` at most; true if everything went out. Never rejects. */
  override async flush(timeoutMs: number = this.shutdownTimeout): Promise<boolean> {
    const client = this.connection.client;
    if (!client) return true;
    // Events reported a moment ago may not be built yet: the SDK must know of them before it is flushed.
    await deferredWorkDone();
    return withDeadline(client.flush(timeoutMs), timeoutMs);
  }

  /** The @sentry/node client events go through (the app's, when it initialised Sentry); undefined without a DSN. */
  getClient(): SentryClient | undefined {
    return this.connection.client;
  }

  /**
   * The scope the module's events start from: tags or context set on it go
   * with every event the module sends. With an app-initialised client it is
   * Sentry's current scope; undefined when Sentry is not in use (no DSN).
   */
  getScope(): Scope | undefined {
    return this.connection.scope();
  }

  /** Errors of the last requests must still arrive: flush, bounded, then release the module's own client. */
  async onApplicationShutdown(): Promise<void> {
    const { client, owned } = this.connection;
    if (!client) return;
    await this.flush(this.shutdownTimeout);
    // Counts of events lost on the way and never carried by a later one: one last event carries them.
    if (this.delivery.sendCarried(client, this.connection.scope()?.clone(), this.rules)) await this.flush(this.shutdownTimeout);
    this.delivery.close();
    // A zero timeout means "wait forever" to the SDK; everything was flushed above anyway.
    if (owned) await withDeadline(client.close(1), this.shutdownTimeout);
  }
}

/** An id in Sentry's format (32 hex digits), known before the SDK builds the event. */
function newEventId(): string {
  return randomUUID().replaceAll('-', '');
}

/** `work`'s answer, or false once `timeoutMs` has passed or if it fails. */
function withDeadline(work: PromiseLike<boolean>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
    timer.unref();
  });
  const answer = Promise.resolve(work).then(
    (done) => done,
    () => false,
  );
  return Promise.race([answer, deadline]).finally(() => clearTimeout(timer));
}
