import { isDeepStrictEqual } from 'node:util';
import { answerParts, requestLabel } from '../tour/step-text.js';
import type { TourStep } from '../tour/tour-step.js';

const CONTEXT_NAMES: Record<TourStep['context'], string> = { http: 'HTTP', graphql: 'GraphQL', ws: 'WebSocket', rpc: 'RPC' };

/** One step of the demo and what the running app answered. */
export interface Asked {
  step: TourStep;
  answer: TourStep['expect'];
}

/**
 * What `npm run demo:contexts` prints: per context, the request, the answer,
 * and whether it is the answer docs/sample-app.md shows (key order aside).
 */
export function demoReport(asked: readonly Asked[]): string {
  const lines = ['One @ErrorHandler, four contexts: SharesErrorHandlers.missingShare answers a missing share.', ''];
  for (const { step, answer } of asked) {
    lines.push(`${CONTEXT_NAMES[step.context].padEnd(10)} ${requestLabel(step)}`);
    lines.push(`${''.padEnd(10)} → ${answerParts(step.context, answer).join(' ')}`);
    if (!isDeepStrictEqual(answer, step.expect)) {
      lines.push(`${''.padEnd(10)} ✗ the tour (sample-app/tour/tour.ts) says: ${answerParts(step.context, step.expect).join(' ')}`);
    }
  }
  const differing = asked.filter(({ step, answer }) => !isDeepStrictEqual(answer, step.expect)).length;
  lines.push('', differing === 0 ? 'Every answer is the one docs/sample-app.md shows.' : `${differing} answer(s) differ from docs/sample-app.md (a changed app, or state left by earlier requests).`);
  return lines.join('\n');
}
