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
 * (afterSendEvent without a 2xx). Its own occurrences go back to storm
 * control when the report came from it (`ErrorReportContext.undelivered`),
 * to be sent again under their own fingerprint; otherwise, and for the
 * counts it carried of other lost events, into the next event.
 */
/** Events in flight whose count can go back to storm control; beyond this, the oldest are forgotten (then carried). */
const MAX_RETURNABLE = 10_000;

type GiveBack = (occurrences: number) => boolean;

export class EventDelivery {
  private readonly dropped: DroppedEvents;
  /** By event id, until Sentry's answer. An event the SDK drops without a word (sampling, `beforeSend`) waits here until forgotten. */
  private readonly returnable = new Map<string, GiveBack>();
  private stopWatching?: () => void;

  constructor(
    logger: LoggerService | undefined,
    private readonly outage: SentryOutage,
  ) {
    this.dropped = new DroppedEvents(logger, outage);
  }

  watch(client: SentryClient | undefined): void {
    this.stopWatching = client?.on('afterSendEvent', (event, response) => this.afterSend(event, response?.statusCode));
  }

  /** Hands an event to the SDK; if it did not take it, its occurrences go back (`undelivered`) or into the next event. */
  handOver(client: SentryClient, occurrences: number, capture: () => void, eventId?: string, undelivered?: GiveBack): void {
    if (eventId && undelivered) this.remember(eventId, undelivered);
    if (handOver(client, capture) !== 'accepted') this.lost(eventId, occurrences, 0);
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
    this.returnable.clear();
    this.dropped.close();
    // An app's client outlives this module (tests start several apps on one): it must not keep calling this one.
    this.stopWatching?.();
  }

  private afterSend(event: Event, statusCode: number | undefined): void {
    const occurrences = event.contexts?.occurrences as Partial<OccurrencesContext> | undefined;
    const count = occurrences?.count;
    // Not one of the module's events.
    if (typeof count !== 'number') return;
    if (statusCode !== undefined && statusCode >= 200 && statusCode < 300) {
      if (event.event_id) this.returnable.delete(event.event_id);
      return;
    }
    const carried = typeof occurrences?.carried === 'number' ? occurrences.carried : 0;
    this.lost(event.event_id, count - carried, carried);
  }

  /** One event lost: its own occurrences back to storm control if it takes them, the rest carried by the next event. */
  private lost(eventId: string | undefined, own: number, carried: number): void {
    const giveBack = eventId === undefined ? undefined : this.returnable.get(eventId);
    if (eventId !== undefined) this.returnable.delete(eventId);
    let returned = false;
    try {
      // While Sentry is down, sending again would only knock on a closed door: the counts ride on the first event it takes.
      returned = !this.outage.isDown && giveBack?.(own) === true;
    } catch {
      // Then it is carried, as without storm control.
    }
    this.dropped.lost(carried + (returned ? 0 : own));
  }

  private remember(eventId: string, giveBack: GiveBack): void {
    if (this.returnable.size >= MAX_RETURNABLE) this.returnable.delete(this.returnable.keys().next().value!);
    this.returnable.set(eventId, giveBack);
  }
}
