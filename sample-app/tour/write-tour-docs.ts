import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { withGeneratedSections } from './docs-sections.js';

/**
 * `npm run docs:tour`: rewrites the parts of docs/sample-app.md made from
 * tour.ts (the tour table, the contexts demo). Runs compiled
 * (build/sample-app/tour/), so the page is three folders up.
 */
const page = fileURLToPath(new URL('../../../docs/sample-app.md', import.meta.url));
const before = readFileSync(page, 'utf8');
const after = withGeneratedSections(before);
if (after === before) {
  console.log(`${page}: already up to date`);
} else {
  writeFileSync(page, after);
  console.log(`${page}: rewritten from sample-app/tour/tour.ts`);
}
