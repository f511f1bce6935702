import type { HttpServer } from '@nestjs/common';
import type { ErrorHandlerRegistry } from '../error-handler.registry.js';
import { NestBodyRenderer, type ErrorRenderer } from '../error-renderer.js';
import type { ErrorHandlersModuleOptions } from '../interfaces/error-handlers-options.interface.js';

/** Chooses how default responses are written, from the module's options. */
export function createErrorRenderer(
  _options: ErrorHandlersModuleOptions,
  httpAdapter: HttpServer,
  _registry: ErrorHandlerRegistry,
): ErrorRenderer {
  return new NestBodyRenderer(httpAdapter);
}
