import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));

/** A consumer app the smoke tests build from `apps/<name>/main.ts`. */
export interface SmokeApp {
  name: string;
  nestMajor: number;
  /** ESM (`"type": "module"`) or CommonJS (no `type`, as tsc-compiled Nest apps mostly are). */
  esm: boolean;
  dependencies: Record<string, string>;
}

function lockedVersions(lockfile: string, names: string[]): Record<string, string> {
  const lock = JSON.parse(readFileSync(`${REPO}/${lockfile}`, 'utf8')) as { packages: Record<string, { version: string }> };
  return Object.fromEntries(names.map((name) => [name, lock.packages[`node_modules/${name}`]!.version]));
}

// The exact versions the suite runs on: the npm cache has them, and the apps test what the suite tests.
const common = lockedVersions('package-lock.json', ['reflect-metadata', 'rxjs', '@types/node']);

export const SMOKE_APPS: SmokeApp[] = [
  {
    name: 'cjs-nest11',
    nestMajor: 11,
    esm: false,
    dependencies: {
      ...common,
      ...lockedVersions('test/nest11/package-lock.json', ['@nestjs/common', '@nestjs/core', '@nestjs/platform-express']),
    },
  },
  {
    name: 'esm-nest12',
    nestMajor: 12,
    esm: true,
    dependencies: {
      ...common,
      ...lockedVersions('package-lock.json', ['@nestjs/common', '@nestjs/core', '@nestjs/platform-fastify']),
    },
  },
];

/** `module: nodenext`: what lets a CommonJS app import an ES module in TypeScript >= 5.8 (docs/compatibility.md). */
export const APP_TSCONFIG = {
  compilerOptions: {
    module: 'nodenext',
    moduleResolution: 'nodenext',
    target: 'ES2023',
    experimentalDecorators: true,
    emitDecoratorMetadata: true,
    strict: true,
    skipLibCheck: true,
    types: ['node'],
    rootDir: 'src',
    outDir: 'dist',
  },
  include: ['src'],
};
