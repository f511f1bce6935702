import type { ResponseTally } from './response-tally.js';
import type { ReceiverCounts } from './sentry-receiver/messages.js';

/** Did the receiver get one event per 5xx response of one server run? */
export interface DeliveryCheck {
  /** Events the receiver got from this server, its flush on shutdown included. */
  received: number;
  /** 5xx responses the bench counted from this server: probe, warm-ups and measured runs. */
  expected: number;
  /**
   * Requests left in flight when a load run stopped. The server may have
   * handled (and reported) them after autocannon hung up, so each may add
   * one event without a counted response.
   */
  unanswered: number;
  /** Error events the SDK reported dropping (client reports). */
  droppedBySdk: number;
  /** Envelopes the receiver could not read. */
  malformed: number;
  ok: boolean;
}

/** `before` and `after` are the receiver's totals around the server's whole life. */
export function checkDelivery(before: ReceiverCounts, after: ReceiverCounts, tally: ResponseTally): DeliveryCheck {
  const received = after.events - before.events;
  const expected = tally.countFrom(500);
  const unanswered = tally.unanswered;
  const malformed = after.malformed - before.malformed;
  return {
    received,
    expected,
    unanswered,
    droppedBySdk: after.droppedEvents - before.droppedEvents,
    malformed,
    // Every counted 5xx must have arrived; beyond that, only the unanswered requests may add events.
    ok: malformed === 0 && received >= expected && received <= expected + unanswered,
  };
}

export function describeDelivery(check: DeliveryCheck): string {
  const extras = [
    check.received > check.expected && `${check.received - check.expected} from the ${check.unanswered} requests in flight when autocannon stopped`,
    check.droppedBySdk > 0 && `SDK reported ${check.droppedBySdk} dropped`,
    check.malformed > 0 && `${check.malformed} malformed envelopes`,
  ].filter(Boolean);
  const verdict = check.ok ? 'ok' : 'FAILURE';
  return `events received ${check.received} of ${check.expected}${extras.length > 0 ? ` (${extras.join('; ')})` : ''}: ${verdict}`;
}
