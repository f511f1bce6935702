import { Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ERROR_HANDLER_METADATA, NEST_HEADERS_METADATA, NEST_HTTP_CODE_METADATA } from './constants.js';
import type { ErrorHandlerRegistration } from './error-handler.decorator.js';
import type { HandlerHeader } from './handler-entry.js';

/** Reads what decorators stored on a handler method. */
@Injectable()
export class ErrorHandlersMetadataAccessor {
  constructor(private readonly reflector: Reflector) {}

  getRegistrations(method: Function): ErrorHandlerRegistration[] {
    return this.reflector.get<ErrorHandlerRegistration[] | undefined>(ERROR_HANDLER_METADATA, method) ?? [];
  }

  getHttpCode(method: Function): number | undefined {
    return this.reflector.get<number | undefined>(NEST_HTTP_CODE_METADATA, method);
  }

  getHeaders(method: Function): HandlerHeader[] {
    return this.reflector.get<HandlerHeader[] | undefined>(NEST_HEADERS_METADATA, method) ?? [];
  }
}
