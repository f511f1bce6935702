import { HttpException } from '@nestjs/common';

export interface DefaultResponse {
  status: number;
  body: unknown;
}

/**
 * The answer Nest's BaseExceptionFilter gives for an error, described rather
 * than sent (for `explain`). `error` is what resolution saw: platform HTTP
 * errors have already become an `HttpException` carrying Nest's body.
 */
export function describeDefaultResponse(error: unknown): DefaultResponse {
  if (!(error instanceof HttpException)) return { status: 500, body: { statusCode: 500, message: 'Internal server error' } };
  const response = error.getResponse();
  const body = typeof response === 'object' && response !== null ? response : { statusCode: error.getStatus(), message: response };
  return { status: error.getStatus(), body };
}
