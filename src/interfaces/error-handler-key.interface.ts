import type { HttpException } from '@nestjs/common';

/** Any class whose instances may be thrown: `Error`, `HttpException`, a domain error... */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ErrorClass = abstract new (...args: any[]) => unknown;

/** What a handler is registered for: an exception class or an HTTP status code (400–599). */
export type ErrorHandlerKey = ErrorClass | number;

/** One key, or several (the handler gets any of them). */
export type ErrorHandlerKeys = ErrorHandlerKey | readonly ErrorHandlerKey[];

/**
 * The error a handler registered for `K` receives: an instance of the class,
 * an `HttpException` for a status code, the union for a list. Nest's class
 * for a status (`NotFoundException`) is the same key as the number, so its
 * handler gets any `HttpException` of that status; typing it as the class is
 * still sound, as Nest's classes add no members to `HttpException`.
 */
export type ErrorForKey<K> = K extends readonly (infer Item)[] ? ErrorForSingleKey<Item> : ErrorForSingleKey<K>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ErrorForSingleKey<K> = K extends number ? HttpException : K extends abstract new (...args: any[]) => infer Instance ? Instance : never;
