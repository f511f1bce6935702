import type { LoggerService } from '@nestjs/common';
import type { Event, Scope } from '@sentry/node';
import { DroppedEvents } from './dropped-events.js';
import { handOver } from './sdk-hand-over.js';
import type { SentryClient } from './sentry-connection.js';
import { applyEventDetails, type OccurrencesContext } from './sentry-event.js';
import { droppedEventsSummaryMessage } from './sentry.messages.js';
import type { SentryOutage } from './sentry-outage.js';
import type { ScrubRules } from './scrub.js';

/**
 * SPEC section 6: every event carries `contexts.occurrences.count`, and the
 * counts Sentry receives add up to the errors reported even when events are
 * lost on the way. An event is lost when the SDK refuses it at the door
 * (queue full), fails while reading it, or its send fails or is refused
 * (afterSendEvent without a 2xx); what it stood for goes into the next event.
 */
export class EventDelivery {
  private readonly dropped: DroppedEvents;
  private stopWatching?: () => void;

  constructor(logger: LoggerService | undefined, outage: SentryOutage) {
    this.dropped = new DroppedEvents(logger, outage);
  }

  watch(client: SentryClient | undefined): void {
    this.stopWatching = client?.on('afterSendEvent', (event, response) => this.afterSend(event, response?.statusCode));
  }

  /** Hands an event to the SDK; if it did not take it, its occurrences go into the next event. */
  handOver(client: SentryClient, occurrences: number, capture: () => void): void {
    if (handOver(client, capture) !== 'accepted') this.dropped.lost(occurrences);
  }

  /** The event's `contexts.occurrences`, read when the SDK builds it: its own count plus what lost events stood for. */
  occurrences(own: number, summary: true | undefined): OccurrencesContext {
    const carried = this.dropped.take();
    return { count: own + carried, ...(summary && { summary }), ...(carried > 0 && { carried }) };
  }

  /** Shutdown, after a flush: counts no later event will carry go in one last event. True if one was sent. */
  sendCarried(client: SentryClient, scope: Scope | undefined, rules: ScrubRules): boolean {
    if (this.dropped.pending === 0 || !scope) return false;
    const own = this.dropped.take();
    scope.addEventProcessor((event) => applyEventDetails(event, undefined, rules, { count: own, carried: own }));
    this.handOver(client, own, () => scope.captureMessage(droppedEventsSummaryMessage(own), 'warning'));
    return true;
  }

  close(): void {
    this.dropped.close();
    // An app's client outlives this module (tests start several apps on one): it must not keep calling this one.
    this.stopWatching?.();
  }

  private afterSend(event: Event, statusCode: number | undefined): void {
    const count = (event.contexts?.occurrences as Partial<OccurrencesContext> | undefined)?.count;
    // Not one of the module's events, or delivered.
    if (typeof count !== 'number' || (statusCode !== undefined && statusCode >= 200 && statusCode < 300)) return;
    this.dropped.lost(count);
  }
}
