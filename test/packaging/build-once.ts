import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { REPO } from './smoke-apps.js';

/**
 * Builds dist/ once, before any packaging spec runs. The specs then pack with
 * `--ignore-scripts`: two files running `prepack` side by side would each wipe
 * dist/ while the other reads it, and a fresh clone has no dist/ to list.
 */
export default async function buildOnce(): Promise<void> {
  await promisify(execFile)('npm', ['run', 'build'], { cwd: REPO, maxBuffer: 16 * 1024 * 1024 });
}
