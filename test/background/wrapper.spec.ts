import 'reflect-metadata';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it, vi } from 'vitest';
import { wrapMethod, type BackgroundSink } from '../../src/contexts/background/background-wrapper.js';
import { BackgroundReporting } from '../../src/contexts/background/background-reporting.js';
import { ErrorReporting } from '../../src/reporting/error-reporting.js';
import type { BackgroundSite } from '../../src/contexts/background/background-site.interface.js';
import { CapturingLogger } from '../sentry/fixtures/capturing-logger.js';
import { RecordingReporter } from './helpers/recording-reporter.js';
import { unhandledRejectionsOf } from './helpers/unhandled-rejections.js';

/** The wrapper's contract, on plain classes: what its callers (the packages) and the sink see. */

const site = (methodName: string): BackgroundSite =>
  Object.freeze({
    kind: 'event' as const,
    className: 'Jobs',
    methodName,
    name: methodName,
    isFailure: () => true,
    describe: () => ({ summary: `Listener ${methodName}`, facts: { tags: {} } }),
  });

const recordingSink = () => {
  const failures: Array<{ error: unknown; instance: unknown; args: readonly unknown[] }> = [];
  const sink: BackgroundSink = { failed: (_site, error, instance, args) => failures.push({ error, instance, args }) };
  return { sink, failures };
};

describe('the background wrapper', () => {
  it('keeps every piece of the method’s metadata, its name and its length', () => {
    class Jobs {
      run(_a: number, _b: number): number {
        return 1;
      }
    }
    const original = Jobs.prototype.run;
    Reflect.defineMetadata('SCHEDULER_TYPE', 3, original);
    Reflect.defineMetadata(Symbol.for('other'), { any: 'thing' }, original);
    wrapMethod(Jobs.prototype, 'run', site('run'), recordingSink().sink);

    const wrapper = Jobs.prototype.run;
    expect(wrapper).not.toBe(original);
    expect(Reflect.getOwnMetadataKeys(wrapper)).toEqual(Reflect.getOwnMetadataKeys(original));
    expect(Reflect.getMetadata('SCHEDULER_TYPE', wrapper)).toBe(3);
    expect(Reflect.getMetadata(Symbol.for('other'), wrapper)).toBe(Reflect.getMetadata(Symbol.for('other'), original));
    expect([wrapper.name, wrapper.length]).toEqual(['run', 2]);
    expect(Object.getOwnPropertyDescriptor(Jobs.prototype, 'run')).toMatchObject({ writable: true, enumerable: false, configurable: true });
  });

  it('keeps the length of a method of any arity (BullMQ passes an AbortSignal only to a processor of three), and passes every argument on', () => {
    class Jobs {
      none(...all: unknown[]) { return all.length; }
      one(_a: unknown) { return arguments.length; }
      two(_a: unknown, _b: unknown) { return arguments.length; }
      three(_a: unknown, _b: unknown, _c: unknown) { return arguments.length; }
      five(_a: unknown, _b: unknown, _c: unknown, _d: unknown, _e: unknown) { return arguments.length; }
    }
    const names = ['none', 'one', 'two', 'three', 'five'] as const;
    const lengths = names.map((name) => Jobs.prototype[name].length);
    for (const name of names) wrapMethod(Jobs.prototype, name, site(name), recordingSink().sink);
    const jobs = new Jobs();
    expect(names.map((name) => Jobs.prototype[name].length)).toEqual(lengths);
    expect(names.map((name) => Jobs.prototype[name].name)).toEqual([...names]);
    expect(names.map((name) => (jobs[name] as (...args: unknown[]) => number)(1, 2, 3, 4, 5, 6))).toEqual([6, 6, 6, 6, 6]);
    expect((jobs.two as (...args: unknown[]) => number)()).toBe(0);
  });

  it('returns what the method returns, a sync method staying sync, and tells the sink nothing', async () => {
    class Jobs {
      sync(value: number) {
        return value * 2;
      }
      async later(value: number) {
        return value * 3;
      }
    }
    const { sink, failures } = recordingSink();
    wrapMethod(Jobs.prototype, 'sync', site('sync'), sink);
    wrapMethod(Jobs.prototype, 'later', site('later'), sink);
    const jobs = new Jobs();
    expect(jobs.sync(21)).toBe(42);
    await expect(jobs.later(14)).resolves.toBe(42);
    expect(failures).toEqual([]);
  });

  it('throws and rejects with the very same error, after telling the sink once, with `this` and the arguments', async () => {
    const thrown = new Error('sync');
    const rejected = new Error('async');
    class Jobs {
      sync(_job: string): never {
        throw thrown;
      }
      async later(_job: string): Promise<never> {
        await delay(1);
        throw rejected;
      }
    }
    const { sink, failures } = recordingSink();
    wrapMethod(Jobs.prototype, 'sync', site('sync'), sink);
    wrapMethod(Jobs.prototype, 'later', site('later'), sink);
    const jobs = new Jobs();
    expect(() => jobs.sync('a')).toThrow(thrown);
    await expect(jobs.later('b')).rejects.toBe(rejected);
    expect(failures).toEqual([
      { error: thrown, instance: jobs, args: ['a'] },
      { error: rejected, instance: jobs, args: ['b'] },
    ]);
  });

  it('leaves a rejection nobody handles unhandled, as it is without the wrapper', async () => {
    const rejected = new Error('nobody listens');
    class Jobs {
      async later(): Promise<never> {
        throw rejected;
      }
    }
    const { sink, failures } = recordingSink();
    wrapMethod(Jobs.prototype, 'later', site('later'), sink);
    const unhandled = await unhandledRejectionsOf(
      () => void new Jobs().later(),
      () => delay(20),
    );
    expect(unhandled).toEqual([rejected]);
    expect(failures).toHaveLength(1);
  });

  it('serves the app started last, the one before once that one leaves, and restores the method when none is left', () => {
    class Jobs {
      run(): never {
        throw new Error('boom');
      }
    }
    const original = Jobs.prototype.run;
    const first = recordingSink();
    const second = recordingSink();
    const wrapped = wrapMethod(Jobs.prototype, 'run', site('run'), first.sink);
    expect(wrapMethod(Jobs.prototype, 'run', site('run'), second.sink)).toBe(wrapped);
    const jobs = new Jobs();

    expect(() => jobs.run()).toThrow();
    expect([first.failures.length, second.failures.length]).toEqual([0, 1]);
    wrapped.release(second.sink);
    expect(() => jobs.run()).toThrow();
    expect([first.failures.length, second.failures.length]).toEqual([1, 1]);
    wrapped.release(first.sink);
    expect(Jobs.prototype.run).toBe(original);
  });

  it('wraps the method where it is declared, so subclasses inherit the wrapper', () => {
    class Base {
      run(): never {
        throw new Error('base');
      }
    }
    class Derived extends Base {}
    const { sink, failures } = recordingSink();
    wrapMethod(Base.prototype, 'run', site('run'), sink);
    const derived = new Derived();
    expect(() => derived.run()).toThrow('base');
    expect(failures[0]!.instance).toBe(derived);
    expect(Object.prototype.hasOwnProperty.call(Derived.prototype, 'run')).toBe(false);
  });
});

