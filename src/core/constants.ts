/** Metadata key under which `@ErrorHandler()` stores its registrations on a method. */
export const ERROR_HANDLER_METADATA = 'nestjs-error-handlers:handler';

/** The lowest and highest HTTP status a code key may name (SPEC section 8). */
export const MIN_ERROR_STATUS = 400;
export const MAX_ERROR_STATUS = 599;

/**
 * Nest's own metadata keys, spelled as both Nest 11 and Nest 12 spell them.
 * Defined here rather than imported: Nest 12 moved them to
 * `@nestjs/common/internal`, a path Nest 11 does not have (issue 13).
 */
export const NEST_EXCEPTION_FILTERS_METADATA = '__exceptionFilters__';
export const NEST_HTTP_CODE_METADATA = '__httpCode__';
export const NEST_HEADERS_METADATA = '__headers__';
export const NEST_PATH_METADATA = 'path';
export const NEST_METHOD_METADATA = 'method';
