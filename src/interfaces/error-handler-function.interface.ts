import type { ArgumentsHost } from '@nestjs/common';

/** The handler contract of SPEC section 4. */
export type ErrorHandlerFunction<E = unknown> = (error: E, host: ArgumentsHost) => unknown;
