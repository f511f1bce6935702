import { STATUS_CODES } from 'node:http';

/**
 * The codes Nest's Apollo driver gives an `HttpException` of these statuses
 * (`autoTransformHttpErrors`): Apollo's own names, kept so that a handler's
 * 401 reads as the driver's 401 does.
 */
const DRIVER_CODES: Readonly<Record<number, string>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  422: 'BAD_USER_INPUT',
};

export const INTERNAL_SERVER_ERROR_CODE = 'INTERNAL_SERVER_ERROR';

export interface StatusNames {
  /** `Not Found`: the message of an error whose body says none. */
  readonly text: string;
  /** `NOT_FOUND`: `extensions.code` when the body gives none. */
  readonly code: string;
}

// Built once: an error's code is a lookup, never a string built per error.
const NAMES = new Map<number, StatusNames>();
for (let status = 100; status <= 599; status++) {
  const text = STATUS_CODES[status];
  if (text) NAMES.set(status, { text, code: DRIVER_CODES[status] ?? text.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_|_$/g, '') });
}
const UNNAMED_CLIENT_ERROR: StatusNames = { text: 'Error', code: 'BAD_REQUEST' };
const UNNAMED_SERVER_ERROR: StatusNames = { text: 'Internal Server Error', code: INTERNAL_SERVER_ERROR_CODE };

/** The names of a status; a status HTTP does not name takes those of its class (4xx, 5xx). */
export function statusNames(status: number): StatusNames {
  return NAMES.get(status) ?? (status < 500 ? UNNAMED_CLIENT_ERROR : UNNAMED_SERVER_ERROR);
}
