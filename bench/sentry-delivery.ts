import type { ResponseTally } from './response-tally.js';
import type { ReceiverCounts } from './sentry-receiver/messages.js';

/**
 * Did the receiver get, from one server run, what SPEC section 6 promises:
 * `contexts.occurrences.count` summed over the events equal to the 5xx
 * answered (storm control sends few events, each counting many errors), and
 * every fingerprint of the many-fingerprints route reported at least once?
 */
export interface DeliveryCheck {
  /** Events the receiver got from this server, its flush on shutdown included. */
  events: number;
  /** Their `contexts.occurrences.count` added up. */
  received: number;
  /** 5xx responses the bench counted from this server: probe, warm-ups and measured runs. */
  expected: number;
  /**
   * Requests left in flight when a load run stopped. The server may have
   * handled (and reported) them after autocannon hung up, so each may add
   * one occurrence without a counted response.
   */
  unanswered: number;
  /** Distinct fingerprints of the many-fingerprints route that arrived, of how many it threw. */
  fingerprints?: { received: number; expected: number };
  /** Error events the SDK reported dropping (client reports). */
  droppedBySdk: number;
  /** Envelopes the receiver could not read. */
  malformed: number;
  ok: boolean;
}

export interface FingerprintCount {
  received: number;
  expected: number;
}

/** `before` and `after` are the receiver's totals around the server's whole life. */
export function checkDelivery(before: ReceiverCounts, after: ReceiverCounts, tally: ResponseTally, fingerprints?: FingerprintCount): DeliveryCheck {
  const received = after.occurrences - before.occurrences;
  const expected = tally.countFrom(500);
  const unanswered = tally.unanswered;
  const malformed = after.malformed - before.malformed;
  const everyFingerprint = !fingerprints || fingerprints.received === fingerprints.expected;
  return {
    events: after.events - before.events,
    received,
    expected,
    unanswered,
    fingerprints,
    droppedBySdk: after.droppedEvents - before.droppedEvents,
    malformed,
    // Every counted 5xx must have arrived; beyond that, only the unanswered requests may add occurrences.
    ok: malformed === 0 && received >= expected && received <= expected + unanswered && everyFingerprint,
  };
}

export function describeDelivery(check: DeliveryCheck): string {
  const extras = [
    check.received > check.expected && `${check.received - check.expected} from the ${check.unanswered} requests in flight when autocannon stopped`,
    check.fingerprints && `${check.fingerprints.received} of ${check.fingerprints.expected} fingerprints`,
    check.droppedBySdk > 0 && `SDK reported ${check.droppedBySdk} dropped`,
    check.malformed > 0 && `${check.malformed} malformed envelopes`,
  ].filter(Boolean);
  const verdict = check.ok ? 'ok' : 'FAILURE';
  return `occurrences received ${check.received} of ${check.expected} in ${check.events} events${extras.length > 0 ? ` (${extras.join('; ')})` : ''}: ${verdict}`;
}
