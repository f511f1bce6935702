import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** build/bench/ → the package root's .bench/ (git-ignored), whatever the working directory. */
export const RESULTS_PATH = fileURLToPath(new URL('../../.bench/results.json', import.meta.url));

/** The machine a run happened on: ratios from a 2-core box are not those of a 32-core one. */
export type Environment = ReturnType<typeof describeEnvironment>;

export function describeEnvironment() {
  return {
    date: new Date().toISOString(),
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    totalMemoryBytes: os.totalmem(),
    nodeVersion: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    // Other work on the box is the main source of noise; this tells readers how much there was.
    loadAverage1mAtStart: os.loadavg()[0],
    library: describeLibraryRevision(),
  };
}

/**
 * The commit dist/ was built from, and whether src/ had uncommitted changes
 * then: without it, a number cannot be tied to the code it measured.
 */
function describeLibraryRevision(): { commit: string; srcHasUncommittedChanges: boolean } | 'unknown' {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return { commit: git('rev-parse', 'HEAD'), srcHasUncommittedChanges: git('status', '--porcelain', '--', 'src').length > 0 };
  } catch {
    return 'unknown';
  }
}

export async function writeResults(results: object): Promise<string> {
  await mkdir(dirname(RESULTS_PATH), { recursive: true });
  await writeFile(RESULTS_PATH, `${JSON.stringify(results, null, 2)}\n`);
  return RESULTS_PATH;
}
