import type { ErrorHandlersModuleOptions } from 'nestjs-error-handlers';
import { redisUrlFrom } from '../jobs/queue-connection.js';
import type { SampleConfig } from './sample-config.js';

/** The HTTP platform the app runs on: main.ts uses Express; the tests run both. */
export type SamplePlatform = 'express' | 'fastify';

/** What `AppModule.forRoot()` takes: explicit, so tests can boot the app with any of them. */
export interface SampleAppSettings {
  /** Picks the GraphQL driver: Apollo on Express (the default), Mercurius on Fastify. */
  platform?: SamplePlatform;
  /** Debug responses (ErrorHandlersModule's `debug`). Off by default. */
  debug?: boolean;
  /**
   * Debugging is handed to an attached inspector: debug mode without the
   * traceback page (`debug: { inspector: true }`). Implies debug mode.
   */
  inspector?: boolean;
  /** Passed to `forRoot({ sentry })`. Without a `dsn` nothing is sent. */
  sentry?: { dsn?: string; environment?: string; release?: string };
  /** Redis for the BullMQ queue of JobsModule; without it the queue is off (`npm start` needs no Redis). */
  redisUrl?: string;
}

/** The settings `main.ts` starts the app with, and one line per decision worth logging. */
export interface ResolvedSettings {
  settings: SampleAppSettings;
  notes: string[];
}

/**
 * Combines the config file, the environment and the inspector state
 * (`inspector.url()` from `node:inspector`, defined under `--inspect`).
 *
 * - `debug` comes from the config file only. With NODE_ENV=production the
 *   library refuses it at bootstrap, and that refusal is left to show.
 * - `inspector` is the config flag, or an attached inspector. An inspector
 *   that was merely detected does not turn debug mode on under
 *   NODE_ENV=production (that would make `node --inspect` fail to start there);
 *   set the flag in the config file to ask for it explicitly.
 * - Sentry: `SENTRY_DSN`, `SENTRY_ENVIRONMENT` (else NODE_ENV, else
 *   "development") and `SENTRY_RELEASE`. An empty `SENTRY_DSN` counts as unset.
 * - The queue: `REDIS_URL` (unset: no queue).
 */
export function resolveSettings(config: SampleConfig, env: NodeJS.ProcessEnv, inspectorUrl: string | undefined): ResolvedSettings {
  const notes: string[] = [];
  const production = (env.NODE_ENV ?? '').trim().toLowerCase() === 'production';
  let inspector = config.inspector;
  if (!inspector && inspectorUrl !== undefined) {
    if (production && !config.debug) {
      notes.push(`Node's inspector is listening (${inspectorUrl}), but NODE_ENV is production: debug responses stay off.`);
    } else {
      inspector = true;
      notes.push(`Node's inspector is listening (${inspectorUrl}): debugging is handed to it (no traceback page; attach DevTools and pause on caught exceptions).`);
    }
  }
  const dsn = env.SENTRY_DSN?.trim() || undefined;
  const sentry = {
    dsn,
    environment: env.SENTRY_ENVIRONMENT?.trim() || env.NODE_ENV?.trim() || 'development',
    release: env.SENTRY_RELEASE?.trim() || undefined,
  };
  return { settings: { debug: config.debug, inspector, sentry, redisUrl: redisUrlFrom(env) }, notes };
}

/** ErrorHandlersModule's `debug` option for these settings. */
export function debugOption(settings: SampleAppSettings): ErrorHandlersModuleOptions['debug'] {
  if (settings.inspector) return { inspector: true };
  return settings.debug === true;
}

/** A one-line summary for the startup log: never the DSN's key, only where events go. */
export function describeSettings(settings: SampleAppSettings): string {
  const debug = settings.inspector ? 'on, handed to the inspector' : settings.debug ? 'on' : 'off';
  return `debug ${debug}; Sentry ${describeSentry(settings.sentry)}`;
}

function describeSentry(sentry: SampleAppSettings['sentry']): string {
  if (!sentry?.dsn) return 'off (SENTRY_DSN unset)';
  let target = 'an unparsable DSN';
  try {
    const url = new URL(sentry.dsn);
    target = `${url.host}, project ${url.pathname.replace(/^\//, '')}`;
  } catch {
    // The SDK reports a bad DSN itself; the log line just says it is odd.
  }
  const release = sentry.release ? `, release ${sentry.release}` : '';
  return `on (${target}, environment ${sentry.environment ?? 'unset'}${release})`;
}
