import type { HttpServer } from '@nestjs/common';
import { debugSettings } from '../../../debug/debug-settings.js';
import { DebugView } from '../../../debug/debug-view.js';
import type { ErrorHandlerRegistry } from '../../../core/error-handler.registry.js';
import { NestBodyRenderer, type ErrorRenderer } from '../error-renderer.js';
import type { HttpWriter } from '../http-writer.js';
import type { ErrorHandlersModuleOptions } from '../../../interfaces/error-handlers-options.interface.js';
import { defaultErrorPage } from './error-page.template.js';
import { NegotiatingRenderer } from './negotiating-renderer.js';

/**
 * Chooses how default responses are written, from the module's options.
 * With none of them set, Nest's body is written exactly as Nest writes it:
 * no negotiation, no extra header (the drop-in).
 */
export function createErrorRenderer(
  options: ErrorHandlersModuleOptions,
  httpAdapter: HttpServer,
  writer: HttpWriter,
  registry: ErrorHandlerRegistry,
): ErrorRenderer {
  const debug = debugSettings(options);
  const problemJson = options.responseFormat === 'problem+json';
  const { htmlErrorPage } = options;
  if (!debug && !problemJson && !htmlErrorPage) return new NestBodyRenderer(writer);
  return new NegotiatingRenderer(httpAdapter, writer, {
    problemJson,
    errorPage: typeof htmlErrorPage === 'function' ? htmlErrorPage : htmlErrorPage ? defaultErrorPage : undefined,
    builtInErrorPage: htmlErrorPage === true,
    debug: debug && new DebugView(httpAdapter, registry, debug),
  });
}
