import type { ErrorHandlersModuleOptions } from '../interfaces/error-handlers-options.interface.js';

/** The `debug` option, resolved: absent when debug mode is off. */
export interface DebugSettings {
  /** False when an inspector takes over (`debug: { inspector: true }`). */
  tracebackPage: boolean;
  contextLines: number;
  /** An unhandled non-HTTP error skips 500 handlers and reaches the traceback (SPEC section 7). */
  propagate: boolean;
}

const DEFAULT_CONTEXT_LINES = 5;

/** Reads an option already checked by `isValidDebugOption` at bootstrap. */
export function debugSettings({ debug }: ErrorHandlersModuleOptions): DebugSettings | undefined {
  if (!debug) return undefined;
  const { inspector = false, contextLines = DEFAULT_CONTEXT_LINES, propagate = true } = debug === true ? {} : debug;
  return { tracebackPage: !inspector, contextLines, propagate };
}

export function isValidDebugOption(debug: unknown): boolean {
  if (debug === undefined || typeof debug === 'boolean') return true;
  if (typeof debug !== 'object' || debug === null) return false;
  const { contextLines, propagate } = debug as { contextLines?: unknown; propagate?: unknown };
  if (propagate !== undefined && typeof propagate !== 'boolean') return false;
  return contextLines === undefined || (Number.isInteger(contextLines) && (contextLines as number) >= 0);
}
