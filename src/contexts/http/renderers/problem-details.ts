import type { DefaultResponse } from '../../../core/default-response.js';
import { publicMessage, reasonPhrase } from '../../../pages/status-text.js';

export const PROBLEM_JSON = 'application/problem+json';

/** An RFC 9457 problem details object, as the `problem+json` format writes it. */
export interface ProblemDetails {
  /** Always `about:blank`: the status code says all there is to say (RFC 9457, section 4.2.1). */
  type: string;
  /** The status's reason phrase, as RFC 9457 asks for `about:blank`. */
  title: string;
  status: number;
  /** A 4xx `HttpException`'s message; never present for 5xx. */
  detail?: string;
  /** Extension member: each message of a list (ValidationPipe's), when there is more than one. */
  errors?: string[];
  [extension: string]: unknown;
}

export function toProblemDetails(answer: DefaultResponse): ProblemDetails {
  const problem: ProblemDetails = { type: 'about:blank', title: reasonPhrase(answer.status), status: answer.status };
  const message = publicMessage(answer);
  if (typeof message === 'string' && message !== problem.title) problem.detail = message;
  if (Array.isArray(message) && message.length > 0) {
    problem.detail = message.join('; ');
    if (message.length > 1) problem.errors = message;
  }
  return problem;
}
