import type { ErrorContextFacts, ErrorReportContext } from '../error-reporter.js';

/** Where an error was raised, as the context knows it at report time (see ReportingPolicy.report). */
export interface ReportSite {
  /** One frozen object per controller-like class (or per job method): the same identity for every error raised there. */
  readonly origin: object;
  /** A string that already exists at report time: a route pattern, a GraphQL field name, an RPC pattern, a job name. */
  readonly location?: string;
  /** A second such string, e.g. the HTTP method. */
  readonly variant?: string;
}

/** What a summary says about its fingerprint, kept from an earlier report: no host, no request. */
export type FingerprintSnapshot = Omit<ErrorReportContext, 'host' | 'facts' | 'occurrences' | 'summary'>;

/** One fingerprint's counts. */
export class Fingerprint {
  windowStart: number;
  sentInWindow = 0;
  /** Occurrences counted since the fingerprint's last event. */
  pending = 0;
  everSent = false;
  /** Not due before this time: a count given back because its event was lost waits a little before it is tried again. */
  retryAt = 0;
  /** Given back once during shutdown already: a second time, the reporter keeps the count (shutdown must end). */
  givenBackInShutdown = false;
  /** The last error counted: what the summary event reports. Released once the count is sent. */
  lastCounted: unknown = undefined;
  snapshot: FingerprintSnapshot;
  /** The facts of an earlier report, without its request. */
  facts?: ErrorContextFacts;

  constructor(
    /** Absent for the overflow fingerprint (see StormControl). */
    readonly key: FingerprintKey | undefined,
    public status: number,
    now: number,
  ) {
    this.windowStart = now;
    this.snapshot = { status };
  }
}

export interface FingerprintKey {
  readonly site: ReportSite;
  readonly errorClass: unknown;
}

type ByStatus = Map<number, Fingerprint>;
type ByClass = Map<unknown, ByStatus>;
type ByVariant = Map<string | undefined, ByClass>;
type ByLocation = Map<string | undefined, ByVariant>;

/**
 * The fingerprints being tracked, in nested Maps keyed by identities that
 * exist before any report is built (the site's origin object and strings, the
 * error's prototype, the status), so finding one builds nothing. Fingerprints
 * with nothing left to send are kept in order of last use, the oldest
 * forgotten first when room is needed.
 */
export class FingerprintTable {
  private readonly byOrigin = new Map<object, ByLocation>();
  private readonly settled = new Set<Fingerprint>();
  private count = 0;

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.count;
  }

  find(site: ReportSite, errorClass: unknown, status: number): Fingerprint | undefined {
    return this.byOrigin.get(site.origin)?.get(site.location)?.get(site.variant)?.get(errorClass)?.get(status);
  }

  /** A new fingerprint, or undefined when the table is full of fingerprints that still have counts to send. */
  add(site: ReportSite, errorClass: unknown, status: number, now: number): Fingerprint | undefined {
    if (this.count >= this.capacity && !this.forgetOldestSettled()) return undefined;
    const fingerprint = new Fingerprint({ site, errorClass }, status, now);
    const byClass = child(child(child(this.byOrigin, site.origin), site.location), site.variant);
    child(byClass, errorClass).set(status, fingerprint);
    this.count += 1;
    return fingerprint;
  }

  /** Its count was sent: it may be forgotten, the longest settled first. */
  settle(fingerprint: Fingerprint): void {
    if (!fingerprint.key) return;
    this.settled.delete(fingerprint);
    this.settled.add(fingerprint);
  }

  /** Whether this very fingerprint is still tracked (not forgotten to make room). */
  holds(fingerprint: Fingerprint): boolean {
    return fingerprint.key !== undefined && this.find(fingerprint.key.site, fingerprint.key.errorClass, fingerprint.status) === fingerprint;
  }

  /** It has a count to send again: it must not be forgotten. */
  unsettle(fingerprint: Fingerprint): void {
    this.settled.delete(fingerprint);
  }

  private forgetOldestSettled(): boolean {
    const oldest = this.settled.values().next().value;
    if (!oldest?.key) return false;
    this.settled.delete(oldest);
    this.remove(oldest.key, oldest.status);
    return true;
  }

  /** Removes the entry and every Map it leaves empty. */
  private remove({ site, errorClass }: FingerprintKey, status: number): void {
    const byLocation = this.byOrigin.get(site.origin);
    const byVariant = byLocation?.get(site.location);
    const byClass = byVariant?.get(site.variant);
    const byStatus = byClass?.get(errorClass);
    if (!byStatus?.delete(status)) return;
    this.count -= 1;
    if (byStatus.size === 0) byClass!.delete(errorClass);
    if (byClass!.size === 0) byVariant!.delete(site.variant);
    if (byVariant!.size === 0) byLocation!.delete(site.location);
    if (byLocation!.size === 0) this.byOrigin.delete(site.origin);
  }
}

function child<K, V extends Map<unknown, unknown>>(parent: Map<K, V>, key: K): V {
  let map = parent.get(key);
  if (!map) {
    map = new Map() as V;
    parent.set(key, map);
  }
  return map;
}

const NULL_PROTOTYPE = Object.freeze({ name: 'null prototype' });
const UNREADABLE_PROTOTYPE = Object.freeze({ name: 'unreadable prototype' });

/**
 * The error's class, as an identity: its prototype, or for a primitive the
 * `typeof` string (interned, nothing built). A Proxy whose getPrototypeOf
 * trap throws is a class of its own.
 */
export function errorClassOf(error: unknown): unknown {
  if (error === null) return 'null';
  const type = typeof error;
  if (type !== 'object' && type !== 'function') return type;
  try {
    return Object.getPrototypeOf(error) ?? NULL_PROTOTYPE;
  } catch {
    return UNREADABLE_PROTOTYPE;
  }
}
