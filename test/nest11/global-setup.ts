import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nest11PackageNames } from './nest11-packages.js';

const here = dirname(fileURLToPath(import.meta.url));
const requireHere = createRequire(join(here, 'package.json'));
const SHARED = ['@nestjs/common', '@nestjs/core'];

function version(packageJson: string): string {
  return (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;
}

/** Where `from` (a package of this install) gets `shared` from, or undefined when it does not depend on it. */
function resolvedFrom(from: string, shared: string): string | undefined {
  const requireThere = createRequire(requireHere.resolve(`${from}/package.json`));
  try {
    return requireThere.resolve(`${shared}/package.json`);
  } catch {
    return undefined;
  }
}

/**
 * Before the Nest 11 run: the install is there, it is Nest 11, and every
 * @nestjs package in it resolves one and the same @nestjs/common and
 * @nestjs/core (a second copy would split Nest's class identities and
 * metadata, and the run would test nothing real).
 */
export default function setup(): void {
  if (!existsSync(join(here, 'node_modules'))) {
    throw new Error('test/nest11/node_modules is missing: run `npm run install:nest11` (npm install does it).');
  }
  const nestPackages = nest11PackageNames().filter((name) => name.startsWith('@nestjs/'));
  const problems: string[] = [];
  for (const shared of SHARED) {
    const expected = requireHere.resolve(`${shared}/package.json`);
    if (!version(expected).startsWith('11.')) problems.push(`${shared} is ${version(expected)}, not 11.x`);
    for (const name of nestPackages) {
      const actual = resolvedFrom(name, shared);
      if (actual && actual !== expected) problems.push(`${name} resolves ${shared} at ${actual}, not ${expected}`);
    }
  }
  if (problems.length > 0) throw new Error(`The Nest 11 install is not one Nest:\n${problems.join('\n')}`);
  const versions = nestPackages.map((name) => `${name}@${version(requireHere.resolve(`${name}/package.json`))}`);
  console.log(`Nest 11 run, resolved from test/nest11: ${versions.join(', ')}`);
}
