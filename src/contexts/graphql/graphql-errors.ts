import { INTERNAL_SERVER_ERROR_CODE, statusNames } from './graphql-codes.js';

/**
 * What the module uses of the `graphql` package, loaded at bootstrap (it is
 * an optional peer: never imported statically, so its types are not either).
 */
export interface GraphqlPackage {
  GraphQLError: new (message: string, options?: GraphqlErrorOptions) => Error & { extensions?: Record<string, unknown> };
  locatedError(value: unknown, nodes: unknown): Error;
}

interface GraphqlErrorOptions {
  extensions?: Record<string, unknown>;
}

/** The message an unhandled internal error gets outside debug mode (SPEC section 5 over parity, section 10). */
export const INTERNAL_ERROR_MESSAGE = 'Internal server error';

/** graphql-js's own brand check (`Symbol.toStringTag`), which holds across copies of the package. */
export function isGraphqlError(value: unknown): value is Error & { extensions?: Record<string, unknown> } {
  try {
    return Object.prototype.toString.call(value) === '[object GraphQLError]';
  } catch {
    return false;
  }
}

/**
 * Makes the errors a resolver's field resolves to. The value returned to
 * Nest is an `Error`: graphql-js raises an `Error` a resolver returns as that
 * field's error, so the rest of the query still resolves. None is located
 * here (no path): graphql-js locates it, in its own copy of the package.
 */
export class GraphqlErrors {
  constructor(private readonly graphql: GraphqlPackage | undefined) {}

  /**
   * A handler's body and status as the field's error (SPEC section 10):
   * message from `body.message` (else the status text), `extensions` with
   * `code` (from `body.code`, else the status's), `status`, and the body's other fields.
   */
  fromBody(body: unknown, status: number, eventId: string | undefined): Error {
    const names = statusNames(status);
    const fields = isPlainRecord(body) ? body : undefined;
    const message = typeof fields?.message === 'string' ? fields.message : typeof body === 'string' ? body : names.text;
    const extensions: Record<string, unknown> = { code: typeof fields?.code === 'string' ? fields.code : names.code, status };
    if (fields) {
      for (const key of Object.keys(fields)) {
        if (key === 'code' || key === 'status' || (key === 'message' && message === fields.message)) continue;
        extensions[key] = fields[key];
      }
    }
    if (eventId) extensions.eventId = eventId;
    return this.create(message, { extensions });
  }

  /** An internal error's stand-in: its message and stack stay in the process. */
  masked(eventId: string | undefined): Error {
    return this.create(INTERNAL_ERROR_MESSAGE, { extensions: eventId ? { code: INTERNAL_SERVER_ERROR_CODE, eventId } : { code: INTERNAL_SERVER_ERROR_CODE } });
  }

  /**
   * `value` raised as Nest raises it without the module (the driver renders
   * it as it always does); with an event id, carrying it in `extensions`.
   * A value that is not an `Error` becomes graphql-js's own error for it (a
   * returned non-error would be the field's data).
   */
  passedOn(value: unknown, eventId: string | undefined): Error {
    if (value instanceof Error) return eventId ? withEventId(value, eventId) : value;
    const converted = this.graphql?.locatedError(value, undefined) as (Error & { extensions?: Record<string, unknown> }) | undefined;
    if (!converted) return this.masked(eventId);
    if (eventId) converted.extensions = { ...converted.extensions, eventId };
    return converted;
  }

  /**
   * Without a stack: it would show only the module's own frames (Apollo
   * sends stacks to clients outside production), and capturing it twice
   * (Error, then GraphQLError) is most of what such an error costs.
   */
  private create(message: string, options: GraphqlErrorOptions): Error {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      if (this.graphql) return new this.graphql.GraphQLError(message, options);
      // Before bootstrap loaded graphql: graphql-js copies `extensions` from the error a resolver raises.
      return Object.assign(new Error(message), { extensions: options.extensions });
    } finally {
      Error.stackTraceLimit = limit;
    }
  }
}

/**
 * The error in every respect (class, message, status, response, stack: all
 * read through its prototype) but its own `extensions`, which graphql-js
 * copies to the field's error. The thrown error itself is left untouched,
 * and the field's error is still located by the graphql-js that runs the
 * query: errors made here may come from another copy of the package (a test
 * runner's), whose located errors a driver would not recognise.
 */
function withEventId(error: Error, eventId: string): Error {
  const own = (error as { extensions?: unknown }).extensions;
  const extensions = isPlainRecord(own) ? { ...own, eventId } : { eventId };
  return Object.create(error, { extensions: { value: extensions, enumerable: true, writable: true, configurable: true } }) as Error;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
