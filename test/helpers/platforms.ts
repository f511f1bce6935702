import type { DynamicModule, INestApplication, LoggerService, ModuleMetadata, Type } from '@nestjs/common';
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

export interface InitAppOptions {
  /** Nest's own logger for the app; none by default. */
  logger?: LoggerService | false;
  configure?: (builder: TestingModuleBuilder) => TestingModuleBuilder;
  beforeInit?: (app: INestApplication) => void;
}

/** `rootModule` as a test builds it (Test.createTestingModule), on the given platform, initialised and (Fastify) ready. */
export async function initApp(
  platform: PlatformName,
  rootModule: Type | DynamicModule,
  { logger = false, configure = (builder) => builder, beforeInit }: InitAppOptions = {},
): Promise<INestApplication> {
  const moduleRef = await configure(Test.createTestingModule({ imports: [rootModule] })).compile();
  const app =
    platform === 'express'
      ? moduleRef.createNestApplication(new ExpressAdapter(), { logger })
      : moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger });
  beforeInit?.(app);
  await app.init();
  if (platform === 'fastify') await (app as NestFastifyApplication).getHttpAdapter().getInstance().ready();
  return app;
}

/** Boots `rootModule` as a test would (Test.createTestingModule) on the given platform. */
export async function startApp(
  platform: PlatformName,
  rootModule: Type | DynamicModule,
  configure?: (builder: TestingModuleBuilder) => TestingModuleBuilder,
  beforeInit?: (app: INestApplication) => void,
): Promise<RunningApp> {
  const app = await initApp(platform, rootModule, { configure, beforeInit });
  const server = app.getHttpServer();
  return { app, http: () => request(server), close: () => app.close() };
}

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
