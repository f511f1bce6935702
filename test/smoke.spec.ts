import 'reflect-metadata';
import { Controller, Get, Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { describe, expect, it } from 'vitest';

@Injectable()
class Svc { hi() { return 'hi'; } }
@Controller()
class C { constructor(private readonly svc: Svc) {} @Get() get() { return this.svc.hi(); } }
@Module({ controllers: [C], providers: [Svc] })
class M {}

describe('smoke', () => {
  it('DI works', async () => {
    const ref = await Test.createTestingModule({ imports: [M] }).compile();
    const app = ref.createNestApplication();
    await app.init();
    await request(app.getHttpServer()).get('/').expect(200, 'hi');
    await app.close();
  });
});
