import { HANDLED_ERROR_LABEL } from '../servers/variants.js';
import { DEEP_ERROR_MESSAGE } from '../servers/routes.js';
import type { RunningGraphqlServer } from './server.js';
import { GRAPHQL_OPERATIONS, type GraphqlOperationName } from './variants.js';

interface GraphqlBody {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message?: string; extensions?: Record<string, unknown> }>;
}

/** What only the right code path answers: the module's handler on the error path, Nest and the driver without it. */
const EXPECTED: Record<GraphqlOperationName, (body: GraphqlBody, server: RunningGraphqlServer) => boolean> = {
  success: (body) => (body.data?.status as { state?: string } | undefined)?.state === 'ok' && body.errors === undefined,
  error: (body, server) => {
    const [error] = body.errors ?? [];
    if (error?.message !== DEEP_ERROR_MESSAGE) return false;
    return server.variant === 'module' ? error.extensions?.error === HANDLED_ERROR_LABEL : error.extensions?.error === undefined;
  },
};

/** One request per operation before any load: a wrong code path would give a plausible but meaningless ratio. */
export async function probeGraphqlServer(server: RunningGraphqlServer, operations: readonly GraphqlOperationName[]): Promise<void> {
  for (const operation of operations) {
    const response = await fetch(`http://127.0.0.1:${server.port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(GRAPHQL_OPERATIONS[operation]),
    });
    const text = await response.text();
    if (response.status !== 200 || !EXPECTED[operation](JSON.parse(text) as GraphqlBody, server)) {
      throw new Error(`${server.driver}/${server.variant} ${operation}: unexpected answer ${response.status} ${text}`);
    }
  }
}
