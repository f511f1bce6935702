import { readOr } from '../../core/safe-error.js';
import type { BackgroundSite } from './background-site.interface.js';

/**
 * The class that ran the method: the instance's own (a subclass inheriting a
 * decorated method, a request-scoped instance), else the declaring one.
 */
export function classOf(site: BackgroundSite, instance: unknown): string {
  const name = readOr(() => (instance as { constructor?: { name?: unknown } } | null)?.constructor?.name, undefined);
  return typeof name === 'string' && name !== '' ? name : site.className;
}

/** `Class.method`, as every message of the module names code. */
export function whereOf(site: BackgroundSite, instance: unknown): string {
  return `${classOf(site, instance)}.${site.methodName}`;
}

/** The tags every background event carries besides its kind's own. */
export function nestTags(site: BackgroundSite, instance: unknown): Record<string, string> {
  return { 'nest.class': classOf(site, instance), 'nest.method': site.methodName };
}

/** A plain string for a name that may be a symbol or a wildcard array (event names). */
export function nameOf(value: unknown): string {
  if (Array.isArray(value)) return value.map(nameOf).join('.');
  return readOr(() => String(value), '(unreadable name)');
}
