/**
 * Collects the process's unhandled rejections while `work` runs and a little
 * after, with vitest's own listeners set aside (it would fail the run on
 * them): how a test sees that an error is left unhandled exactly as it would be
 * without the module.
 */
export async function unhandledRejectionsOf(work: () => Promise<void> | void, settle: () => Promise<void>): Promise<unknown[]> {
  const saved = process.listeners('unhandledRejection');
  process.removeAllListeners('unhandledRejection');
  const reasons: unknown[] = [];
  const collect = (reason: unknown) => reasons.push(reason);
  process.on('unhandledRejection', collect);
  try {
    await work();
    await settle();
  } finally {
    process.off('unhandledRejection', collect);
    for (const listener of saved) process.on('unhandledRejection', listener);
  }
  return reasons;
}
