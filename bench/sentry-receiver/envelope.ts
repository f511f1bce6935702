/** What the bench reads from one Sentry envelope. */
export interface EnvelopeCounts {
  /** Error events. */
  events: number;
  /** Their `contexts.occurrences.count` added up (SPEC section 6): the errors they stand for. */
  occurrences: number;
  /** The exception types of the events (the last exception of each), for the fingerprint check. */
  types: string[];
  /** Error events the SDK says it dropped before sending (from its client reports), e.g. on a full send queue. */
  droppedEvents: number;
}

interface ItemHeader {
  type?: string;
  length?: number;
}

/**
 * Envelope format: a JSON header line, then items, each a JSON item header
 * line and a payload that is `length` bytes long when the header says so,
 * else runs to the next newline. Event payloads are parsed for their count
 * and type: with storm control there are few of them.
 */
export function countEnvelope(raw: Buffer): EnvelopeCounts {
  const counts: EnvelopeCounts = { events: 0, occurrences: 0, types: [], droppedEvents: 0 };
  let offset = lineEnd(raw, 0) + 1; // past the envelope header
  while (offset < raw.length) {
    const headerEnd = lineEnd(raw, offset);
    const headerLine = raw.subarray(offset, headerEnd);
    offset = headerEnd + 1;
    if (headerLine.length === 0) continue;
    const header = JSON.parse(headerLine.toString('utf8')) as ItemHeader;
    const payloadEnd = typeof header.length === 'number' ? offset + header.length : lineEnd(raw, offset);
    if (header.type === 'event') addEvent(counts, raw.subarray(offset, payloadEnd));
    if (header.type === 'client_report') counts.droppedEvents += droppedErrorEvents(raw.subarray(offset, payloadEnd));
    offset = payloadEnd + 1;
  }
  return counts;
}

interface EventPayload {
  contexts?: { occurrences?: { count?: unknown } };
  exception?: { values?: Array<{ type?: unknown }> };
}

/** An event without a count stands for one error, as it would without storm control. */
function addEvent(counts: EnvelopeCounts, payload: Buffer): void {
  const event = JSON.parse(payload.toString('utf8')) as EventPayload;
  const count = event.contexts?.occurrences?.count;
  counts.events += 1;
  counts.occurrences += typeof count === 'number' ? count : 1;
  const type = event.exception?.values?.at(-1)?.type;
  if (typeof type === 'string') counts.types.push(type);
}

function lineEnd(raw: Buffer, from: number): number {
  const end = raw.indexOf(0x0a, from);
  return end === -1 ? raw.length : end;
}

/** A client report lists discarded events by reason and category; errors are category `error`. */
function droppedErrorEvents(payload: Buffer): number {
  const report = JSON.parse(payload.toString('utf8')) as { discarded_events?: Array<{ category?: string; quantity?: number }> };
  return (report.discarded_events ?? []).filter((entry) => entry.category === 'error').reduce((sum, entry) => sum + (entry.quantity ?? 0), 0);
}
