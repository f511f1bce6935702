import { createHttpException } from 'nestjs-error-handlers';

/**
 * Nest has no class for 507, so the library makes one: an HttpException with
 * a fixed status, whose static `status` makes it the code key 507 for
 * `@ErrorHandler()`. Its default body has the shape of Nest's own classes.
 */
export class InsufficientStorage extends createHttpException(507, 'Insufficient Storage') {}

/**
 * Domain errors of remote endpoints (storage backends, the mirror). They are
 * not HTTP errors: what status they become is the handlers' decision, and it
 * may differ per module.
 */
export class ConnectionError extends Error {
  override name = 'ConnectionError';
}

export class ConnectionRefusedError extends ConnectionError {
  override name = 'ConnectionRefusedError';
}

/** No handler of its own: it is answered by the ConnectionError handler, its nearest ancestor's. */
export class ConnectionTimeoutError extends ConnectionError {
  override name = 'ConnectionTimeoutError';
}
