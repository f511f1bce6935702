import { renderContextsSection } from './contexts-section.js';
import { CONTEXTS_DEMO, TOUR } from './tour.js';
import { renderTourTable } from './tour-table.js';

/** The parts of docs/sample-app.md generated from tour.ts, by the name in their markers. */
export function generatedSections(): Record<string, string> {
  return { tour: renderTourTable(TOUR), contexts: renderContextsSection(CONTEXTS_DEMO) };
}

const start = (name: string) => `<!-- ${name}:start — generated from sample-app/tour/tour.ts by \`npm run docs:tour\`; edit the list, not this -->`;
const end = (name: string) => `<!-- ${name}:end -->`;

/** The text between the markers named `name`; throws when they are missing. */
export function sectionOf(markdown: string, name: string): string {
  const { from, to } = bounds(markdown, name);
  return markdown.slice(from, to).trim();
}

/** `markdown` with every generated section rewritten. */
export function withGeneratedSections(markdown: string): string {
  let result = markdown;
  for (const [name, content] of Object.entries(generatedSections())) {
    const { from, to } = bounds(result, name);
    result = `${result.slice(0, from)}\n${content}\n${result.slice(to)}`;
  }
  return result;
}

function bounds(markdown: string, name: string): { from: number; to: number } {
  const opening = markdown.indexOf(start(name));
  const to = markdown.indexOf(end(name));
  if (opening < 0 || to < opening) throw new Error(`docs/sample-app.md has lost the markers of its "${name}" section: put\n${start(name)}\n${end(name)}\nwhere it goes`);
  return { from: opening + start(name).length, to };
}
