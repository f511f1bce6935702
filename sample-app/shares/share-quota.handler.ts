import { ErrorResponse } from 'nestjs-error-handlers';
import type { ShareQuotaExceededError } from './shares.errors.js';

/**
 * A plain function, not a decorated method: SharesModule registers it with
 * `ErrorHandlerRegistry.register()`, Flask's `register_error_handler`. It has
 * the same contract as a decorated handler, and the same precedence as one
 * declared on a provider of SharesModule.
 */
export function shareQuotaExceeded(error: ShareQuotaExceededError) {
  return new ErrorResponse({ error: 'share-quota-exceeded', message: error.message, limit: error.limit, hint: 'remove a share link first' }, 403);
}
