import { html, type SafeHtml } from '../../../pages/html.js';
import type { ErrorPage } from '../../../pages/error-page.interface.js';
import { PAGE_STYLE } from '../../../pages/page-style.js';

/** The built-in HTML error page (`htmlErrorPage: true`). */
export function defaultErrorPage({ status, title, message }: ErrorPage): SafeHtml {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${status} ${title}</title>
${PAGE_STYLE}
</head>
<body>
<main>
<div class="error-head">
<p class="status">${status}</p>
<h1>${title}</h1>
${message !== title && html`<p class="message">${message}</p>`}
</div>
</main>
</body>
</html>`;
}
