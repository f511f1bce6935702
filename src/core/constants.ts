/** Metadata key under which `@ErrorHandler()` stores its registrations on a method. */
export const ERROR_HANDLER_METADATA = 'nestjs-error-handlers:handler';

/** The lowest and highest HTTP status a code key may name (SPEC section 8). */
export const MIN_ERROR_STATUS = 400;
export const MAX_ERROR_STATUS = 599;
