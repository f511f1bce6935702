import { createHash } from 'node:crypto';
import { SafeHtml } from './html.js';

/**
 * The one stylesheet of the built-in pages (error page and debug page):
 * inline, so the pages load nothing; readable on a phone, where only code
 * blocks may scroll sideways.
 */
const CSS = `
:root{color-scheme:light dark;--fg:#1f2328;--muted:#59636e;--bg:#fff;--panel:#f6f8fa;--line:#d1d9e0;--accent:#cf222e;--hit:#fff5b1}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9198a1;--bg:#0d1117;--panel:#151b23;--line:#3d444d;--accent:#ff7b72;--hit:#3b2e00}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;overflow-wrap:anywhere}
main{max-width:64rem;margin:0 auto;padding:1rem}
code,pre,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.status{margin:0;color:var(--accent);font-weight:600;font-size:.85rem;letter-spacing:.03em}
h1{margin:.25rem 0;font-size:1.5rem;line-height:1.25}
h2{margin:1.75rem 0 .5rem;padding-bottom:.25rem;border-bottom:1px solid var(--line);font-size:1.1rem}
.message{margin:.5rem 0;white-space:pre-wrap;font-size:1.05rem}
.error-head{border-left:4px solid var(--accent);padding-left:.75rem}
.muted,footer{color:var(--muted)}
footer{margin-top:2rem;font-size:.85rem}
ol.frames{list-style:none;margin:0;padding:0}
.frame{margin:.5rem 0;border:1px solid var(--line);border-radius:6px;overflow:hidden}
.where{padding:.4rem .6rem;background:var(--panel);font-size:.85rem}
.fn{font-weight:600}
pre{margin:0;padding:.4rem 0;overflow-x:auto;font-size:.8rem;line-height:1.45}
pre code{display:inline-block;min-width:100%}
.line{display:block;padding-right:.75rem;white-space:pre}
.line.hit{background:var(--hit)}
.ln{position:sticky;left:0;display:inline-block;min-width:3.5em;padding:0 .75em 0 .5em;text-align:right;color:var(--muted);background:var(--bg);user-select:none}
.hit .ln{background:var(--hit)}
.other{margin:.25rem 0;padding:.2rem .6rem;font-size:.8rem;color:var(--muted)}
.other ol{margin:.25rem 0 0;padding-left:1.25rem}
summary{cursor:pointer}
ol.scopes{margin:.25rem 0;padding-left:1.5rem}
`.trim();

export const PAGE_STYLE = new SafeHtml(`<style>${CSS}</style>`);

/**
 * For the built-in pages only: nothing but their own stylesheet may load or
 * run, a second line of defence behind escaping. (A custom template may load
 * what it likes, so it gets no policy from us.)
 */
export const BUILT_IN_PAGE_POLICY = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(CSS).digest('base64')}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
