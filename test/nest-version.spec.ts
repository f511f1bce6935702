import { Controller, Get, NotFoundException, Module } from '@nestjs/common';
import commonPackage from '@nestjs/common/package.json' with { type: 'json' };
import { NestApplication, Reflector } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { describe, expect, it } from 'vitest';
import { NEST_MAJOR } from './helpers/nest-version.js';
import { PLATFORMS, startApp } from './helpers/platforms.js';

@Controller()
class MissingController {
  @Get('missing')
  missing(): never {
    throw new NotFoundException();
  }
}

@Module({ controllers: [MissingController] })
class VersionModule {}

describe('the Nest this run loaded', () => {
  it('is the major the config expects, for @nestjs/core and @nestjs/common alike', () => {
    expect(NEST_MAJOR).toBe(Number(process.env.EXPECTED_NEST_MAJOR));
    expect(commonPackage.version.split('.')[0]).toBe(String(NEST_MAJOR));
  });

  it.each(PLATFORMS)('is one Nest on %s: the app, adapter and Reflector are the classes the suite imports', async (platform) => {
    const running = await startApp(platform, VersionModule);
    try {
      expect(running.app).toBeInstanceOf(NestApplication);
      expect(running.app.getHttpAdapter()).toBeInstanceOf(platform === 'express' ? ExpressAdapter : FastifyAdapter);
      expect(running.app.get(Reflector)).toBeInstanceOf(Reflector);
      await running.http().get('/missing').expect(404);
    } finally {
      await running.close();
    }
  });
});
