/** The routes every bench server serves, with the status a healthy server answers. */
export const ROUTES = {
  success: { path: '/ok', status: 200 },
  error: { path: '/deep-error', status: 400 },
  /** An unhandled plain `Error`: a 500 the module reports to Sentry by default. */
  serverError: { path: '/server-error', status: 500 },
} as const;

export type RouteName = keyof typeof ROUTES;

/** The message of the thrown exception, echoed in both variants' bodies. */
export const DEEP_ERROR_MESSAGE = 'deep';
