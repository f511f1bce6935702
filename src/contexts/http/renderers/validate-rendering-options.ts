import { assertDebugAllowed } from '../../../debug/debug-guard.js';
import { isValidDebugOption } from '../../../debug/debug-settings.js';
import { invalidClientErrorLogLevelMessage, invalidDebugOptionMessage, invalidHtmlErrorPageMessage, unknownResponseFormatMessage } from '../../../core/error-handlers.messages.js';
import type { ErrorHandlersModuleOptions } from '../../../interfaces/error-handlers-options.interface.js';

const RESPONSE_FORMATS: ReadonlyArray<unknown> = [undefined, 'nest', 'problem+json'];
const LOG_LEVELS: ReadonlyArray<unknown> = [undefined, 'log', 'warn', 'error', 'debug', 'verbose', 'fatal'];

/**
 * Bootstrap checks of the options that shape default responses: a typo in
 * `responseFormat` or a `debug: "yes"` (options often come from a config
 * file) fails the start instead of silently meaning something else.
 */
export function validateRenderingOptions(options: ErrorHandlersModuleOptions): void {
  if (!isValidDebugOption(options.debug)) throw new Error(invalidDebugOptionMessage(options.debug));
  assertDebugAllowed(options);
  if (!RESPONSE_FORMATS.includes(options.responseFormat)) throw new Error(unknownResponseFormatMessage(options.responseFormat));
  if (!LOG_LEVELS.includes(options.clientErrorLogLevel)) throw new Error(invalidClientErrorLogLevelMessage(options.clientErrorLogLevel));
  const page = options.htmlErrorPage;
  if (page !== undefined && typeof page !== 'boolean' && typeof page !== 'function') throw new Error(invalidHtmlErrorPageMessage(page));
}
