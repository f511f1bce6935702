import { ErrorResponse } from '../../core/error-response.js';
import { PROBLEM_JSON, type ProblemDetails } from './renderers/problem-details.js';
import { reasonPhrase } from '../../pages/status-text.js';

/** What a handler says about a problem (RFC 9457); members other than these are extension members. */
export interface ProblemDetailsInit {
  /** The HTTP status of the response, repeated in the body. */
  status: number;
  /** A short summary of the problem type; defaults to the status's reason phrase ("Conflict"). */
  title?: string;
  /** What went wrong this time, for the client. */
  detail?: string;
  /** A URI naming the problem type; defaults to `about:blank` (the status says it all). */
  type?: string;
  /** A URI naming this occurrence. */
  instance?: string;
  [extension: string]: unknown;
}

/**
 * A handler's answer as RFC 9457 problem details: the body, the status, and
 * `Content-Type: application/problem+json` (which `headers` may override or
 * add to). Return it from an `@ErrorHandler()` method.
 */
export function problemDetails(init: ProblemDetailsInit, headers: Record<string, string> = {}): ErrorResponse<ProblemDetails> {
  const { status, title = reasonPhrase(status), detail, type = 'about:blank', instance, ...extensions } = init;
  const body: ProblemDetails = { type, title, status };
  if (detail !== undefined) body.detail = detail;
  if (instance !== undefined) body.instance = instance;
  return new ErrorResponse({ ...body, ...extensions }, status, { 'Content-Type': PROBLEM_JSON, ...headers });
}
