import { Global, Module } from '@nestjs/common';
import { OpsController } from './ops.controller.js';
import { Outbox } from './outbox.js';

/**
 * Operations: the outbox that OutboxReporter writes to, and the route that
 * reads it. Global, because OutboxReporter is created inside
 * ErrorHandlersModule, which sees global providers. (Being global does not make
 * OpsModule an importer of any module: it adds no handler scope anywhere.)
 */
@Global()
@Module({ controllers: [OpsController], providers: [Outbox], exports: [Outbox] })
export class OpsModule {}
