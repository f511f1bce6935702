import { html, type SafeHtml } from 'nestjs-error-handlers';
import type { DemoRoute } from './demo-routes.js';

/**
 * The index for browsers: the same routes as the JSON, as a table. Built with
 * the library's `html` tag, which escapes every interpolated value.
 */
export function indexPage(title: string, routes: DemoRoute[]): SafeHtml {
  const rows = routes.map(
    (route) => html`<tr>
      <td><code>${route.method}</code></td>
      <td>${route.method === 'GET' ? html`<a href="${route.path}"><code>${route.path}</code></a>` : html`<code>${route.path}</code>`}${
        route.body && html`<br><small>body <code>${JSON.stringify(route.body)}</code></small>`
      }</td>
      <td>${route.description}</td>
    </tr>`,
  );
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>
  body { font: 15px/1.45 system-ui, sans-serif; margin: 1.5rem; color: #1f2328; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; vertical-align: top; padding: .35rem .6rem; border-bottom: 1px solid #d0d7de; }
  code { font: 13px ui-monospace, monospace; overflow-wrap: anywhere; }
</style>
</head>
<body>
<h1>${title}</h1>
<p>Every demo route, in the order the README walks through them (the fake disk, the share links and the outbox keep state).
API clients get the same list as JSON from this URL (<code>curl</code> does); routes other than GET need curl or similar.</p>
<table>
<thead><tr><th>method</th><th>path</th><th>what it shows</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</body>
</html>
`;
}
