import { BullModule } from '@nestjs/bullmq';
import { Module, type DynamicModule } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { CleanupJob } from './cleanup.job.js';
import { JobsController } from './jobs.controller.js';
import { QueueConnection, REDIS_URL } from './queue-connection.js';
import { BullThumbnailQueue, ThumbnailProcessor } from './thumbnails.processor.js';
import { QueueOff, THUMBNAILS_QUEUE, ThumbnailQueue } from './thumbnails.queue.js';

/**
 * Background work: a scheduled job always, a BullMQ queue only with
 * `redisUrl` (REDIS_URL), so that `npm start` needs no Redis. Neither has an
 * error handler: ErrorHandlersModule finds their methods by their decorators'
 * metadata and reports what they throw.
 */
@Module({})
export class JobsModule {
  static forRoot(redisUrl?: string): DynamicModule {
    const base = { module: JobsModule, controllers: [JobsController] };
    if (!redisUrl) {
      return { ...base, imports: [ScheduleModule.forRoot()], providers: [CleanupJob, { provide: ThumbnailQueue, useClass: QueueOff }] };
    }
    const connection = { provide: REDIS_URL, useValue: redisUrl };
    return {
      ...base,
      imports: [
        ScheduleModule.forRoot(),
        BullModule.forRootAsync({
          useFactory: (redis: QueueConnection) => ({ connection: redis.client }),
          inject: [QueueConnection],
          extraProviders: [connection, QueueConnection],
        }),
        BullModule.registerQueue({ name: THUMBNAILS_QUEUE }),
      ],
      providers: [CleanupJob, ThumbnailProcessor, { provide: ThumbnailQueue, useClass: BullThumbnailQueue }],
    };
  }
}
