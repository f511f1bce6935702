import type { DynamicModule, INestApplication, ModuleMetadata, Type } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { ExpressAdapter } from '@nestjs/platform-express';
import { Test, type TestingModuleBuilder } from '@nestjs/testing';
import request from 'supertest';

export type PlatformName = 'express' | 'fastify';
export const PLATFORMS: PlatformName[] = ['express', 'fastify'];

export interface RunningApp {
  app: INestApplication;
  http: () => ReturnType<typeof request>;
  close: () => Promise<void>;
}

/** Boots `rootModule` as a test would (Test.createTestingModule) on the given platform. */
export async function startApp(
  platform: PlatformName,
  rootModule: Type | DynamicModule,
  configure: (builder: TestingModuleBuilder) => TestingModuleBuilder = (b) => b,
  beforeInit: (app: INestApplication) => void = () => undefined,
): Promise<RunningApp> {
  const moduleRef = await configure(Test.createTestingModule({ imports: [rootModule] })).compile();
  const app =
    platform === 'express'
      ? moduleRef.createNestApplication(new ExpressAdapter(), { logger: false })
      : moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
  beforeInit(app);
  await app.init();
  if (platform === 'fastify') await (app as NestFastifyApplication).getHttpAdapter().getInstance().ready();
  const server = app.getHttpServer();
  return { app, http: () => request(server), close: () => app.close() };
}

/**
 * Boots the module (as an HTTP app on `platform`, or as a plain application
 * context without one) and resolves to the error bootstrap failed with, if any.
 */
export async function bootstrapError(metadata: ModuleMetadata, platform?: PlatformName): Promise<Error | undefined> {
  const moduleRef = await Test.createTestingModule(metadata).compile();
  const context = platform
    ? moduleRef.createNestApplication(platform === 'express' ? new ExpressAdapter() : new FastifyAdapter(), { logger: false })
    : moduleRef;
  try {
    await context.init();
    return undefined;
  } catch (error) {
    return error as Error;
  } finally {
    await context.close().catch(() => undefined);
  }
}
