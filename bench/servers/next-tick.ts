const TICKS = 200_000;

/**
 * Mean wall time of one `process.nextTick` (scheduled and run), in ns. A
 * process-wide symptom the bench watches: see NEXT_TICK_COST_REQUEST.
 */
export function measureNextTick(ticks = TICKS): Promise<number> {
  return new Promise((resolve) => {
    let left = ticks;
    const started = process.hrtime.bigint();
    const step = (): void => {
      if (--left > 0) return void process.nextTick(step);
      resolve(Number(process.hrtime.bigint() - started) / ticks);
    };
    process.nextTick(step);
  });
}
