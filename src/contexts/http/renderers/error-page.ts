import type { DefaultResponse } from '../../../core/default-response.js';
import type { ErrorPage } from '../../../pages/error-page.interface.js';
import { publicMessage, reasonPhrase } from '../../../pages/status-text.js';

/** What the HTML error page shows for a default response: only what is meant for the client. */
export function toErrorPage(answer: DefaultResponse): ErrorPage {
  const title = reasonPhrase(answer.status);
  const message = publicMessage(answer);
  const text = Array.isArray(message) ? message.join('; ') : message;
  return { status: answer.status, title, message: text || title };
}
