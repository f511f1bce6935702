import type { RouteName } from './servers/routes.js';
import type { Variant } from './servers/variants.js';

/** Two sides measured one after the other on `routes`; ratio = variant ÷ baseline. */
export interface Comparison {
  id: 'module-vs-bare' | 'module-vs-same-app' | 'a-a' | 'sentry-on-vs-off' | 'sdk-only-vs-off';
  label: string;
  variant: Variant;
  baseline: Variant;
  routes: readonly RouteName[];
  /** A route also timed one request at a time on the idle server (see idle-latency.ts). */
  idleLatencyRoute?: RouteName;
}

export const COMPARISONS: readonly Comparison[] = [
  { id: 'module-vs-bare', label: 'module vs bare', variant: 'module', baseline: 'bare', routes: ['success', 'error'] },
  // The same application code on both sides, the module on one only: what installing the module alone changes.
  { id: 'module-vs-same-app', label: 'module vs same app w/o it', variant: 'module', baseline: 'bare-handlers', routes: ['success', 'error'] },
  // Two identical bare servers: whatever this ratio strays from 1 is noise.
  { id: 'a-a', label: 'A/A bare vs bare', variant: 'bare', baseline: 'bare', routes: ['success', 'error'] },
  // The same module app, with and without a DSN (storm control at its defaults): what reporting costs
  // on the success path, in a storm of one failing route (every request a reported 500), and in a
  // storm of 1,000 fingerprints at once. Also timed one request at a time: does a reported 500 wait for the SDK?
  {
    id: 'sentry-on-vs-off',
    label: 'Sentry on vs off',
    variant: 'module-sentry',
    baseline: 'module',
    routes: ['success', 'serverError', 'distinctErrors'],
    idleLatencyRoute: 'serverError',
  },
  // The SDK building each event with no integrations and sending nothing: the best (d) any reporter on @sentry/node could reach.
  { id: 'sdk-only-vs-off', label: 'SDK alone vs off', variant: 'module-sentry-unsent', baseline: 'module', routes: ['serverError'] },
];
