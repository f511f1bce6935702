import type { StormControlOptions } from './storm-control-options.interface.js';
import { invalidStormLimitMessage } from './storm-control.messages.js';

/** The limits storm control works with; a limit turned off is `Infinity`. */
export interface StormLimits {
  readonly windowMs: number;
  readonly perFingerprint: number;
  readonly maxEventsPerSecond: number;
  readonly maxFingerprints: number;
}

/** Documented in docs/reporting.md and on StormControlOptions; change both together. */
export const DEFAULT_STORM_LIMITS: StormLimits = Object.freeze({
  windowMs: 60_000,
  perFingerprint: 10,
  maxEventsPerSecond: 50,
  maxFingerprints: 2_000,
});

/** Checked at bootstrap: a limit of 0 or NaN would silently send nothing. */
export function stormLimits(options: StormControlOptions = {}): StormLimits {
  return {
    windowMs: positive('windowMs', options.windowMs, DEFAULT_STORM_LIMITS.windowMs),
    perFingerprint: wholeOrOff('perFingerprint', options.perFingerprint, DEFAULT_STORM_LIMITS.perFingerprint),
    maxEventsPerSecond: wholeOrOff('maxEventsPerSecond', options.maxEventsPerSecond, DEFAULT_STORM_LIMITS.maxEventsPerSecond),
    maxFingerprints: wholeOrOff('maxFingerprints', options.maxFingerprints, DEFAULT_STORM_LIMITS.maxFingerprints, false),
  };
}

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) throw new Error(invalidStormLimitMessage(name, value, 'a positive number'));
  return value;
}

function wholeOrOff(name: string, value: number | false | undefined, fallback: number, mayBeOff = true): number {
  if (value === undefined) return fallback;
  if (value === false && mayBeOff) return Infinity;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new Error(invalidStormLimitMessage(name, value, mayBeOff ? 'a whole number ≥ 1 or false' : 'a whole number ≥ 1'));
  }
  return value;
}
