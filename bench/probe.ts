import type { ResponseTally } from './response-tally.js';
import type { RunningServer } from './server-process.js';
import { ROUTES, type RouteName } from './servers/routes.js';
import { HANDLED_ERROR_LABEL, NEST_ERROR_LABEL, installsModule, type Variant } from './servers/variants.js';

type Body = Record<string, unknown>;

/** What only the right code path answers, per route (e.g. the module's handler, not Nest's filter). */
const EXPECTED_BODY: Record<RouteName, (body: Body, variant: Variant) => boolean> = {
  success: (body) => body.status === 'ok',
  error: (body, variant) => body.error === (installsModule(variant) ? HANDLED_ERROR_LABEL : NEST_ERROR_LABEL),
  // Nest's body for an unknown error, which the module reproduces.
  serverError: (body) => body.statusCode === 500 && body.message === 'Internal server error',
  distinctErrors: (body) => body.statusCode === 500 && body.message === 'Internal server error',
};

/**
 * One request per route before any load: a server answering from the wrong
 * code path would otherwise yield a plausible but meaningless ratio.
 */
export async function probeServer(server: RunningServer, routes: readonly RouteName[], tally: ResponseTally): Promise<void> {
  for (const route of routes) await expectResponse(server, route, tally);
}

async function expectResponse(server: RunningServer, route: RouteName, tally: ResponseTally): Promise<void> {
  const { path, status } = ROUTES[route];
  const response = await fetch(`http://127.0.0.1:${server.port}${path}`);
  const text = await response.text();
  tally.add(response.status);
  if (response.status !== status || !EXPECTED_BODY[route](JSON.parse(text) as Body, server.variant)) {
    throw new Error(`${server.platform}/${server.variant} GET ${path}: expected ${status}, got ${response.status} ${text}`);
  }
}
