import { commandLine } from './commands.js';
import { answerParts } from './step-text.js';
import type { TourStep } from './tour-step.js';

/** Arrays longer than this print their first item and a count: the table shows shapes, the test checks every item. */
const SHOWN_ITEMS = 1;
const MORE = '\u0000more:';

/**
 * The tour as a markdown table: one row per step, numbered, with the command
 * that sends it, the answer it gets and what it shows, all from tour.ts.
 */
export function renderTourTable(steps: readonly TourStep[]): string {
  const rows = steps.map((step, index) => {
    const answer = answerParts(step.context, step.expect, abbreviatedJson).map(code).join(' ');
    return `| ${index + 1} | ${code(commandLine(step))} | ${answer} | ${cell(step.description)} |`;
  });
  return ['| # | request | answer | what it shows |', '|---|---|---|---|', ...rows].join('\n');
}

function abbreviatedJson(value: unknown): string {
  const text = JSON.stringify(value, (_key, item: unknown) =>
    Array.isArray(item) && item.length > SHOWN_ITEMS + 1 ? [...item.slice(0, SHOWN_ITEMS), `${MORE}${item.length - SHOWN_ITEMS}`] : item,
  );
  return text.replace(/"\\u0000more:(\d+)"/g, '… $1 more');
}

/** A code span inside a table cell: GitHub needs `|` escaped even there. */
function code(text: string): string {
  const escaped = cell(text);
  return escaped.includes('`') ? `\`\` ${escaped} \`\`` : `\`${escaped}\``;
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|');
}
