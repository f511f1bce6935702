import type { SafeHtml } from './html.js';

/** What an HTML error page may show: nothing in it is internal detail. */
export interface ErrorPage {
  status: number;
  /** The status's reason phrase, e.g. `Not Found`. */
  title: string;
  /**
   * A 4xx `HttpException`'s message (a list is joined with `; `); for a 5xx,
   * and when there is no message, the reason phrase again.
   */
  message: string;
}

/**
 * Writes the HTML error page. Build it with the `html` tag, which escapes
 * every interpolated value; a plain string is sent as it is (escape it yourself).
 */
export type ErrorPageTemplate = (page: ErrorPage) => SafeHtml | string;
