import type { ArgumentsHost } from '@nestjs/common';
import { readOr, truncate } from '../../core/safe-error.js';
import type { ErrorContextFacts } from '../../reporting/error-reporter.js';
import { readRequest } from '../http/request-facts.js';

/** The parts of graphql-js's `GraphQLResolveInfo` read here (the 4th resolver argument). */
interface ResolveInfo {
  fieldName?: unknown;
  parentType?: { name?: unknown };
  path?: ResponsePath;
  operation?: { operation?: unknown; name?: { value?: unknown } | null };
}

interface ResponsePath {
  prev?: ResponsePath;
  key: string | number;
}

/**
 * The GraphQL context value (3rd argument): Nest's drivers put the HTTP
 * request in `req`; Mercurius adds `reply` and `app` (the Fastify instance).
 */
interface GraphqlContextValue {
  req?: { app?: object; server?: object };
  request?: object;
  reply?: { request?: object; server?: object };
  app?: object;
}

const MAX_PATH_DEPTH = 256;
const MAX_NAME_LENGTH = 100;

/** Operation, field and the HTTP request behind it, for the reporter. Never throws. */
export function readGraphqlFacts(host: ArgumentsHost): ErrorContextFacts {
  const info = infoOf(host);
  const operation = readOr(() => operationOf(info), undefined);
  const path = readOr(() => pathOf(info?.path)?.join('.'), undefined);
  const field = readOr(() => fieldCoordinate(info), undefined);
  const tags: Record<string, string> = {};
  const graphql: Record<string, unknown> = {};
  if (operation) {
    tags['graphql.operation_type'] = graphql.operation_type = operation.type;
    if (operation.name) tags['graphql.operation_name'] = graphql.operation_name = operation.name;
  }
  if (field) tags['graphql.field'] = graphql.field = field;
  if (path) graphql.path = path;
  const request = readOr(() => readRequest(requestOf(host)), undefined);
  return { tags, contexts: { graphql }, request, transaction: operation && describeOperation(operation) };
}

/** `query GetUser (user.orders.0.total)`, for a log line. Never throws. */
export function describeGraphqlPlace(host: ArgumentsHost): string | undefined {
  const info = infoOf(host);
  const operation = readOr(() => operationOf(info), undefined);
  if (!operation) return undefined;
  const path = readOr(() => pathOf(info?.path)?.join('.'), undefined);
  return path ? `${describeOperation(operation)} (${truncate(path, 200)})` : describeOperation(operation);
}

/** The parent type and field names graphql-js already holds, for storm-control fingerprints. */
export function graphqlSite(host: ArgumentsHost): { location?: string; variant?: string } {
  const info = infoOf(host);
  const none: { location?: string; variant?: string } = {};
  return readOr(() => ({ location: stringOr(info?.parentType?.name), variant: stringOr(info?.fieldName) }), none);
}

/**
 * Whether the operation came through `instance` (the app's Express app or
 * Fastify instance): Express requests know their app, Fastify requests and
 * replies their instance (which, in an encapsulated context, inherits from
 * the root one). Undefined when the context carries none of them (an
 * operation that did not come over HTTP).
 */
export function servedBy(host: ArgumentsHost, instance: object): boolean | undefined {
  const context = readOr(() => host.getArgByIndex(2) as GraphqlContextValue | undefined, undefined);
  const candidates = readOr(() => [context?.req?.app, context?.reply?.server, context?.req?.server, context?.app].filter(Boolean), []);
  if (candidates.length === 0) return undefined;
  for (const start of candidates) {
    for (let candidate = start, depth = 0; candidate && depth < 32; candidate = Object.getPrototypeOf(candidate), depth++) {
      if (candidate === instance) return true;
    }
  }
  return false;
}

function infoOf(host: ArgumentsHost): ResolveInfo | undefined {
  const info = readOr(() => host.getArgByIndex(3) as unknown, undefined);
  return info !== null && typeof info === 'object' ? (info as ResolveInfo) : undefined;
}

function requestOf(host: ArgumentsHost): unknown {
  const context = host.getArgByIndex(2) as GraphqlContextValue | undefined;
  return context?.req ?? context?.reply?.request ?? context?.request;
}

function operationOf(info: ResolveInfo | undefined): { type: string; name?: string } | undefined {
  const type = stringOr(info?.operation?.operation);
  if (!type) return undefined;
  const name = stringOr(info?.operation?.name?.value);
  return { type, name: name && name.slice(0, MAX_NAME_LENGTH) };
}

function describeOperation({ type, name }: { type: string; name?: string }): string {
  return name ? `${type} ${name}` : type;
}

function fieldCoordinate(info: ResolveInfo | undefined): string | undefined {
  const parent = stringOr(info?.parentType?.name);
  const field = stringOr(info?.fieldName);
  return parent && field ? `${parent}.${field}` : undefined;
}

/** graphql-js's response path (a linked list, leaf first) as keys from the root. */
function pathOf(path: ResponsePath | undefined): Array<string | number> | undefined {
  const keys: Array<string | number> = [];
  for (let node = path; node && keys.length < MAX_PATH_DEPTH; node = node.prev) keys.push(node.key);
  return keys.length > 0 ? keys.reverse() : undefined;
}

function stringOr(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
