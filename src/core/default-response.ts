import { HttpException } from '@nestjs/common';

export interface DefaultResponse {
  status: number;
  body: unknown;
}

export const INTERNAL_ERROR_RESPONSE: DefaultResponse = {
  status: 500,
  body: { statusCode: 500, message: 'Internal server error' },
};

/**
 * The answer Nest's BaseExceptionFilter gives for an error (the module is a
 * drop-in; parity.e2e.spec.ts compares the two). `error` is what resolution
 * saw: platform HTTP errors have already become an `HttpException` carrying
 * Nest's body for them (error-subject.ts).
 */
export function describeDefaultResponse(error: unknown): DefaultResponse {
  if (!(error instanceof HttpException)) return INTERNAL_ERROR_RESPONSE;
  const response = error.getResponse();
  const status = error.getStatus();
  if (typeof response === 'object' && response !== null) return { status, body: response };
  const body = { statusCode: status, message: response, ...(error.errorCode !== undefined && { errorCode: error.errorCode }) };
  return { status, body };
}
