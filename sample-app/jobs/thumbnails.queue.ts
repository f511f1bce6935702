import { ServiceUnavailableException } from '@nestjs/common';

export const THUMBNAILS_QUEUE = 'thumbnails';

/** A thumbnail job: which file, and whether rendering it fails (the demo's switch). */
export interface ThumbnailJobData {
  file: string;
  fail: boolean;
}

/** What a request is told when it queues a job. */
export interface QueuedJob {
  queue: string;
  jobId: string;
  attempts: number;
}

/** How the controller queues work: BullMQ when REDIS_URL is set, else a queue that says it is off. */
export abstract class ThumbnailQueue {
  abstract enqueue(data: ThumbnailJobData, attempts: number): Promise<QueuedJob>;
}

/**
 * Without REDIS_URL the sample runs no queue (BullMQ needs a Redis server, and
 * `npm start` must work without one): queuing answers 503 with what to do.
 */
export class QueueOff extends ThumbnailQueue {
  override async enqueue(): Promise<QueuedJob> {
    throw new ServiceUnavailableException('The thumbnails queue is off: start the app with REDIS_URL=redis://127.0.0.1:6379 (a running redis-server) to turn it on.');
  }
}
