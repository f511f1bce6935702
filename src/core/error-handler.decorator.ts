import type { ArgumentsHost } from '@nestjs/common';
import { ERROR_HANDLER_METADATA } from './constants.js';
import { recordDecoratedClass } from './decorated-classes.js';
import type { ErrorForKey, ErrorHandlerKeys } from '../interfaces/error-handler-key.interface.js';
import type { ErrorHandlerOptions } from '../interfaces/error-handler-options.interface.js';

/** One `@ErrorHandler()` application, as stored on the method. */
export interface ErrorHandlerRegistration {
  keys: unknown[];
  options: ErrorHandlerOptions;
}

/**
 * A method decorator that accepts only methods whose first parameter can
 * receive `E`. The check is a conditional type, not a constraint on `M`, so
 * `applyDecorators()` (which sees a plain `MethodDecorator`, a wide key and
 * an unknown method) still accepts it. The method is compared with a function
 * type, not a method type: a method's parameters are compared both ways,
 * which would let `(e: UserNotFound)` through for an `Error` key.
 */
export type ErrorHandlerDecorator<E> = <M, P extends string | symbol>(
  target: unknown,
  propertyKey: P,
  descriptor: TypedPropertyDescriptor<M> & AcceptsError<M, P, E>,
) => void;

type AcceptsError<M, P, E> = string extends P
  ? unknown
  : M extends (error: E, host: ArgumentsHost) => unknown
    ? unknown
    : { '@ErrorHandler(): the first parameter must accept': E };

/**
 * Marks a method of a provider or controller as the handler for an exception
 * class or HTTP status code (or an array of these). May be stacked. Keys are
 * validated at bootstrap, where the class and method can be named; the
 * method's first parameter is checked against the key at compile time.
 */
export function ErrorHandler<K extends ErrorHandlerKeys>(key: K, options: ErrorHandlerOptions = {}): ErrorHandlerDecorator<ErrorForKey<K>> {
  return (target, _propertyKey, descriptor) => {
    recordDecoratedClass(target);
    const method = descriptor.value as object;
    const existing: ErrorHandlerRegistration[] = Reflect.getMetadata(ERROR_HANDLER_METADATA, method) ?? [];
    const keys: unknown[] = Array.isArray(key) ? [...key] : [key];
    Reflect.defineMetadata(ERROR_HANDLER_METADATA, [...existing, { keys, options }], method);
  };
}
