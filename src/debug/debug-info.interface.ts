import type { ErrorHandlerExplanation } from '../interfaces/error-handler-explanation.interface.js';

/** One error of the chain, in the `debug` field. */
export interface DebugErrorInfo {
  name: string;
  message: string;
  /** The stack's frames, most recent call first, as V8 prints them without the leading `at `. */
  stack: string[];
}

/** The `debug` field debug mode adds to default JSON responses. */
export interface ErrorDebugInfo {
  /** The error the response answers for. */
  error: DebugErrorInfo;
  /** Its `cause`, that one's `cause`, and so on. */
  causes: DebugErrorInfo[];
  /** Which handler would run for this error, and why: `ErrorHandlerRegistry.explain()`. */
  explanation?: ErrorHandlerExplanation;
}
