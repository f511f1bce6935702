import type { ErrorHandlerExplanation } from '../interfaces/error-handler-explanation.interface.js';
import { html, type SafeHtml } from '../pages/html.js';
import { PAGE_STYLE } from '../pages/page-style.js';
import { reasonPhrase } from '../pages/status-text.js';
import type { DebugDetails } from './debug-details.js';
import type { ErrorLink } from './error-chain.js';
import type { SourceExcerpt, SourceReader } from './source-reader.js';
import type { StackFrame } from './stack-frames.js';

/**
 * The HTML traceback page of debug mode. Every value goes through the `html`
 * tag, so messages, function names, paths and source lines print as text.
 * No script, no form, nothing loaded: there is no console to abuse.
 */
export function debugPage(details: DebugDetails, status: number, sources: SourceReader): SafeHtml {
  const [error, ...causes] = details.chain;
  const heading = `${status} ${reasonPhrase(status)}`;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${heading} · ${error.name}</title>
${PAGE_STYLE}
</head>
<body>
<main>
<div class="error-head">
<p class="status">${heading}${details.method && html` · <span class="mono">${details.method} ${details.url}</span>`}</p>
<h1>${error.name}</h1>
${error.message && html`<p class="message mono">${error.message}</p>`}
</div>
${explanationSection(details.explanation)}
<h2>Traceback <span class="muted">(most recent call first)</span></h2>
${framesList(error, sources)}
${causes.map((cause) => causeSection(cause, sources))}
<footer>Debug mode is on (<code>debug</code> option of ErrorHandlersModule): this page shows internals and must never reach production users.</footer>
</main>
</body>
</html>`;
}

function explanationSection(explanation: ErrorHandlerExplanation | undefined): SafeHtml {
  if (!explanation) return html``;
  return html`<h2>Which handler?</h2>
<p>${explanation.summary}</p>
<p class="muted">Scopes searched, nearest first:</p>
<ol class="scopes mono">${explanation.searched.map((scope) => html`<li>${scope}</li>`)}</ol>`;
}

function causeSection(cause: ErrorLink, sources: SourceReader): SafeHtml {
  return html`<h2>Caused by: ${cause.name}</h2>
${cause.message && html`<p class="message mono">${cause.message}</p>`}
${framesList(cause, sources)}`;
}

/** App frames open with their source; runs of dependency and Node frames fold into one line. */
function framesList({ frames }: ErrorLink, sources: SourceReader): SafeHtml {
  if (frames.length === 0) return html`<p class="muted">No stack trace.</p>`;
  const items: SafeHtml[] = [];
  let others: StackFrame[] = [];
  for (const frame of frames) {
    const excerpt = sources.excerpt(frame);
    if (!excerpt) {
      others.push(frame);
      continue;
    }
    if (others.length > 0) items.push(otherFrames(others));
    others = [];
    items.push(appFrame(frame, excerpt));
  }
  if (others.length > 0) items.push(otherFrames(others));
  return html`<ol class="frames">${items}</ol>`;
}

function appFrame(frame: StackFrame, excerpt: SourceExcerpt): SafeHtml {
  const lines = excerpt.lines.map((text, index) => {
    const number = excerpt.firstLine + index;
    return html`<span class="line${number === excerpt.line ? ' hit' : ''}"><span class="ln">${number}</span>${text}</span>`;
  });
  return html`<li class="frame"><div class="where mono"><span class="fn">${frame.fn ?? '(anonymous)'}</span> <span class="muted">${excerpt.file}:${frame.line}:${frame.column}</span></div><pre><code>${lines}</code></pre></li>`;
}

function otherFrames(frames: StackFrame[]): SafeHtml {
  const label = frames.length === 1 ? '1 frame' : `${frames.length} frames`;
  return html`<li class="other mono"><details><summary>${label} outside the app's source</summary><ol>${frames.map(
    (frame) => html`<li>${frame.text}</li>`,
  )}</ol></details></li>`;
}
