import { extname, isAbsolute, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCE_EXTENSIONS = new Set(['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts', '.jsx', '.tsx']);

/**
 * The absolute path of a frame's file when it is the app's own code: a
 * source file under `root` (the working directory), outside `node_modules`.
 * Node internals, dependencies and anything else (a `.env` a forged frame
 * could name) are never read.
 */
export function appFilePath(location: string, root: string): string | undefined {
  const file = toPath(location);
  if (!file || !SOURCE_EXTENSIONS.has(extname(file))) return undefined;
  const inside = relative(root, file);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return undefined;
  return inside.split(sep).includes('node_modules') ? undefined : file;
}

function toPath(location: string): string | undefined {
  if (location.startsWith('file://')) {
    try {
      return fileURLToPath(location);
    } catch {
      return undefined;
    }
  }
  return isAbsolute(location) ? location : undefined;
}
