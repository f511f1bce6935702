import { forkAndAwaitMessage, stopChild } from './child-process.js';
import type { StormDecisionResults } from './storm-decision/results.js';

/** Runs the storm-decision micro-bench in a child process and returns what it measured. */
export async function runStormDecisionBench(): Promise<StormDecisionResults> {
  const { child, message } = await forkAndAwaitMessage<StormDecisionResults>('./storm-decision/worker.js', []);
  await stopChild(child);
  if (message.type !== 'storm-decision') throw new Error(`Storm-decision worker sent an unexpected message: ${JSON.stringify(message)}`);
  return message;
}
