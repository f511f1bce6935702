import type { BackgroundSite } from './background-site.interface.js';
import type { BackgroundSink, WrappedMethod } from './background-wrapper.js';

/**
 * Scheduled jobs without a wrapper: zero cost for a tick that does not throw.
 *
 * @nestjs/schedule runs every `@Cron`, `@Interval` and `@Timeout` through a
 * tick of its own, made by its explorer's `wrapFunctionInTryCatchBlocks(methodRef,
 * instance)`: an async function that awaits the method in a try/catch whose
 * catch calls `this.logger.error(error)`. Wrapping the method adds a call frame
 * to every tick (~5–15 ns, 4–5 % of a tick that does little: bench/background).
 * Instead, the explorer gets, for the jobs the module knows, a `this` whose
 * `logger.error` first tells the module: the tick is the package's own, the
 * method untouched, and the module hears of exactly the errors the package
 * logs. A package version without this seam is recognised at bootstrap, and
 * its jobs are wrapped as other background work is.
 */
interface ScheduleExplorerLike {
  wrapFunctionInTryCatchBlocks(methodRef: Function, instance: object): unknown;
}

interface Job {
  readonly site: BackgroundSite;
  readonly sinks: BackgroundSink[];
  /** What every app watching the job gets back: one handle, so watching twice (bootstrap looks twice) is one watch. */
  readonly handle: WrappedMethod;
}

interface Seam {
  readonly original: ScheduleExplorerLike['wrapFunctionInTryCatchBlocks'];
  /** Jobs by the method the package is given, each with the apps using it; the latest started gets the failures. */
  readonly jobs: Map<Function, Job>;
}

const seams = new WeakMap<object, Seam>();

/** The ScheduleExplorer class's prototype, if `type` is that class and has the seam. */
export function schedulerSeamOf(type: Function): object | undefined {
  if (type.name !== 'ScheduleExplorer') return undefined;
  const prototype = type.prototype as Partial<ScheduleExplorerLike> | undefined;
  // Two parameters: (methodRef, instance), the shape this file relies on.
  return typeof prototype?.wrapFunctionInTryCatchBlocks === 'function' && prototype.wrapFunctionInTryCatchBlocks.length === 2 ? prototype : undefined;
}

/** Tells the module of the failures of `method`'s ticks; undone (and the seam closed) once no app uses it. */
export function watchScheduledJob(explorerPrototype: object, method: Function, site: BackgroundSite, sink: BackgroundSink): WrappedMethod {
  const seam = open(explorerPrototype as ScheduleExplorerLike);
  let job = seam.jobs.get(method);
  if (!job) {
    const sinks: BackgroundSink[] = [];
    const release = (leaving: BackgroundSink) => {
      const index = sinks.indexOf(leaving);
      if (index >= 0) sinks.splice(index, 1);
      if (sinks.length > 0 || seam.jobs.get(method)?.sinks !== sinks) return;
      seam.jobs.delete(method);
      if (seam.jobs.size === 0) close(explorerPrototype as ScheduleExplorerLike, seam);
    };
    job = { site, sinks, handle: { site, release } };
    seam.jobs.set(method, job);
  }
  if (!job.sinks.includes(sink)) job.sinks.push(sink);
  return job.handle;
}

function open(prototype: ScheduleExplorerLike): Seam {
  const existing = seams.get(prototype);
  if (existing) return existing;
  const seam: Seam = { original: prototype.wrapFunctionInTryCatchBlocks, jobs: new Map() };
  prototype.wrapFunctionInTryCatchBlocks = function wrapFunctionInTryCatchBlocks(this: { logger?: unknown }, methodRef: Function, instance: object) {
    const job = seam.jobs.get(methodRef);
    if (!job || !isLogger(this.logger)) return seam.original.call(this, methodRef, instance);
    const logger = this.logger;
    const telling = Object.create(logger, {
      error: {
        value: (...messages: unknown[]) => {
          job.sinks[job.sinks.length - 1]?.failed(job.site, messages[0], instance, []);
          return logger.error(...messages);
        },
      },
    }) as unknown;
    // The package's own tick, made with a `this` that differs only in its logger.
    return seam.original.call(Object.create(this, { logger: { value: telling } }), methodRef, instance);
  };
  seams.set(prototype, seam);
  return seam;
}

function close(prototype: ScheduleExplorerLike, seam: Seam): void {
  if (seams.get(prototype) !== seam) return;
  seams.delete(prototype);
  prototype.wrapFunctionInTryCatchBlocks = seam.original;
}

function isLogger(value: unknown): value is { error(...messages: unknown[]): unknown } {
  return typeof value === 'object' && value !== null && typeof (value as { error?: unknown }).error === 'function';
}
