import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ErrorHandlersModule } from 'nestjs-error-handlers';

@Controller()
class C { @Get() hi() { return 'hi'; } }
@Module({ imports: [ErrorHandlersModule.forRoot()], controllers: [C] })
class M {}
const app = await NestFactory.create(M);
await app.listen(Number(process.env.PORT ?? 3000));
