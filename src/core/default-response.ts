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
  const errorCode = errorCodeOf(error);
  const body = { statusCode: status, message: response, ...(errorCode !== undefined && { errorCode }) };
  return { status, body };
}

/** Nest 12's `HttpException.errorCode`; Nest 11 has no such field (nor typing), so its bodies never carry one. */
function errorCodeOf(error: HttpException): string | undefined {
  return (error as { errorCode?: string }).errorCode;
}
