import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SentryReceiver } from '../helpers/sentry-receiver.js';

/**
 * SPEC section 1: @sentry/node is an optional peer. Checked for real, in a
 * child process whose node_modules holds the package (its sources compiled
 * as the build would) and its required peers, and no @sentry/node anywhere
 * the package could resolve it from: an app that reports nowhere boots; one
 * with a DSN fails at bootstrap saying what to install; with the SDK added,
 * the same app boots and reports.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const REQUIRED = ['@nestjs/common', '@nestjs/core', 'reflect-metadata', 'rxjs', 'accepts'];

/** A Nest app context importing the package by name; prints "booted" or the bootstrap error. */
const APP = `
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ErrorHandlersModule, ErrorReporter } from 'nestjs-error-handlers';
const dsn = process.argv[2];
class AppModule {}
Module({ imports: [ErrorHandlersModule.forRoot(dsn ? { sentry: { dsn }, logger: false } : { logger: false })] })(AppModule);
try {
  const app = await NestFactory.createApplicationContext(AppModule, { logger: false, abortOnError: false });
  app.get(ErrorReporter).captureException(new Error('reported from the child'), { status: 500 });
  await app.close();
  console.log('booted');
} catch (error) {
  console.error(error.message);
  process.exitCode = 1;
}
`;

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'neh-optional-peer-'));
  const modules = path.join(dir, 'node_modules');
  await compilePackage(path.join(modules, 'nestjs-error-handlers'));
  for (const name of REQUIRED) await link(modules, name);
  await writeFile(path.join(dir, 'app.mjs'), APP);
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('@sentry/node as an optional peer', () => {
  it('without the SDK, an app that reports nowhere boots', async () => {
    expect(await runApp()).toMatchObject({ code: 0, stdout: 'booted' });
  });

  it('without the SDK, a DSN fails the bootstrap with a message saying what to install', async () => {
    const result = await runApp('http://public@127.0.0.1:9/1');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^ErrorHandlersModule\.forRoot\(\{ sentry: \{ dsn \} \}\) reports to Sentry, but @sentry\/node could not be loaded/);
    expect(result.stderr).toContain('install it next to nestjs-error-handlers (npm install @sentry/node)');
  });

  it('with the SDK installed, the same app boots and reports', async () => {
    const receiver = await SentryReceiver.start();
    await link(path.join(dir, 'node_modules'), '@sentry/node');
    try {
      const result = await runApp(receiver.dsn);
      expect(result).toMatchObject({ code: 0, stdout: 'booted' });
      // Shutdown flushed it: it is there already.
      expect(receiver.events.map((event) => event.exception?.values.at(-1)?.value)).toEqual(['reported from the child']);
    } finally {
      await rm(path.join(dir, 'node_modules', '@sentry'), { recursive: true, force: true });
      await receiver.close();
    }
  });
});

function runApp(dsn?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env };
  delete env.NODE_PATH;
  delete env.NODE_OPTIONS;
  return new Promise((resolve) => {
    execFile(process.execPath, ['app.mjs', ...(dsn ? [dsn] : [])], { cwd: dir, env, timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: typeof error?.code === 'number' ? error.code : error ? -1 : 0, stdout: stdout.trim(), stderr: stderr.trim() });
    });
  });
}

/** The package as `npm run build` lays it out: ESM in dist/, with decorator metadata; types are not needed to run it. */
async function compilePackage(target: string): Promise<void> {
  const manifest = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
  await mkdir(target, { recursive: true });
  await writeFile(path.join(target, 'package.json'), JSON.stringify({ name: manifest.name, version: manifest.version, type: 'module', exports: { '.': './dist/index.js' } }));
  const options: ts.CompilerOptions = {
    module: ts.ModuleKind.ES2022,
    target: ts.ScriptTarget.ES2023,
    experimentalDecorators: true,
    emitDecoratorMetadata: true,
  };
  for (const file of await sourceFiles(path.join(ROOT, 'src'))) {
    const { outputText } = ts.transpileModule(await readFile(file, 'utf8'), { compilerOptions: options, fileName: file });
    const out = path.join(target, 'dist', path.relative(path.join(ROOT, 'src'), file)).replace(/\.ts$/, '.js');
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(out, outputText);
  }
}

async function sourceFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith('.ts')).map((entry) => path.join(entry.parentPath, entry.name));
}

/** A peer as an installed package: a link to the repository's copy (Node resolves its own dependencies from there). */
async function link(modules: string, name: string): Promise<void> {
  const linkPath = path.join(modules, name);
  await mkdir(path.dirname(linkPath), { recursive: true });
  await symlink(realpathSync(path.join(ROOT, 'node_modules', name)), linkPath, 'dir');
}
