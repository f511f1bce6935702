import { Module, type INestApplication, type Type } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AppModule } from '../../sample-app/app.module.js';
import type { SampleAppSettings } from '../../sample-app/config/app-settings.js';
import type { SamplePorts } from '../../sample-app/config/ports.js';
import { serve } from '../../sample-app/contexts/serve.js';
import type { PlatformName } from '../helpers/platforms.js';

/** The sample as main.ts runs it (hybrid: HTTP with GraphQL and socket.io, plus TCP), on free ports. */
export interface RunningSample {
  app: INestApplication;
  ports: SamplePorts;
  /** `http://127.0.0.1:<port>` */
  url: string;
  http: () => ReturnType<typeof request>;
  close: () => Promise<void>;
}

/** `AppModule.forRoot(settings)` for `platform` under a root module of its own. */
export function sampleModule(platform: PlatformName, settings: SampleAppSettings = {}): Type {
  @Module({ imports: [AppModule.forRoot({ ...settings, platform })] })
  class SampleAppUnderTest {}
  return SampleAppUnderTest;
}

/** Boots the sample with main.ts's `serve()`, ports 0: every test gets its own. */
export async function startSample(platform: PlatformName, settings: SampleAppSettings = {}): Promise<RunningSample> {
  const moduleRef = await Test.createTestingModule({ imports: [sampleModule(platform, settings)] }).compile();
  const app = moduleRef.createNestApplication(platform === 'express' ? new ExpressAdapter() : new FastifyAdapter(), { logger: false });
  try {
    const ports = await serve(app, { http: 0, rpc: 0 });
    return { app, ports, url: `http://127.0.0.1:${ports.http}`, http: () => request(app.getHttpServer()), close: () => app.close() };
  } catch (error) {
    await app.close();
    throw error;
  }
}
