import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vitest/config';

const manifestPath = fileURLToPath(new URL('./package.json', import.meta.url));

/** The packages the Nest 11 run swaps: those this folder's package.json lists. */
export function nest11PackageNames(): string[] {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { dependencies: Record<string, string> };
  return Object.keys(manifest.dependencies);
}

/** `@scope/name/sub/path` → `@scope/name`; `name/sub` → `name`. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/**
 * A vite plugin resolving the listed packages from test/nest11/node_modules
 * when the suite or src/ imports them. Node's own CommonJS resolution is used,
 * not vite's: Nest 11 is CommonJS and `require()`s its peers (graphql,
 * rxjs…), so the suite must get the very files Nest gets, or a dual package
 * (graphql's `.mjs` beside its `.js`) would load twice.
 */
export function nest11Packages(): Plugin {
  const swapped = new Set(nest11PackageNames());
  const requireFromNest11 = createRequire(manifestPath);
  return {
    name: 'nest11-packages',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer || importer.includes('/node_modules/')) return null;
      if (!swapped.has(packageName(source))) return null;
      return requireFromNest11.resolve(source);
    },
  };
}
