/** The routes every bench server serves, with the status a healthy server answers. */
export const ROUTES = {
  success: { path: '/ok', status: 200 },
  error: { path: '/deep-error', status: 400 },
  /** An unhandled plain `Error`: a 500 the module reports to Sentry by default. */
  serverError: { path: '/server-error', status: 500 },
  /** Unhandled errors of DISTINCT_FINGERPRINTS classes in turn: a storm of many fingerprints at once. */
  distinctErrors: { path: '/distinct-errors', status: 500 },
} as const;

/** How many error classes `distinctErrors` cycles through: each a fingerprint of storm control. */
export const DISTINCT_FINGERPRINTS = 1_000;
/** What Sentry shows as their type: the prefix, then the index. */
export const DISTINCT_TYPE_PREFIX = 'DistinctBench';

export type RouteName = keyof typeof ROUTES;

/** The message of the thrown exception, echoed in both variants' bodies. */
export const DEEP_ERROR_MESSAGE = 'deep';
