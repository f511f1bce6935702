import type { ErrorHandlersModuleOptions } from '../interfaces/error-handlers-options.interface.js';

/** The `debug` option, resolved: absent when debug mode is off. */
export interface DebugSettings {
  /** False when an inspector takes over (`debug: { inspector: true }`). */
  tracebackPage: boolean;
  contextLines: number;
}

const DEFAULT_CONTEXT_LINES = 5;

/** Reads an option already checked by `isValidDebugOption` at bootstrap. */
export function debugSettings({ debug }: ErrorHandlersModuleOptions): DebugSettings | undefined {
  if (!debug) return undefined;
  const { inspector = false, contextLines = DEFAULT_CONTEXT_LINES } = debug === true ? {} : debug;
  return { tracebackPage: !inspector, contextLines };
}

export function isValidDebugOption(debug: unknown): boolean {
  if (debug === undefined || typeof debug === 'boolean') return true;
  if (typeof debug !== 'object' || debug === null) return false;
  const { contextLines } = debug as { contextLines?: unknown };
  return contextLines === undefined || (Number.isInteger(contextLines) && (contextLines as number) >= 0);
}
