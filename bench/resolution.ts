import { forkAndAwaitMessage, stopChild } from './child-process.js';
import type { ResolutionResults } from './resolution/results.js';

/** Runs the resolution micro-bench (c) in a child process and returns what it measured. */
export async function runResolutionBench(): Promise<ResolutionResults> {
  const { child, message } = await forkAndAwaitMessage<ResolutionResults>('./resolution/worker.js', []);
  await stopChild(child);
  if (message.type !== 'resolution') throw new Error(`Resolution worker sent an unexpected message: ${JSON.stringify(message)}`);
  return message;
}
