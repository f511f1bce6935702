/** Options of one `@ErrorHandler()` registration. */
export interface ErrorHandlerOptions {
  /** Overrides the reporting policy for errors this handler handles. */
  report?: boolean;
}
