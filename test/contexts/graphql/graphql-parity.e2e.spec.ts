import type { Response } from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLATFORMS, type PlatformName } from '../../helpers/platforms.js';
import { defineParityResolvers, FAILURES, GRAPHQL_SECRET } from './fixtures/parity.resolvers.js';
import { startGraphqlApp, type RunningGraphqlApp } from './graphql-client.js';
import type { GraphqlAppOptions } from './fixtures/graphql.app.js';

/**
 * SPEC section 10: without handlers, a GraphQL app with the module answers
 * every failing field exactly as the same app without it (same HTTP status,
 * same bytes), with one deliberate exception: an unhandled error that is
 * neither an HTTP error nor a GraphQLError has its own message replaced by
 * `Internal server error` (code INTERNAL_SERVER_ERROR) unless debug is on.
 * Apollo's stack traces are off for the byte comparison; a test below
 * checks that with them on, the internal message still stays in the process.
 */

/** Thrown values whose message Nest would send and the module masks. */
const INTERNAL_KINDS = new Set(['plain', 'type-error', 'string']);

interface ParityCase {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  /** The failing field's path. */
  path: string;
  /** The module masks this error's message (outside debug mode). */
  masked: boolean;
}

const ROOT_CASES: ParityCase[] = Object.keys(FAILURES).flatMap((kind) => [
  { name: `fail(${kind})`, query: 'query Parity($kind: String!) { ok fail(kind: $kind) }', variables: { kind }, path: 'fail', masked: INTERNAL_KINDS.has(kind) },
  { name: `async failLater(${kind})`, query: 'query { ok failLater(kind: "' + kind + '") }', path: 'failLater', masked: INTERNAL_KINDS.has(kind) },
]);

const GUARD_CASE: ParityCase = { name: 'a guard that denies', query: '{ ok guarded }', path: 'guarded', masked: false };

const FIELD_CASES: ParityCase[] = [
  { name: 'field resolver: NotFoundException', query: '{ profile(id: "missing") { id secret } }', path: 'profile.secret', masked: false },
  { name: 'field resolver: Error', query: '{ profile(id: "1") { id secret } }', path: 'profile.secret', masked: true },
];

/** Apollo's stack traces differ by construction; Mercurius sends none. */
function withoutStacks(platform: PlatformName, options: GraphqlAppOptions): GraphqlAppOptions {
  return platform === 'express' ? { ...options, driverOptions: { includeStacktraceInErrorResponses: false } } : options;
}

/** What the module answers for an internal error: Nest's response, but the message and code. */
function masked(bare: Response, path: string): unknown {
  const body = structuredClone(bare.body) as { errors: Array<{ path: Array<string | number>; message: string; extensions?: object }> };
  const error = body.errors.find((candidate) => candidate.path.join('.') === path)!;
  error.message = 'Internal server error';
  error.extensions = { ...error.extensions, code: 'INTERNAL_SERVER_ERROR' };
  return body;
}

function expectPartialFailure(response: Response, path: string): void {
  expect(response.status).toBe(200);
  expect((response.body.errors as Array<{ path: unknown[] }>).map((error) => error.path.join('.'))).toEqual([path]);
}

describe.each(PLATFORMS)('GraphQL without handlers: parity with Nest (%s)', (platform) => {
  const apps: Record<'bare' | 'module' | 'debug' | 'bareFields' | 'moduleFields', RunningGraphqlApp> = {} as never;

  beforeAll(async () => {
    const start = (options: GraphqlAppOptions) => startGraphqlApp(platform, withoutStacks(platform, { ...options, providers: defineParityResolvers() }));
    apps.bare = await start({});
    apps.module = await start({ errorHandlers: {} });
    apps.debug = await start({ errorHandlers: { debug: true } });
    apps.bareFields = await start({ fieldResolverEnhancers: ['filters'] });
    apps.moduleFields = await start({ errorHandlers: {}, fieldResolverEnhancers: ['filters'] });
  });
  afterAll(async () => {
    for (const app of Object.values(apps)) await app?.close();
  });

  it.each([...ROOT_CASES, GUARD_CASE].map((c) => [c.name, c] as const))('%s', async (_name, { query, variables, path, masked: isMasked }) => {
    const bare = await apps.bare.query(query, variables);
    const module = await apps.module.query(query, variables);
    expectPartialFailure(bare, path);
    expect(bare.body.data.ok).toBe('fine');
    expect(module.status).toBe(bare.status);
    if (isMasked) {
      expect(bare.text).toContain(GRAPHQL_SECRET);
      expect(module.body).toEqual(masked(bare, path));
      expect(module.text).not.toContain(GRAPHQL_SECRET);
    } else {
      expect(module.text).toBe(bare.text);
    }
  });

  it.each(FIELD_CASES.map((c) => [c.name, c] as const))('%s, with filters on field resolvers', async (_name, { query, path, masked: isMasked }) => {
    const bare = await apps.bareFields.query(query);
    const module = await apps.moduleFields.query(query);
    expectPartialFailure(bare, path);
    expect(module.status).toBe(bare.status);
    if (isMasked) expect(module.body).toEqual(masked(bare, path));
    else expect(module.text).toBe(bare.text);
  });

  it.each(FIELD_CASES.map((c) => [c.name, c] as const))('%s, without filters on field resolvers: Nest runs no filter, so the module cannot answer', async (_name, { query, path }) => {
    const bare = await apps.bare.query(query);
    const module = await apps.module.query(query);
    expectPartialFailure(bare, path);
    expect(module.text).toBe(bare.text);
  });

  it.each([...ROOT_CASES, GUARD_CASE].filter((c) => c.masked).map((c) => [c.name, c] as const))('in debug mode, %s is answered exactly as Nest answers it', async (_name, { query, variables }) => {
    const bare = await apps.bare.query(query, variables);
    const debug = await apps.debug.query(query, variables);
    expect(debug.status).toBe(bare.status);
    expect(debug.text).toBe(bare.text);
  });
});

describe('GraphQL without handlers: an internal message stays in the process with Apollo\'s stack traces on (express)', () => {
  let app: RunningGraphqlApp;
  beforeAll(async () => {
    // Apollo's default leaves them out when NODE_ENV is `test` or `production`.
    const driverOptions = { includeStacktraceInErrorResponses: true };
    app = await startGraphqlApp('express', { providers: defineParityResolvers(), errorHandlers: {}, driverOptions });
  });
  afterAll(() => app?.close());

  it.each([...INTERNAL_KINDS])('fail(%s)', async (kind) => {
    const response = await app.query('query Parity($kind: String!) { ok fail(kind: $kind) }', { kind });
    expect(response.body.errors[0].message).toBe('Internal server error');
    expect(response.text).not.toContain(GRAPHQL_SECRET);
    // Nor the module's own frames: the stand-in error has no stack.
    expect(response.body.errors[0].extensions.stacktrace).toEqual(['GraphQLError: Internal server error']);
  });
});
