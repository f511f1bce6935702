import type { DefaultResponse } from '../core/default-response.js';

/** What `ErrorHandlerRegistry.explain()` answers: which handler would run for an error, and why. */
export interface ErrorHandlerExplanation {
  /** True when a handler would run. */
  handled: boolean;
  /** `Class.method`, or the registered function's name. */
  handler?: string;
  /** The scope the handler was found in, e.g. `module BillingModule`. */
  scope?: string;
  /** `code` when found by status (step 1), `class` when by class hierarchy (step 2). */
  tier?: 'code' | 'class';
  /** The key that matched: `404`, `404 (UserNotFound)`, `ConnectionError`. */
  key?: string;
  /** True when the handler gets an `InternalServerErrorException` with the error as `cause` (step 3). */
  wrapped: boolean;
  /** The error's HTTP status, when it has one. */
  status?: number;
  /** The scopes searched, nearest first. */
  searched: string[];
  /** When nothing matches: the default response Nest's filter will send. */
  defaultResponse?: DefaultResponse;
  /** One sentence saying all of the above. */
  summary: string;
}
