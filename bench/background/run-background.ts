import { forkAndAwaitMessage, stopChild } from '../child-process.js';
import { summarize } from '../stats.js';
import { BACKGROUND_BODIES, type BackgroundBody, type BackgroundComparison, type BackgroundResults, type BackgroundRow, type BackgroundSample } from './results.js';

const COMPARISONS: readonly BackgroundComparison[] = ['module-vs-bare', 'a-a'];

/** Which side of a comparison the module must watch. */
const EXPECTED_WATCHED: Record<BackgroundComparison, { variant: boolean; baseline: boolean }> = {
  'module-vs-bare': { variant: true, baseline: false },
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

/** One fresh worker process; refuses a sample whose sides are not what they claim (watched by the module or bare). */
async function measure(comparison: BackgroundComparison, body: BackgroundBody): Promise<BackgroundSample> {
  const { child, message } = await forkAndAwaitMessage<BackgroundSample>('./background/worker.js', [comparison, body]);
  await stopChild(child);
  if (message.type !== 'background') throw new Error(`Background worker sent an unexpected message: ${JSON.stringify(message)}`);
  const expected = EXPECTED_WATCHED[comparison];
  if (message.variantWatched !== expected.variant || message.baselineWatched !== expected.baseline) {
    throw new Error(`Background worker (${comparison}): watched variant ${message.variantWatched}, baseline ${message.baselineWatched}; expected ${JSON.stringify(expected)}`);
  }
  return message;
}
