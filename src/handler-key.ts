import * as nestCommon from '@nestjs/common';
import { HttpException } from '@nestjs/common';
import { MAX_ERROR_STATUS, MIN_ERROR_STATUS } from './constants.js';
import type { ErrorClass } from './interfaces/error-handler-key.interface.js';

/**
 * A registration key after normalisation (SPEC section 3):
 * - `code`: status N, optionally narrowed to a class more specific than the
 *   canonical class of N (`null` means "plain N", which `NotFoundException` ≡ 404 is);
 * - `class`: any other error class, matched along the prototype chain.
 */
export type NormalizedKey =
  | { tier: 'code'; status: number; errorClass: ErrorClass | null }
  | { tier: 'class'; errorClass: ErrorClass };

/** Statuses of Nest's built-in exception classes, read once by instantiating each. */
const builtInStatuses = new Map<unknown, number>(
  Object.values(nestCommon).flatMap((value) => {
    if (typeof value !== 'function' || value === HttpException || !(value.prototype instanceof HttpException)) return [];
    try {
      return [[value, (new (value as new () => HttpException)()).getStatus()] as const];
    } catch {
      return [];
    }
  }),
);

export function isValidStatus(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= MIN_ERROR_STATUS && (value as number) <= MAX_ERROR_STATUS;
}

function isErrorClass(value: unknown): value is ErrorClass {
  return typeof value === 'function' && (value === Error || value.prototype instanceof Error);
}

/** The status a class declares itself: Nest's built-in one, or its own static numeric `status`. */
function declaredStatus(errorClass: ErrorClass): number | undefined {
  const builtIn = builtInStatuses.get(errorClass);
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
