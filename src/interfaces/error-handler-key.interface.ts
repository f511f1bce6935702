/** Any class whose instances may be thrown: `Error`, `HttpException`, a domain error... */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ErrorClass = abstract new (...args: any[]) => unknown;

/** What a handler is registered for: an exception class or an HTTP status code (400–599). */
export type ErrorHandlerKey = ErrorClass | number;
