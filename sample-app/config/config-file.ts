import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The config file: `SAMPLE_CONFIG`, else sample-app/config.yaml. Resolved
 * from the compiled file (build/sample-app/config/), whatever the working
 * directory: main.ts and the demo scripts read the same file.
 */
export function sampleConfigPath(env: NodeJS.ProcessEnv): string {
  return env.SAMPLE_CONFIG ? resolve(env.SAMPLE_CONFIG) : fileURLToPath(new URL('../../../sample-app/config.yaml', import.meta.url));
}

/** Relative to the working directory when inside it, else absolute. */
export function displayPath(path: string): string {
  const fromCwd = relative(process.cwd(), path);
  return fromCwd && !fromCwd.startsWith('..') ? fromCwd : path;
}
