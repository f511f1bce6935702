import { ERROR_HANDLER_METADATA } from './constants.js';
import type { ErrorHandlerKey } from '../interfaces/error-handler-key.interface.js';
import type { ErrorHandlerOptions } from '../interfaces/error-handler-options.interface.js';

/** One `@ErrorHandler()` application, as stored on the method. */
export interface ErrorHandlerRegistration {
  keys: unknown[];
  options: ErrorHandlerOptions;
}

/**
 * Marks a method of a provider or controller as the handler for an exception
 * class or HTTP status code (or an array of these). May be stacked. Keys are
 * validated at bootstrap, where the class and method can be named.
 */
export function ErrorHandler(
  key: ErrorHandlerKey | ErrorHandlerKey[],
  options: ErrorHandlerOptions = {},
): MethodDecorator {
  return (_target, _propertyKey, descriptor) => {
    const method = descriptor.value as object;
    const existing: ErrorHandlerRegistration[] = Reflect.getMetadata(ERROR_HANDLER_METADATA, method) ?? [];
    const keys = Array.isArray(key) ? [...key] : [key];
    Reflect.defineMetadata(ERROR_HANDLER_METADATA, [...existing, { keys, options }], method);
    return descriptor;
  };
}
