import { demoReport } from '../contexts/demo-report.js';
import { commandLine } from './commands.js';
import type { TourStep } from './tour-step.js';

/**
 * The contexts demo as a console session: curl for the HTTP and GraphQL
 * steps (their bodies), then `npm run demo:contexts` and what it prints when
 * every answer is the tour's.
 */
export function renderContextsSection(steps: readonly TourStep[]): string {
  const lines: string[] = [];
  for (const step of steps) {
    if (step.context !== 'http' && step.context !== 'graphql') continue;
    lines.push(`$ ${commandLine(step, '-s')}`, JSON.stringify(step.expect.body));
  }
  lines.push('$ npm run demo:contexts', demoReport(steps.map((step) => ({ step, answer: step.expect }))));
  return ['```console', ...lines, '```'].join('\n');
}
