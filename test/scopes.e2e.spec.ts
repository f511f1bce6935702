import { HttpException, Injectable } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { ErrorHandler, ErrorHandlerRegistry } from 'nestjs-error-handlers';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeatureController, ScopesAppModule, SiblingController } from './fixtures/scopes.app.js';
import { PLATFORMS, startApp, type RunningApp } from './helpers/platforms.js';

describe.each(PLATFORMS)('scopes (%s)', (platform) => {
  let running: RunningApp;
  beforeAll(async () => { running = await startApp(platform, ScopesAppModule); });
  afterAll(() => running.close());

  it('controller-local handler applies to its own routes', async () => {
    const res = await running.http().get('/inner/local');
    expect(res.body).toEqual({ handledBy: 'inner-controller' });
    expect(res.status).toBe(400);
  });
  it('module handler applies to its controllers', async () => {
    const res = await running.http().get('/inner/domain');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ handledBy: 'inner-module', message: 'inner' });
  });
  it('importer module handler applies to imported modules', async () => {
    const res = await running.http().get('/inner/http');
    expect(res.body).toEqual({ handledBy: 'feature-module', status: 418 });
    expect(res.status).toBe(418);
  });
  it('app-level 404 beats module HttpException handler', async () => {
    const res = await running.http().get('/feature/missing');
    expect(res.body).toEqual({ handledBy: 'app-404' });
    expect(res.status).toBe(404);
  });
  it('nearer scope wins in the class tier even against a more specific farther handler', async () => {
    const res = await running.http().get('/feature/refused');
    expect(res.body).toEqual({ handledBy: 'feature-connection' });
  });
  it('module handler never applies to a sibling module', async () => {
    const res = await running.http().get('/sibling/http');
    expect(res.status).toBe(418);
    expect(res.body).toEqual({ statusCode: 418, message: 'teapot' });
  });
  it('body-parser errors reach only app-level handlers, even on a route whose controller handles 400', async () => {
    const res = await running.http().post('/inner/body').set('content-type', 'application/json').send('{"broken":');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ handledBy: 'app-400' });
  });
  it('unknown routes reach only app-level handlers', async () => {
    const res = await running.http().get('/nope');
    expect(res.body).toEqual({ handledBy: 'app-404' });
    expect(res.status).toBe(404);
  });
  it('an unhandled non-HTTP error reaches an HttpException handler as a 500 (step 3)', async () => {
    const res = await running.http().get('/feature/domain');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ handledBy: 'feature-module', status: 500 });
  });
});

describe.each(PLATFORMS)('the same app started by NestFactory (%s)', (platform) => {
  it('resolves exactly as under Test.createTestingModule', async () => {
    const { NestFactory } = await import('@nestjs/core');
    const { ExpressAdapter } = await import('@nestjs/platform-express');
    const { FastifyAdapter } = await import('@nestjs/platform-fastify');
    const adapter = platform === 'express' ? new ExpressAdapter() : new FastifyAdapter();
    const app = await NestFactory.create(ScopesAppModule, adapter, { logger: false });
    await app.listen(0, '127.0.0.1');
    try {
      const base = await app.getUrl();
      const get = async (path: string) => {
        const res = await fetch(base.replace('[::1]', '127.0.0.1') + path);
        return { status: res.status, body: await res.json() };
      };
      expect(await get('/inner/local')).toEqual({ status: 400, body: { handledBy: 'inner-controller' } });
      expect(await get('/feature/missing')).toEqual({ status: 404, body: { handledBy: 'app-404' } });
      expect(await get('/sibling/http')).toEqual({ status: 418, body: { statusCode: 418, message: 'teapot' } });
    } finally {
      await app.close();
    }
  });
});

/** A handler a test adds next to the app module (Test.createTestingModule's providers). */
@Injectable()
class TestProvidedHandlers {
  @ErrorHandler(418)
  teapot() {
    return { handledBy: 'test-root' };
  }
}

describe.each(PLATFORMS)("a test's root module (%s)", (platform) => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp(platform, ScopesAppModule, (builder) => builder);
  });
  afterAll(() => running.close());

  it('is not a scope of the app: explain() searches up to the app module, as in production', () => {
    const { searched } = running.app.get(ErrorHandlerRegistry).explain(new HttpException('teapot', 418), { controller: SiblingController });
    expect(searched).toEqual(['controller SiblingController', 'module SiblingModule', 'app module ScopesAppModule']);
  });

  it('handlers provided there are app-level', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [ScopesAppModule], providers: [TestProvidedHandlers] }).compile();
    const app = moduleRef.createNestApplication(platform === 'express' ? new ExpressAdapter() : new FastifyAdapter(), { logger: false });
    await app.init();
    if (platform === 'fastify') await (app.getHttpAdapter().getInstance() as { ready(): Promise<void> }).ready();
    try {
      // The sibling's 418 reaches no module handler: the test's handler answers it, as an app-level one would.
      const res = await request(app.getHttpServer()).get('/sibling/http');
      expect(res.body).toEqual({ handledBy: 'test-root' });
      // Nearer scopes still come first: the feature module's HttpException handler is in the class tier, the code tier wins.
      expect(app.get(ErrorHandlerRegistry).explain(new HttpException('teapot', 418), { controller: FeatureController }).scope).toBe('app module ScopesAppModule');
    } finally {
      await app.close();
    }
  });
});