describe('BackgroundReporting', () => {
  it('reports and logs an error once when one wrapped method fails inside another', () => {
    const reporter = new RecordingReporter();
    const logger = new CapturingLogger();
    const reporting = new BackgroundReporting(new ErrorReporting(reporter, { logger }));
    const error = new Error('inner');
    class Jobs {
      outer(): void {
        this.inner();
      }
      inner(): never {
        throw error;
      }
    }
    wrapMethod(Jobs.prototype, 'outer', site('outer'), reporting);
    wrapMethod(Jobs.prototype, 'inner', site('inner'), reporting);
    expect(() => new Jobs().outer()).toThrow(error);
    expect(reporter.reports.map((report) => report.error)).toEqual([error]);
    expect(logger.at('error').map((entry) => entry.message)).toEqual(['500 Listener inner Error: inner [event event-1]']);
  });

  it('logs but does not report what the `report` option declines; never throws, whatever the reporter or logger do', () => {
    const reporter = new RecordingReporter();
    const logger = new CapturingLogger();
    const report = vi.fn(() => false);
    new BackgroundReporting(new ErrorReporting(reporter, { logger, report })).failed(site('run'), new Error('declined'), undefined, []);
    expect(report).toHaveBeenCalledWith(expect.any(Error), 500);
    expect(reporter.reports).toEqual([]);
    expect(logger.at('error').map((entry) => entry.message)).toEqual(['500 Listener run Error: declined']);

    const throwing = new BackgroundReporting(
      new ErrorReporting(
        { captureException: () => { throw new Error('reporter down'); } },
        { logger: { log() {}, warn() {}, error: () => { throw new Error('logger down'); } } },
      ),
    );
    expect(() => throwing.failed(site('run'), new Error('x'), undefined, [])).not.toThrow();
  });
});
