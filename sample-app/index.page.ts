import { html, type SafeHtml } from 'nestjs-error-handlers';
import type { TourEntry } from './tour/tour-index.js';

/**
 * The index for browsers: the same tour as the JSON, as a table. Built with
 * the library's `html` tag, which escapes every interpolated value.
 */
export function indexPage(title: string, tour: readonly TourEntry[]): SafeHtml {
  const rows = tour.map(
    (entry) => html`<tr>
      <td>${CONTEXT_NAMES[entry.context]}</td>
      <td>${request(entry)}</td>
      <td>${entry.description}</td>
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
<p>Every step of the tour, in order (the fake disk, the share links and the outbox keep state).
API clients get the same list as JSON from this URL (<code>curl</code> does); requests other than GET need curl or similar,
and <code>npm run demo:contexts</code> sends the GraphQL, WebSocket and RPC ones.</p>
<table>
<thead><tr><th>context</th><th>request</th><th>what it shows</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</body>
</html>
`;
}

const CONTEXT_NAMES: Record<TourEntry['context'], string> = { http: 'HTTP', graphql: 'GraphQL', ws: 'WebSocket', rpc: 'RPC' };

function request(entry: TourEntry): SafeHtml {
  switch (entry.context) {
    case 'http': {
      const path = entry.method === 'GET' ? html`<a href="${entry.path}"><code>${entry.path}</code></a>` : html`<code>${entry.path}</code>`;
      return html`<code>${entry.method}</code> ${path}${entry.body && html`<br><small>body <code>${JSON.stringify(entry.body)}</code></small>`}`;
    }
    case 'graphql':
      return html`<code>POST /graphql</code><br><small>query <code>${entry.query}</code></small>`;
    case 'ws':
      return html`socket.io: emit <code>${entry.event}</code> <code>${JSON.stringify(entry.data)}</code>`;
    case 'rpc':
      return html`TCP: send <code>${JSON.stringify(entry.pattern)}</code> <code>${JSON.stringify(entry.data)}</code>`;
  }
}
