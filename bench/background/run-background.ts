import { forkAndAwaitMessage, stopChild } from '../child-process.js';
import { summarize } from '../stats.js';
import { BACKGROUND_BODIES, type BackgroundBody, type BackgroundComparison, type BackgroundResults, type BackgroundRow, type BackgroundSample } from './results.js';

const COMPARISONS: readonly BackgroundComparison[] = ['wrapped-vs-bare', 'a-a'];

/** Which side of a comparison must be the module's wrapper. */
const EXPECTED_WRAPPED: Record<BackgroundComparison, { variant: boolean; baseline: boolean }> = {
  'wrapped-vs-bare': { variant: true, baseline: false },
  'a-a': { variant: false, baseline: false },
};

/**
 * The background-work bench: per round, per comparison and body, one fresh
 * process that times both sides in alternation (bench/background/worker.ts).
 * Rounds are the outer loop, so a slow patch of the machine hits every row alike.
 */
export async function runBackgroundBench(rounds: number, log: (line: string) => void = console.log): Promise<BackgroundResults> {
  const runs = COMPARISONS.flatMap((comparison) => BACKGROUND_BODIES.map((body) => ({ comparison, body, samples: [] as BackgroundSample[] })));
  for (let round = 0; round < rounds; round++) {
    for (const run of runs) {
      const sample = await measure(run.comparison, run.body);
      run.samples.push(sample);
      const cpu = `${sample.cpuRatio.toFixed(3)}× CPU (${sample.variantCpuNsPerCall.toFixed(1)} vs ${sample.baselineCpuNsPerCall.toFixed(1)} ns/call)`;
      log(`background round ${round + 1}/${rounds} ${run.comparison} ${run.body}: ${cpu}, ${sample.wallRatio.toFixed(3)}× wall`);
    }
  }
  const rows = runs.map(({ comparison, body, samples }): BackgroundRow => {
    const over = (of: (sample: BackgroundSample) => number) => summarize(samples.map(of));
    return {
      comparison,
      body,
      cpuRatio: over((sample) => sample.cpuRatio),
      wallRatio: over((sample) => sample.wallRatio),
      variantCpuNsPerCall: over((sample) => sample.variantCpuNsPerCall),
      baselineCpuNsPerCall: over((sample) => sample.baselineCpuNsPerCall),
      variantWallNsPerCall: over((sample) => sample.variantNsPerCall),
      baselineWallNsPerCall: over((sample) => sample.baselineNsPerCall),
    };
  });
  return { rounds, rows };
}

/** One fresh worker process; refuses a sample whose sides are not what they claim (wrapped or bare). */
async function measure(comparison: BackgroundComparison, body: BackgroundBody): Promise<BackgroundSample> {
  const { child, message } = await forkAndAwaitMessage<BackgroundSample>('./background/worker.js', [comparison, body]);
  await stopChild(child);
  if (message.type !== 'background') throw new Error(`Background worker sent an unexpected message: ${JSON.stringify(message)}`);
  const expected = EXPECTED_WRAPPED[comparison];
  if (message.variantWrapped !== expected.variant || message.baselineWrapped !== expected.baseline) {
    throw new Error(`Background worker (${comparison}): wrapped variant ${message.variantWrapped}, baseline ${message.baselineWrapped}; expected ${JSON.stringify(expected)}`);
  }
  return message;
}
