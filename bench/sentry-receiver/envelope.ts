/** What the bench reads from one Sentry envelope. */
export interface EnvelopeCounts {
  /** Error events. */
  events: number;
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
 * else runs to the next newline. Event payloads are counted, never parsed:
 * the receiver must keep up with a server under load.
 */
export function countEnvelope(raw: Buffer): EnvelopeCounts {
  const counts: EnvelopeCounts = { events: 0, droppedEvents: 0 };
  let offset = lineEnd(raw, 0) + 1; // past the envelope header
  while (offset < raw.length) {
    const headerEnd = lineEnd(raw, offset);
    const headerLine = raw.subarray(offset, headerEnd);
    offset = headerEnd + 1;
    if (headerLine.length === 0) continue;
    const header = JSON.parse(headerLine.toString('utf8')) as ItemHeader;
    const payloadEnd = typeof header.length === 'number' ? offset + header.length : lineEnd(raw, offset);
    if (header.type === 'event') counts.events += 1;
    if (header.type === 'client_report') counts.droppedEvents += droppedErrorEvents(raw.subarray(offset, payloadEnd));
    offset = payloadEnd + 1;
  }
  return counts;
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
