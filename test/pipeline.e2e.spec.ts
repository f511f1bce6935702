import { Controller, Get, HttpException, Module, type INestApplication, type Type } from '@nestjs/common';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorHandler, ErrorHandlersModule } from 'nestjs-error-handlers';
import { sentrySdkRequested } from '../src/reporting/sentry/sentry-sdk.js';
import { PLATFORMS, startApp, type PlatformName, type RunningApp } from './helpers/platforms.js';

@Controller('pipeline')
class PipelineController {
  @Get() ok() { return { ok: true }; }
  @Get('teapot') fail() { throw new HttpException('short and stout', 418); }
  @ErrorHandler(418) teapot() { return 'tea'; }
}

@Module({ controllers: [PipelineController] })
class BareModule {}

@Module({ imports: [ErrorHandlersModule.forRoot()], controllers: [PipelineController] })
class WithModule {}

interface AppConfigView {
  getGlobalGuards(): unknown[];
  getGlobalInterceptors(): unknown[];
  getGlobalPipes(): unknown[];
  getGlobalRequestGuards(): unknown[];
  getGlobalRequestInterceptors(): unknown[];
  getGlobalRequestPipes(): unknown[];
}

/** What runs for a request that succeeds: global enhancers, and the platform's middleware or hooks. */
function pipelineOf(platform: PlatformName, app: INestApplication) {
  const config = (app as unknown as { config: AppConfigView }).config;
  const enhancers = {
    guards: config.getGlobalGuards().length + config.getGlobalRequestGuards().length,
    interceptors: config.getGlobalInterceptors().length + config.getGlobalRequestInterceptors().length,
    pipes: config.getGlobalPipes().length + config.getGlobalRequestPipes().length,
  };
  const server = app.getHttpAdapter().getInstance();
  return { enhancers, platform: platform === 'express' ? expressLayers(server) : fastifyHooks(server) };
}

function expressLayers(server: { router?: { stack: Array<{ name: string }> } }) {
  return server.router?.stack.map((layer) => layer.name) ?? [];
}

function fastifyHooks(server: object) {
  const hooksSymbol = Object.getOwnPropertySymbols(server).find((symbol) => symbol.description === 'fastify.hooks')!;
  const hooks = (server as Record<symbol, Record<string, unknown[]>>)[hooksSymbol];
  return Object.fromEntries(Object.entries(hooks).map(([name, list]) => [name, Array.isArray(list) ? list.length : 0]));
}

describe.each(PLATFORMS)('the request pipeline is identical with and without the module (%s)', (platform) => {
  const running: RunningApp[] = [];
  const start = async (root: Type) => {
    const app = await startApp(platform, root);
    running.push(app);
    return app;
  };
  afterEach(async () => {
    await Promise.all(running.splice(0).map((app) => app.close()));
  });

  it('adds no guard, interceptor, pipe, middleware or hook', async () => {
    const bare = pipelineOf(platform, (await start(BareModule)).app);
    const withModule = pipelineOf(platform, (await start(WithModule)).app);
    // The comparison is only worth something if the platform's pipeline was really read.
    expect(Object.keys(bare.platform).length).toBeGreaterThan(0);
    expect(withModule).toEqual(bare);
  });

  it('does not load the Sentry SDK when nothing will be reported (importing it slows every error)', async () => {
    const withModule = await start(WithModule);
    expect((await withModule.http().get('/pipeline/teapot')).status).toBe(418);
    expect(sentrySdkRequested()).toBe(false);
  });

  it('answers a successful request identically', async () => {
    const bare = await (await start(BareModule)).http().get('/pipeline');
    const withModule = await (await start(WithModule)).http().get('/pipeline');
    expect(withModule.status).toBe(200);
    expect(withModule.body).toEqual(bare.body);
    const { date: _a, ...bareHeaders } = bare.headers;
    const { date: _b, ...moduleHeaders } = withModule.headers;
    expect(moduleHeaders).toEqual(bareHeaders);
  });

  it('leaves a bare app that shares the controller class on Nest\'s own filter', async () => {
    const withModule = await start(WithModule);
    const bare = await start(BareModule);
    expect((await withModule.http().get('/pipeline/teapot')).text).toBe('tea');
    const res = await bare.http().get('/pipeline/teapot');
    expect(res.status).toBe(418);
    expect(res.body).toEqual({ statusCode: 418, message: 'short and stout' });
  });
});

describe('the Sentry SDK is loaded only on demand', () => {
  it('is imported for its values nowhere in src/ but sentry-sdk.ts (types are erased)', async () => {
    const { readdir, readFile } = await import('node:fs/promises');
    const files = (await readdir(new URL('../src', import.meta.url), { recursive: true })).filter((file) => file.endsWith('.ts'));
    const offenders: string[] = [];
    for (const file of files) {
      const source = await readFile(new URL(`../src/${file}`, import.meta.url), 'utf8');
      const valueImport = /^import\s+(?!type\b)[^;]*from\s+'@sentry\/node'/m.test(source) || /^import\s+'@sentry\/node'/m.test(source);
      if (valueImport) offenders.push(file);
    }
    expect(files.length).toBeGreaterThan(30);
    expect(offenders).toEqual([]);
  });
});
