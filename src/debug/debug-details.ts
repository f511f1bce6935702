import type { HttpServer, Type } from '@nestjs/common';
import type { ErrorHandlerRegistry } from '../core/error-handler.registry.js';
import type { ErrorHandlerExplanation } from '../interfaces/error-handler-explanation.interface.js';
import { readOr } from '../core/safe-error.js';
import { errorChain, type ErrorLink } from './error-chain.js';

/** Everything debug mode shows about one failed request. */
export interface DebugDetails {
  /** The error answered for, then its causes. */
  chain: ErrorLink[];
  /** `ErrorHandlerRegistry.explain()` for that error; absent if explaining failed. */
  explanation?: ErrorHandlerExplanation;
  method?: string;
  url?: string;
}

/** Gathers debug details; only constructed in debug mode. Never throws. */
export class DebugDetailsCollector {
  constructor(
    private readonly httpAdapter: HttpServer,
    private readonly registry: ErrorHandlerRegistry,
  ) {}

  /** `endpoint`: the controller whose route raised it, absent before routing. */
  collect(error: unknown, request: unknown, endpoint: Type | undefined): DebugDetails {
    return {
      chain: errorChain(error),
      explanation: readOr(() => this.registry.explain(error, { controller: endpoint }), undefined),
      method: readOr(() => String(this.httpAdapter.getRequestMethod?.(request) ?? ''), '') || undefined,
      url: readOr(() => String(this.httpAdapter.getRequestUrl?.(request) ?? ''), '') || undefined,
    };
  }
}
