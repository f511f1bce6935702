import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_TSCONFIG, REPO, SMOKE_APPS, type SmokeApp } from './smoke-apps.js';

/**
 * SPEC sections 1 and 10: what `npm pack` makes works in a fresh app, from
 * CommonJS on Nest 11 and from ESM on Nest 12. Each app installs the tarball
 * (and its Nest, from the npm cache), is compiled by tsc as a user's would
 * be, boots, and answers handled errors over HTTP.
 */

const exec = promisify(execFile);

async function run(command: string, args: string[], cwd: string): Promise<string> {
  const { stdout } = await exec(command, args, { cwd, maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

let workDir: string;
const appDirs = new Map<string, string>();

async function prepare(app: SmokeApp, tarball: string): Promise<void> {
  const dir = join(workDir, app.name);
  await mkdir(join(dir, 'src'), { recursive: true });
  const manifest = { name: app.name, private: true, ...(app.esm && { type: 'module' }), dependencies: { ...app.dependencies, 'nestjs-error-handlers': `file:${tarball}` } };
  await writeFile(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  await writeFile(join(dir, 'tsconfig.json'), JSON.stringify(APP_TSCONFIG, null, 2));
  await copyFile(join(REPO, 'test/packaging/apps', app.name, 'main.ts'), join(dir, 'src/main.ts'));
  await run('npm', ['install', '--prefix', dir, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], dir);
  await run(process.execPath, [join(REPO, 'node_modules/typescript/bin/tsc'), '-p', dir], dir);
  appDirs.set(app.name, dir);
}

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'nestjs-error-handlers-packaging-'));
  // dist/ was built once by build-once.ts, the global setup.
  const [packed] = JSON.parse(await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', workDir], REPO)) as Array<{ filename: string }>;
  const tarball = join(workDir, packed!.filename);
  await Promise.all(SMOKE_APPS.map((app) => prepare(app, tarball)));
});

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

interface Booted {
  child: ChildProcess;
  stderr: () => string;
  facts: { port: number; nest: string; oneCopy: boolean };
}

/** Starts the compiled app; resolves once it printed its facts line (it listens by then). */
function boot(dir: string): Promise<Booted> {
  const child = spawn(process.execPath, ['dist/main.js'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the app exited with ${code} before listening:\n${stderr}`)));
    createInterface({ input: child.stdout! }).once('line', (line) => resolve({ child, stderr: () => stderr, facts: JSON.parse(line) }));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill();
  await exited;
}

describe.each(SMOKE_APPS)('the packed package in a fresh $name app', (app) => {
  let booted: Booted;
  beforeAll(async () => {
    booted = await boot(appDirs.get(app.name)!);
  });
  afterAll(() => stop(booted.child));

  const get = (path: string) => fetch(`http://127.0.0.1:${booted.facts.port}${path}`);

  it(`boots on Nest ${app.nestMajor}, with one copy of the package for require() and import`, () => {
    expect(Number(booted.facts.nest.split('.')[0])).toBe(app.nestMajor);
    expect(booted.facts.oneCopy).toBe(true);
  });

  it("answers Nest's own 404 (an unknown route) through the 404 handler", async () => {
    const res = await get('/nowhere');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ handledBy: 'not-found' });
  });

  it("answers the app's ForbiddenException through the 403 handler (the app's Nest classes are the module's)", async () => {
    const res = await get('/admin');
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ handledBy: 'forbidden' });
  });

  it("answers the app's own error class through its handler", async () => {
    const res = await get('/item');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ handledBy: 'out-of-stock', message: 'the last one is gone' });
  });

  it('writes nothing to stderr: no warning from loading the package', () => {
    expect(booted.stderr()).toBe('');
  });
});
