/** The object form of the `debug` option; `debug: true` is `debug: {}`. */
export interface DebugOptions {
  /**
   * An inspector is attached (`node --inspect`): debugging is handed to it.
   * The module stops rendering its HTML traceback page, so browsers get the
   * plain answer (JSON with its `debug` field, or the HTML error page when
   * `htmlErrorPage` is set), and the inspector's pause-on-exception is the
   * tool. Try `inspector: inspector.url() !== undefined` (from `node:inspector`)
   * to follow the `--inspect` flag automatically.
   */
  inspector?: boolean;
  /** Source lines shown on each side of an app frame's line on the traceback page (default 5). */
  contextLines?: number;
  /**
   * Flask's `PROPAGATE_EXCEPTIONS`: in debug mode an unhandled error that is
   * not an HTTP error is not given to your 500 handlers (SPEC section 3,
   * step 3); the traceback answers it, so you see the real error. Handlers
   * registered for the error's own class still run. Default true; false
   * lets 500 handlers answer it as in production.
   */
  propagate?: boolean;
}
