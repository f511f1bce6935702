import type { ExceptionFilter } from '@nestjs/common';

/** Where `@Catch()` keeps its exception types: on the prototype in Nest 12, on the class in Nest 11 (and 12). */
const CATCH_METADATA = '__filterCatchExceptions__';

const catchTypesCache = new WeakMap<object, readonly unknown[]>();

/**
 * The first of the app's own filters, in the order given, whose `@Catch()`
 * types take `exception` (no types: everything), as Nest's
 * `selectExceptionFilterMetadata` picks. Never throws.
 */
export function selectAppFilter(filters: readonly ExceptionFilter[], exception: unknown): ExceptionFilter | undefined {
  for (const filter of filters) {
    const types = catchTypesOf(filter);
    if (types.length === 0 || types.some((type) => isInstance(exception, type))) return filter;
  }
  return undefined;
}

function catchTypesOf(filter: ExceptionFilter): readonly unknown[] {
  let types = catchTypesCache.get(filter);
  if (!types) {
    const declared: unknown = Reflect.getMetadata(CATCH_METADATA, Object.getPrototypeOf(filter)) ?? Reflect.getMetadata(CATCH_METADATA, filter.constructor);
    types = Array.isArray(declared) ? declared : [];
    catchTypesCache.set(filter, types);
  }
  return types;
}

function isInstance(value: unknown, type: unknown): boolean {
  try {
    return typeof type === 'function' && value instanceof type;
  } catch {
    // A hostile Proxy's traps: as Nest would fail to match it, no filter takes it.
    return false;
  }
}
