import { HttpException, type HttpExceptionOptions } from '@nestjs/common';

/** A class made by `createHttpException()`: an `HttpException` with a fixed status. */
export interface FixedStatusHttpExceptionClass {
  new (objectOrError?: string | object, descriptionOrOptions?: string | HttpExceptionOptions): HttpException;
  readonly status: number;
}

/**
 * Makes an `HttpException` class with a fixed status, for codes Nest has no
 * class for (e.g. 507). Its bodies have the shape of Nest's built-in classes,
 * and its static `status` makes it the code key for that status.
 */
export function createHttpException(status: number, defaultMessage: string): FixedStatusHttpExceptionClass {
  const FixedStatusException = class extends HttpException {
    static readonly status = status;
    constructor(objectOrError?: string | object, descriptionOrOptions: string | HttpExceptionOptions = defaultMessage) {
      const { description, httpExceptionOptions } = HttpException.extractDescriptionAndOptionsFrom(descriptionOrOptions);
      // Same body shapes as Nest's built-in classes (e.g. NotFoundException).
      super(HttpException.createBody(objectOrError as never, description ?? defaultMessage, status), status, httpExceptionOptions);
    }
  };
  Object.defineProperty(FixedStatusException, 'name', { value: `${defaultMessage.replace(/\W/g, '')}Exception` });
  return FixedStatusException;
}
