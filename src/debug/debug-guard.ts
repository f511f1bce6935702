import { debugInProductionMessage } from '../core/error-handlers.messages.js';
import type { ErrorHandlersModuleOptions } from '../interfaces/error-handlers-options.interface.js';

/**
 * SPEC section 7: debug responses expose internals, so they are refused
 * where NODE_ENV says production, unless the app forces them explicitly.
 * `NODE_ENV` is read at bootstrap, when the options are known.
 */
export function assertDebugAllowed(options: ErrorHandlersModuleOptions, env: NodeJS.ProcessEnv = process.env): void {
  if (!options.debug || options.allowDebugInProduction === true) return;
  const nodeEnv = (env.NODE_ENV ?? '').trim();
  if (nodeEnv.toLowerCase() === 'production') throw new Error(debugInProductionMessage(nodeEnv));
}
