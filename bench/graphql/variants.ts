/** What a GraphQL bench server process runs; shared by the orchestrator and the server entry. */

/** Apollo serves on Express, Mercurius on Fastify: each driver on its own platform. */
export const GRAPHQL_DRIVERS = ['apollo', 'mercurius'] as const;
export type GraphqlDriver = (typeof GRAPHQL_DRIVERS)[number];

/**
 * - `bare`: plain Nest and the driver, Nest's own exception handling, no import of the library;
 * - `bare-handlers`: the same with the application code of `module` (the
 *   1,000 generated `@ErrorHandler` methods and the deep one) but not the module;
 * - `module`: that app with `ErrorHandlersModule.forRoot()` (as the HTTP bench's `module`).
 */
export const GRAPHQL_VARIANTS = ['bare', 'bare-handlers', 'module'] as const;
export type GraphqlVariant = (typeof GRAPHQL_VARIANTS)[number];

export interface GraphqlServerArgs {
  driver: GraphqlDriver;
  variant: GraphqlVariant;
}

export function parseGraphqlServerArgs(argv: readonly string[]): GraphqlServerArgs {
  const [driver, variant] = argv;
  if (!GRAPHQL_DRIVERS.includes(driver as GraphqlDriver)) throw new Error(`Unknown GraphQL driver "${driver}"`);
  if (!GRAPHQL_VARIANTS.includes(variant as GraphqlVariant)) throw new Error(`Unknown GraphQL bench variant "${variant}"`);
  return { driver: driver as GraphqlDriver, variant: variant as GraphqlVariant };
}

/** The operations every GraphQL bench server answers, all with HTTP 200 (a failing field is part of the result). */
export const GRAPHQL_OPERATIONS = {
  success: { query: 'query Bench { status { state items } }' },
  /** The resolver throws the leaf of the 20-level hierarchy; the module's handler answers it, Nest and the driver do without it. */
  error: { query: 'query Bench { deepError }' },
} as const;
export type GraphqlOperationName = keyof typeof GRAPHQL_OPERATIONS;
