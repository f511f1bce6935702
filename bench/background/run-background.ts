import { forkAndAwaitMessage, stopChild } from '../child-process.js';
import { summarize } from '../stats.js';
import { BACKGROUND_BODIES, type BackgroundBody, type BackgroundResults, type BackgroundRow, type BackgroundSample, type BackgroundVariant } from './results.js';

interface Pair {
  comparison: BackgroundRow['comparison'];
  variant: BackgroundVariant;
  baseline: BackgroundVariant;
}

const PAIRS: readonly Pair[] = [
  { comparison: 'wrapped-vs-bare', variant: 'module', baseline: 'bare' },
  // Two identical bare sides: whatever this ratio strays from 1 is noise.
  { comparison: 'a-a', variant: 'bare', baseline: 'bare' },
];

/**
 * The background-work bench: per round, per pair and body, two fresh
 * processes one after the other, which side goes first alternating by round,
 * so a slow patch of the machine hits both sides alike.
 */
export async function runBackgroundBench(rounds: number, log: (line: string) => void = console.log): Promise<BackgroundResults> {
  const runs = PAIRS.flatMap((pair) => BACKGROUND_BODIES.map((body) => ({ pair, body, variant: [] as Side[], baseline: [] as Side[] })));
  for (let round = 0; round < rounds; round++) {
    for (const run of runs) {
      const variantFirst = round % 2 === 1;
      const first = await measure(variantFirst ? run.pair.variant : run.pair.baseline, run.body);
      const second = await measure(variantFirst ? run.pair.baseline : run.pair.variant, run.body);
      const [variantSide, baselineSide] = variantFirst ? [first, second] : [second, first];
      run.variant.push(variantSide);
      run.baseline.push(baselineSide);
      const cpu = `${(baselineSide.cpu / variantSide.cpu).toFixed(3)}× CPU (${variantSide.cpu.toFixed(1)} vs ${baselineSide.cpu.toFixed(1)} ns/call)`;
      log(`background round ${round + 1}/${rounds} ${run.pair.comparison} ${run.body}: ${cpu}, ${(baselineSide.wall / variantSide.wall).toFixed(3)}× wall`);
    }
  }
  const rows = runs.map(({ pair, body, variant, baseline }): BackgroundRow => {
    const ratios = (of: (side: Side) => number) => summarize(baseline.map((side, index) => of(side) / of(variant[index]!)));
    return {
      comparison: pair.comparison,
      body,
      cpuRatio: ratios((side) => side.cpu),
      wallRatio: ratios((side) => side.wall),
      variantCpuNsPerCall: summarize(variant.map((side) => side.cpu)),
      baselineCpuNsPerCall: summarize(baseline.map((side) => side.cpu)),
      variantWallNsPerCall: summarize(variant.map((side) => side.wall)),
      baselineWallNsPerCall: summarize(baseline.map((side) => side.wall)),
    };
  });
  return { rounds, rows };
}

/** One side's medians: CPU and wall ns per call. */
interface Side {
  cpu: number;
  wall: number;
}

/** The medians of one fresh worker process; refuses a side that is not what it claims (wrapped or bare). */
async function measure(variant: BackgroundVariant, body: BackgroundBody): Promise<Side> {
  const { child, message } = await forkAndAwaitMessage<BackgroundSample>('./background/worker.js', [variant, body]);
  await stopChild(child);
  if (message.type !== 'background') throw new Error(`Background worker sent an unexpected message: ${JSON.stringify(message)}`);
  if (message.wrapped !== (variant === 'module')) throw new Error(`Background worker (${variant}): the method is ${message.wrapped ? '' : 'not '}wrapped`);
  return { cpu: message.cpuNsPerCall.median, wall: message.nsPerCall.median };
}
