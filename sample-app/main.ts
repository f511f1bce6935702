import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';

// Kept tiny on purpose: everything worth reading is in the modules.
const port = Number(process.env.PORT ?? 3000);
const app = await NestFactory.create(AppModule);
await app.listen(port);
Logger.log(`Sample app listening on http://localhost:${port}/ (GET / lists the demo routes)`, 'Bootstrap');
