/**
 * A handler's explicit answer: body, status and headers. Status defaults to
 * the handler's `@HttpCode()`, else the error's status, else 500.
 */
export class ErrorResponse<T = unknown> {
  constructor(
    readonly body: T,
    readonly status?: number,
    readonly headers: Record<string, string> = {},
  ) {}
}
