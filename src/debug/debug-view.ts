import type { HttpServer, Type } from '@nestjs/common';
import type { ErrorHandlerRegistry } from '../core/error-handler.registry.js';
import { DebugDetailsCollector, type DebugDetails } from './debug-details.js';
import type { ErrorDebugInfo } from './debug-info.interface.js';
import { toDebugInfo } from './debug-json.js';
import { debugPage } from './debug-page.template.js';
import type { DebugSettings } from './debug-settings.js';
import { SourceReader } from './source-reader.js';

/** What debug mode adds to default responses: the `debug` JSON field and, unless an inspector took over, the traceback page. */
export class DebugView {
  private readonly collector: DebugDetailsCollector;
  private readonly sources?: SourceReader;

  constructor(httpAdapter: HttpServer, registry: ErrorHandlerRegistry, settings: DebugSettings) {
    this.collector = new DebugDetailsCollector(httpAdapter, registry);
    // The working directory is the app's root: the files under it, outside node_modules, are "the app's own".
    if (settings.tracebackPage) this.sources = new SourceReader(settings.contextLines, process.cwd());
  }

  get hasPage(): boolean {
    return this.sources !== undefined;
  }

  collect(error: unknown, request: unknown, endpoint: Type | undefined): DebugDetails {
    return this.collector.collect(error, request, endpoint);
  }

  json(details: DebugDetails): ErrorDebugInfo {
    return toDebugInfo(details);
  }

  /** The traceback page, or nothing when an inspector took over. */
  page(details: DebugDetails, status: number): string | undefined {
    return this.sources && debugPage(details, status, this.sources).toString();
  }
}
