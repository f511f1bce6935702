/** IPC between the orchestrator and the receiver process. */

/** Receiver → parent, once listening on 127.0.0.1. */
export interface ReceiverReady {
  type: 'listening';
  port: number;
}

/** Parent → receiver: "what have you received so far?" */
export const COUNTS_REQUEST = 'counts?';

/** Receiver → parent: totals since the receiver started. */
export interface ReceiverCounts {
  type: 'counts';
  envelopes: number;
  events: number;
  /** `contexts.occurrences.count` over the events: the errors they stand for. */
  occurrences: number;
  droppedEvents: number;
  /** Envelopes that could not be read (answered 400, their events not counted). */
  malformed: number;
}

/** Parent → receiver: "which exception types with this prefix came since I last asked?" (then forgets them). */
export const TYPES_REQUEST_PREFIX = 'types?';

/** Receiver → parent: distinct exception types seen since the last request. */
export interface ReceiverTypes {
  type: 'types';
  distinct: number;
}
