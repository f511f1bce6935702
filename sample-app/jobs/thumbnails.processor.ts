import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { ThumbnailRenderError } from './jobs.errors.js';
import { THUMBNAILS_QUEUE, ThumbnailQueue, type QueuedJob, type ThumbnailJobData } from './thumbnails.queue.js';

/**
 * A BullMQ worker (@nestjs/bullmq). A job that fails is reported by
 * ErrorHandlersModule once per attempt (a 500 tagged `queue.name`,
 * `queue.job_name`, `queue.job_id`) and logged once; BullMQ then fails it
 * with that same error and retries it as its `attempts` say.
 */
@Processor(THUMBNAILS_QUEUE)
export class ThumbnailProcessor extends WorkerHost {
  override async process(job: Job<ThumbnailJobData>): Promise<{ thumbnail: string }> {
    if (job.data.fail) throw new ThumbnailRenderError(`cannot render a thumbnail of "${job.data.file}": the image data is corrupt`);
    return { thumbnail: `${job.data.file}.thumb.png` };
  }
}

/** Queues on the real BullMQ queue. */
@Injectable()
export class BullThumbnailQueue extends ThumbnailQueue {
  constructor(@InjectQueue(THUMBNAILS_QUEUE) private readonly queue: Queue<ThumbnailJobData>) {
    super();
  }

  override async enqueue(data: ThumbnailJobData, attempts: number): Promise<QueuedJob> {
    const job = await this.queue.add('render', data, { attempts, removeOnComplete: true });
    return { queue: THUMBNAILS_QUEUE, jobId: job.id!, attempts };
  }
}
