import { HttpException } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';

/** Nest's own test for body-parser, http-errors and Fastify errors, so we classify exactly as it does. */
const platformErrors = new BaseExceptionFilter();

/** `instanceof` that survives a Proxy whose `getPrototypeOf` trap throws. */
export function isHttpException(value: unknown): value is HttpException {
  try {
    return value instanceof HttpException;
  } catch {
    return false;
  }
}

/** What resolution sees of a thrown value: the error handlers get, and its HTTP status if it has one. */
export interface ErrorSubject {
  readonly error: unknown;
  readonly status: number | undefined;
}

/**
 * HTTP errors raised by the platform (a malformed JSON body, a Fastify
 * content-type error) become the `HttpException` a handler would expect,
 * with the original as `cause`, so a `400` handler sees them. Never throws.
 */
export function toErrorSubject(thrown: unknown): ErrorSubject {
  try {
    if (thrown instanceof HttpException) return { error: thrown, status: thrown.getStatus() };
    if (platformErrors.isHttpError(thrown)) {
      const { statusCode } = thrown as { statusCode: number };
      const body = { statusCode, message: platformErrors.getHttpErrorMessage(thrown as never) };
      return { error: new HttpException(body, statusCode, { cause: thrown }), status: statusCode };
    }
  } catch {
    // A getter that throws, a hostile Proxy: such a value has no usable status.
  }
  return { error: thrown, status: undefined };
}
