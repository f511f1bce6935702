import * as nest from '@nestjs/common';
import { MAX_ERROR_STATUS, MIN_ERROR_STATUS } from './constants.js';
import type { ErrorClass } from '../interfaces/error-handler-key.interface.js';

/**
 * A registration key after normalisation (SPEC section 3):
 * - `code`: status N, optionally narrowed to a class more specific than the
 *   canonical class of N (`null` means "plain N", which `NotFoundException` ≡ 404 is);
 * - `class`: any other error class, matched along the prototype chain.
 */
export type NormalizedKey =
  | { tier: 'code'; status: number; errorClass: ErrorClass | null }
  | { tier: 'class'; errorClass: ErrorClass };

/**
 * Statuses of Nest's built-in exception classes. A table, not read by
 * instantiating each class at import: constructing twenty exception shapes
 * up front makes V8's inline caches in HttpException's constructor
 * megamorphic for the life of the process (measured: every exception the app
 * throws afterwards is built ~25% slower). resolution.spec.ts checks the
 * table against @nestjs/common, so a new Nest class cannot be missed silently.
 */
export const NEST_BUILT_IN_STATUSES = new Map<unknown, number>([
  [nest.BadRequestException, 400],
  [nest.UnauthorizedException, 401],
  [nest.ForbiddenException, 403],
  [nest.NotFoundException, 404],
  [nest.MethodNotAllowedException, 405],
  [nest.NotAcceptableException, 406],
  [nest.RequestTimeoutException, 408],
  [nest.ConflictException, 409],
  [nest.GoneException, 410],
  [nest.PreconditionFailedException, 412],
  [nest.PayloadTooLargeException, 413],
  [nest.UnsupportedMediaTypeException, 415],
  [nest.ImATeapotException, 418],
  [nest.MisdirectedException, 421],
  [nest.UnprocessableEntityException, 422],
  [nest.InternalServerErrorException, 500],
  [nest.NotImplementedException, 501],
  [nest.BadGatewayException, 502],
  [nest.ServiceUnavailableException, 503],
  [nest.GatewayTimeoutException, 504],
  [nest.HttpVersionNotSupportedException, 505],
]);

export function isValidStatus(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= MIN_ERROR_STATUS && (value as number) <= MAX_ERROR_STATUS;
}

function isErrorClass(value: unknown): value is ErrorClass {
  return typeof value === 'function' && (value === Error || value.prototype instanceof Error);
}

/** The status a class declares itself: Nest's built-in one, or its own static numeric `status`. */
function declaredStatus(errorClass: ErrorClass): number | undefined {
  const builtIn = NEST_BUILT_IN_STATUSES.get(errorClass);
  if (builtIn !== undefined) return builtIn;
  const own = Object.getOwnPropertyDescriptor(errorClass, 'status')?.value;
  return isValidStatus(own) ? own : undefined;
}

/** The fixed status of a class: its own, or the nearest ancestor's. */
export function fixedStatus(errorClass: ErrorClass): number | undefined {
  for (let current: unknown = errorClass; isErrorClass(current); current = Object.getPrototypeOf(current)) {
    const status = declaredStatus(current);
    if (status !== undefined) return status;
  }
  return undefined;
}

/** Normalises a key, or returns `undefined` when it is invalid. */
export function normalizeKey(key: unknown): NormalizedKey | undefined {
  if (typeof key === 'number') return isValidStatus(key) ? { tier: 'code', status: key, errorClass: null } : undefined;
  if (!isErrorClass(key)) return undefined;
  const status = fixedStatus(key);
  if (status === undefined) return { tier: 'class', errorClass: key };
  // The class that introduces status N is N itself; its subclasses are narrower keys within N.
  const parentStatus = fixedStatus(Object.getPrototypeOf(key));
  return { tier: 'code', status, errorClass: parentStatus === status ? key : null };
}

export function describeNormalizedKey(key: NormalizedKey): string {
  if (key.tier === 'class') return `class ${key.errorClass.name}`;
  return key.errorClass ? `${key.status} (${key.errorClass.name})` : `status ${key.status}`;
}
