import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { InstanceWrapper } from '@nestjs/core/injector/instance-wrapper.js';
import { BackgroundReporting } from './background-reporting.js';
import type { BackgroundSite, SiteOwner } from './background-site.interface.js';
import { wrapMethod, type WrappedMethod } from './background-wrapper.js';
import { cannotWrapMessage } from './background.messages.js';
import { eventSite } from './event-listeners.js';
import { queueSite } from './queue-processors.js';
import { scheduleSite } from './schedule-jobs.js';
import { schedulerSeamOf, watchScheduledJob } from './scheduler-seam.js';

/**
 * Finds the methods that @nestjs/schedule, @nestjs/event-emitter and
 * @nestjs/bullmq will run, by their metadata, and wraps them where they are
 * declared (see background-wrapper.ts).
 *
 * Timing is the whole point. The packages read the methods in their own
 * lifecycle hooks (the scheduler and BullMQ in `onModuleInit`, the event
 * emitter in `onApplicationBootstrap`), and Nest runs the hooks of global
 * modules, which all three and this one are, in the order the app imports
 * them. Nest creates every provider before it runs any hook, so `wrap()` runs
 * from a provider factory (background-work.providers.ts): before all of them,
 * whatever the order of imports. `onModuleInit` looks again, for providers
 * made by a factory that had not run yet.
 */
@Injectable()
export class BackgroundWorkExplorer implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('ErrorHandlersModule');
  private readonly wrapped = new Set<WrappedMethod>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reporting: BackgroundReporting,
  ) {}

  wrap(): void {
    const wrappers = [...this.discovery.getProviders(), ...this.discovery.getControllers()];
    const seam = findSchedulerSeam(wrappers);
    for (const wrapper of wrappers) {
      const type = classOf(wrapper);
      if (!type) continue;
      for (const methodName of this.scanner.getAllMethodNames(type.prototype)) {
        this.wrapMethod(type, methodName, wrapper.host?.name, seam);
      }
    }
  }

  onModuleInit(): void {
    this.wrap();
  }

  /** Leaves the classes as they were once no running app uses them (tests start many apps in one process). */
  onApplicationShutdown(): void {
    for (const method of this.wrapped) method.release(this.reporting);
    this.wrapped.clear();
  }

  private wrapMethod(type: Function, methodName: string, moduleName: string | undefined, schedulerSeam: object | undefined): void {
    const method: unknown = (type.prototype as Record<string, unknown>)[methodName];
    if (typeof method !== 'function') return;
    const owner: SiteOwner = { className: type.name, methodName, moduleName };
    const site = siteOf(type, method, owner);
    if (!site) return;
    try {
      // Scheduled jobs through the scheduler's own seam when it has one: nothing added to a tick (scheduler-seam.ts).
      if (site.kind === 'schedule' && schedulerSeam) this.wrapped.add(watchScheduledJob(schedulerSeam, method as Function, site, this.reporting));
      else this.wrapped.add(wrapMethod(declaringPrototype(type.prototype, methodName), methodName, site, this.reporting));
    } catch (error) {
      // A frozen prototype: the work runs as before, unreported, and the log says so.
      this.logger.warn(cannotWrapMessage(`${type.name}.${methodName}`, error instanceof Error ? error.message : String(error)));
    }
  }
}

/** @nestjs/schedule's explorer, when the app runs the scheduler and the installed version has the seam. */
function findSchedulerSeam(wrappers: InstanceWrapper[]): object | undefined {
  for (const wrapper of wrappers) {
    const { metatype } = wrapper;
    const seam = typeof metatype === 'function' ? schedulerSeamOf(metatype) : undefined;
    if (seam) return seam;
  }
  return undefined;
}

/** The first kind that claims the method; a method with two kinds' decorators is reported as the first. */
function siteOf(type: Function, method: Function, owner: SiteOwner): BackgroundSite | undefined {
  return scheduleSite(method, owner) ?? eventSite(method, owner) ?? queueSite(type, owner);
}

/**
 * The provider's class. For `useClass` it is the metatype; for `useFactory`
 * and `useValue` only the instance knows it, once it exists (as
 * @nestjs/bullmq's explorer does it). Aliases (`useExisting`) are their target's.
 */
function classOf(wrapper: InstanceWrapper): Function | undefined {
  if (wrapper.isAlias) return undefined;
  const { metatype, instance } = wrapper;
  if (typeof metatype === 'function' && !wrapper.inject && metatype.prototype) return metatype;
  if (!instance || typeof instance !== 'object') return undefined;
  const constructor: unknown = Object.getPrototypeOf(instance)?.constructor;
  return typeof constructor === 'function' && constructor !== Object ? constructor : undefined;
}

/** Where `methodName` is an own property: the class itself, or the base class it inherits the method from. */
function declaringPrototype(prototype: object, methodName: string): object {
  let current: object | null = prototype;
  while (current && !Object.prototype.hasOwnProperty.call(current, methodName)) current = Object.getPrototypeOf(current);
  return current ?? prototype;
}
