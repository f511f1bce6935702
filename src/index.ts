export { createHttpException, type FixedStatusHttpExceptionClass } from './create-http-exception.js';
export { ErrorHandler } from './decorators/error-handler.decorator.js';
export type { DefaultResponse } from './default-response.js';
export { ErrorHandlerRegistry } from './error-handler.registry.js';
export { ErrorHandlersModule } from './error-handlers.module.js';
export { ErrorReporter, type ErrorReportContext } from './error-reporter.js';
export { ErrorResponse } from './error-response.js';
export * from './interfaces/index.js';
