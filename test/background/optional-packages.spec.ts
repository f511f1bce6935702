import { Controller, Get, Injectable, Module } from '@nestjs/common';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { PLATFORMS, startApp, type RunningApp } from '../helpers/platforms.js';
import { ErrorHandlersModule } from 'nestjs-error-handlers';

/** SPEC section 11: the background packages are optional; the module imports none of them. */

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
const OPTIONAL = ['@nestjs/schedule', '@nestjs/event-emitter', '@nestjs/bullmq', '@nestjs/bull', 'bullmq', 'bull', 'ioredis', 'cron', 'eventemitter2'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

/** Every module specifier in a file: static and type-only imports, re-exports, dynamic import() and require(). */
function specifiers(source: string): string[] {
  const patterns = [/\bfrom\s+['"]([^'"]+)['"]/g, /\bimport\s+['"]([^'"]+)['"]/g, /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g, /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g];
  return patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((match) => match[1]!));
}

describe('the background packages stay optional', () => {
  it('no file of src/ names one of them in an import, even for types (dist/ and its .d.ts are compiled from these)', () => {
    const offending = sourceFiles(SRC).flatMap((file) =>
      specifiers(readFileSync(file, 'utf8'))
        .filter((specifier) => OPTIONAL.some((name) => specifier === name || specifier.startsWith(`${name}/`)))
        .map((specifier) => `${relative(SRC, file)}: ${specifier}`),
    );
    expect(offending).toEqual([]);
  });

  describe.each(PLATFORMS)('an app that uses none of them (%s)', (platform) => {
    let running: RunningApp | undefined;
    afterEach(async () => {
      await running?.close();
      running = undefined;
    });

    @Injectable()
    class Greeter {
      greet(): string {
        return 'hello';
      }
    }
    @Controller('greet')
    class GreetController {
      constructor(private readonly greeter: Greeter) {}
      @Get() get() {
        return { text: this.greeter.greet() };
      }
    }
    @Module({ imports: [ErrorHandlersModule.forRoot()], controllers: [GreetController], providers: [Greeter] })
    class PlainApp {}

    it('boots, serves, and has none of its methods wrapped', async () => {
      const greet = Greeter.prototype.greet;
      const get = GreetController.prototype.get;
      running = await startApp(platform, PlainApp);
      expect((await running.http().get('/greet')).body).toEqual({ text: 'hello' });
      expect([Greeter.prototype.greet, GreetController.prototype.get]).toEqual([greet, get]);
    });
  });
});
