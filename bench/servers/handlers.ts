import { HttpException, Injectable, type Type } from '@nestjs/common';
import { ErrorHandler } from 'nestjs-error-handlers';
import { DeepRootException, generateExceptionClasses } from '../fixtures/exception-classes.js';
import { HANDLED_ERROR_LABEL } from './variants.js';

/**
 * Handles the error-path route. Registered for the root of the deep
 * hierarchy, so the thrown leaf is 20 prototypes away from its key. The body
 * has the shape and size of the one Nest's filter sends, only the label
 * differs, so both variants write the same bytes.
 */
@Injectable()
export class DeepErrorHandlers {
  @ErrorHandler(DeepRootException)
  handleDeep(error: HttpException): { message: string; error: string; statusCode: number } {
    return { message: error.message, error: HANDLED_ERROR_LABEL, statusCode: error.getStatus() };
  }
}

/**
 * A provider with one `@ErrorHandler()` method per generated exception class,
 * decorated by calling the decorator by hand, as TypeScript would have, before
 * Nest bootstraps.
 */
export function generatedHandlersProvider(count: number): Type {
  class GeneratedErrorHandlers {}
  generateExceptionClasses(count).forEach((errorClass, index) => {
    defineHandler(GeneratedErrorHandlers.prototype, `handle${index}`, errorClass);
  });
  Injectable()(GeneratedErrorHandlers);
  return GeneratedErrorHandlers;
}

function defineHandler(prototype: object, name: string, errorClass: Type<Error>): void {
  // A new function per method: the decorator stores its keys on the function
  // itself, so a shared one would carry every key at once.
  const handler = function (this: unknown, error: Error) {
    return { message: error.message, handler: name };
  };
  Object.defineProperty(prototype, name, { value: handler, writable: true, configurable: true, enumerable: false });
  ErrorHandler(errorClass)(prototype, name, Object.getOwnPropertyDescriptor(prototype, name)!);
}
