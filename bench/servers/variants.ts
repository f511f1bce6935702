/** What a bench server process runs; shared by the orchestrator and the server entry. */
export const PLATFORMS = ['express', 'fastify'] as const;
export type Platform = (typeof PLATFORMS)[number];

/**
 * - `bare`: plain Nest, its own exception filter, no import of the library;
 * - `bare-handlers`: plain Nest with the same application code as `module`
 *   (the provider of 1,000 `@ErrorHandler` methods and the deep one), but
 *   without `ErrorHandlersModule`, so the decorators are inert metadata;
 * - `module`: `ErrorHandlersModule.forRoot()` with 1,000 generated handlers
 *   plus the handler of the deep hierarchy; no DSN, so Sentry is off;
 * - `module-sentry`: the same, reporting to Sentry at the DSN given as the
 *   server's third argument (the bench's local receiver);
 * - `module-sentry-unsent`: the same, but the SDK runs no integrations and
 *   its transport drops every envelope unread: what building the events
 *   alone costs, the floor under `module-sentry`.
 */
export const VARIANTS = ['bare', 'bare-handlers', 'module', 'module-sentry', 'module-sentry-unsent'] as const;
export type Variant = (typeof VARIANTS)[number];

/** Number of generated handlers the module variants register (besides the deep one). */
export const GENERATED_HANDLER_COUNT = 1_000;

/** The `error` field of the body the module's handler returns, so a probe can tell who answered. */
export const HANDLED_ERROR_LABEL = 'Handled 400';
/** What Nest's own filter puts there for a `BadRequestException`; same length as the label, so bodies weigh the same. */
export const NEST_ERROR_LABEL = 'Bad Request';

/** Server → parent, once listening. */
export interface ServerReady {
  type: 'listening';
  port: number;
}

/** Parent → server: "how much CPU have you used so far?" */
export const CPU_USAGE_REQUEST = 'cpu-usage?';

/** Parent → server: close the app (the module flushes pending Sentry events), then exit. */
export const SHUTDOWN_REQUEST = 'shutdown';

/**
 * Parent → server: "how long does one `process.nextTick` take now?" Asked
 * after the load: in processes whose app has many functions carrying
 * reflect metadata it was seen 4–7× slower, whatever the module.
 */
export const NEXT_TICK_COST_REQUEST = 'next-tick-cost?';

/** Server → parent: mean wall time of one `process.nextTick` round trip, in ns. */
export interface NextTickCostReply {
  type: 'next-tick-cost';
  nanoseconds: number;
}

/** Server → parent: user + system CPU time of the whole process, all threads. */
export interface CpuUsageReply {
  type: 'cpu-usage';
  micros: number;
}

export interface ServerArgs {
  platform: Platform;
  variant: Variant;
  /** Only for `module-sentry`. */
  dsn?: string;
}

export function parseServerArgs(argv: readonly string[]): ServerArgs {
  const [platform, variant, dsn] = argv;
  if (!PLATFORMS.includes(platform as Platform)) throw new Error(`Unknown platform "${platform}"`);
  if (!VARIANTS.includes(variant as Variant)) throw new Error(`Unknown variant "${variant}"`);
  if (reportsToSentry(variant as Variant) !== (dsn !== undefined)) throw new Error(`A DSN goes with the module-sentry variant and no other`);
  return { platform: platform as Platform, variant: variant as Variant, dsn };
}

export function serverArgs({ platform, variant, dsn }: ServerArgs): string[] {
  return dsn === undefined ? [platform, variant] : [platform, variant, dsn];
}

/** Variants whose server needs the bench's Sentry receiver (and whose events it checks). */
export function reportsToSentry(variant: Variant): boolean {
  return variant === 'module-sentry';
}

/** Variants that install `ErrorHandlersModule` (the others answer errors with Nest's own filter). */
export function installsModule(variant: Variant): boolean {
  return variant !== 'bare' && variant !== 'bare-handlers';
}
