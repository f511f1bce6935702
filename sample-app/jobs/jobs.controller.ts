import { Controller, HttpCode, Post } from '@nestjs/common';
import { CLEANUP_EVERY_MS, CleanupJob } from './cleanup.job.js';
import { ThumbnailQueue, type QueuedJob } from './thumbnails.queue.js';

/** Background work failing on demand: the answers come now, the errors a moment later, in the log and GET /ops/outbox. */
@Controller('jobs')
export class JobsController {
  constructor(
    private readonly cleanup: CleanupJob,
    private readonly thumbnails: ThumbnailQueue,
  ) {}

  @Post('cleanup/fail')
  @HttpCode(202)
  failCleanup() {
    this.cleanup.failNextRun();
    return { job: 'storage-cleanup', failsWithin: `${CLEANUP_EVERY_MS} ms`, then: 'GET /ops/outbox' };
  }

  @Post('thumbnails/fail')
  @HttpCode(202)
  async failThumbnail(): Promise<QueuedJob & { then: string }> {
    const queued = await this.thumbnails.enqueue({ file: 'readme.txt', fail: true }, 2);
    return { ...queued, then: 'GET /ops/outbox' };
  }
}
