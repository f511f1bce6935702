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
  droppedEvents: number;
  /** Envelopes that could not be read (answered 400, their events not counted). */
  malformed: number;
}
