import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';

export const REDIS_URL = Symbol('REDIS_URL');

/**
 * The Redis client BullMQ uses. BullMQ's ESM build cannot load ioredis by
 * itself, so the app passes a client; and since BullMQ does not close a client
 * it was given, the app quits it on shutdown (after BullMQ closed its workers
 * and queues: their modules' hooks run first).
 */
@Injectable()
export class QueueConnection implements OnApplicationShutdown {
  // BullMQ's workers block on Redis for as long as they must: no per-request retry limit.
  readonly client: Redis;

  constructor(@Inject(REDIS_URL) url: string) {
    this.client = new Redis(url, { maxRetriesPerRequest: null });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}

/** `REDIS_URL` from the environment; empty counts as unset. */
export function redisUrlFrom(env: NodeJS.ProcessEnv): string | undefined {
  return env.REDIS_URL?.trim() || undefined;
}

/** The startup log line about the queue: where Redis is, never its password. */
export function describeQueue(redisUrl: string | undefined): string {
  if (!redisUrl) return 'Thumbnails queue off (REDIS_URL unset): POST /jobs/thumbnails/fail answers 503.';
  let where = 'an unparsable REDIS_URL';
  try {
    where = new URL(redisUrl).host;
  } catch {
    // ioredis reports a bad URL itself.
  }
  return `Thumbnails queue on (BullMQ, Redis at ${where}).`;
}
