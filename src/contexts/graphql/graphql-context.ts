import type { ArgumentsHost } from '@nestjs/common';
import { toErrorSubject } from '../../core/error-subject.js';
import { debugSettings } from '../../debug/debug-settings.js';
import type { ErrorHandlersModuleOptions } from '../../interfaces/error-handlers-options.interface.js';
import type { ErrorContextFacts } from '../../reporting/error-reporter.js';
import type { Answer } from '../answer.js';
import type { ContextAdapter, DefaultAnswer } from '../context-adapter.js';
import type { ErrorExchange } from '../error-exchange.js';
import { INTERNAL_SERVER_ERROR_CODE } from './graphql-codes.js';
import { GraphqlErrors, INTERNAL_ERROR_MESSAGE, isGraphqlError, type GraphqlPackage } from './graphql-errors.js';
import { describeGraphqlPlace, graphqlSite, readGraphqlFacts, servedBy } from './graphql-facts.js';
import { invalidGraphqlStatusMessage } from './graphql.messages.js';

/**
 * GraphQL (@nestjs/graphql with Apollo or Mercurius): the reply is the error
 * the failing field resolves to. Nest's external exception handler returns
 * what the filter returns as the resolver's result, and graphql-js raises a
 * returned `Error` as that field's error: the rest of the query still
 * resolves. Without a handler, the error is raised as Nest raises it (the
 * driver formats it as it always does), but for an internal error's own
 * message, which stays in the process outside debug mode (SPEC section 10).
 */
export class GraphqlContext implements ContextAdapter {
  readonly kind = 'graphql';
  private readonly errors: GraphqlErrors;
  private readonly debug: boolean;

  constructor(graphql?: GraphqlPackage, options: ErrorHandlersModuleOptions = {}) {
    this.errors = new GraphqlErrors(graphql);
    this.debug = debugSettings(options) !== undefined;
  }

  answerable(): boolean {
    return true;
  }

  isNativeAnswer(value: unknown): boolean {
    return isGraphqlError(value);
  }

  answeredDirectly(): boolean {
    return false;
  }

  statusOf(answer: Answer, exchange: ErrorExchange): number {
    if (answer.kind === 'response') return checkStatus(answer.status);
    if (answer.kind === 'exception') return statusOfRaised(answer.exception);
    return statusOfRaised(exchange.thrown);
  }

  deliver(answer: Answer, exchange: ErrorExchange, eventId: string | undefined): unknown {
    if (answer.kind === 'response') return this.errors.fromBody(answer.body, answer.status, eventId);
    // A returned HttpException or GraphQLError is raised as Nest raises it, and the driver renders it.
    if (answer.kind === 'exception') return this.errors.passedOn(answer.exception, eventId);
    return this.defaultAnswer(exchange.thrown).deliver(eventId);
  }

  defaultAnswer(error: unknown): DefaultAnswer {
    const status = statusOfRaised(error);
    if (!this.debug && isInternal(error)) return { status, deliver: (eventId) => this.errors.masked(eventId) };
    return { status, deliver: (eventId) => this.errors.passedOn(error, eventId) };
  }

  statusAfterAppFilter(_exchange: ErrorExchange, fallback: number): number {
    return fallback;
  }

  lastResort(_exchange: ErrorExchange, eventId: string | undefined): unknown {
    try {
      return this.errors.masked(eventId);
    } catch {
      return new Error(INTERNAL_ERROR_MESSAGE);
    }
  }

  later(reply: Promise<unknown>): unknown {
    // The resolver's own promise: graphql-js awaits it and raises the `Error` it resolves to.
    return reply;
  }

  facts(exchange: ErrorExchange): ErrorContextFacts {
    return readGraphqlFacts(exchange.host);
  }

  where(exchange: ErrorExchange): string | undefined {
    return describeGraphqlPlace(exchange.host);
  }

  site(exchange: ErrorExchange): { location?: string; variant?: string } {
    return graphqlSite(exchange.host);
  }

  /**
   * Whether the operation reached `instance` (the app's Express app or
   * Fastify instance); undefined when it cannot tell. For the filter's
   * `claims(host)`, when one resolver class serves several apps.
   */
  owns(host: ArgumentsHost, instance: object): boolean | undefined {
    return servedBy(host, instance);
  }
}

/**
 * SPEC section 10: an `HttpException` keeps its status; a `GraphQLError` a
 * resolver raises on purpose is like a 4xx (400) unless coded
 * `INTERNAL_SERVER_ERROR`; anything else is a 500.
 */
function statusOfRaised(error: unknown): number {
  if (isGraphqlError(error)) return codedInternal(error) ? 500 : 400;
  const { status } = toErrorSubject(error);
  return status !== undefined && Number.isInteger(status) && status >= 100 && status <= 599 ? status : 500;
}

/** Neither an HTTP error nor a GraphQL error: its message is the app's internals. */
function isInternal(error: unknown): boolean {
  return !isGraphqlError(error) && toErrorSubject(error).status === undefined;
}

function codedInternal(error: { extensions?: Record<string, unknown> }): boolean {
  try {
    return error.extensions?.code === INTERNAL_SERVER_ERROR_CODE;
  } catch {
    return true;
  }
}

function checkStatus(status: unknown): number {
  if (typeof status === 'number' && Number.isInteger(status) && status >= 100 && status <= 599) return status;
  throw new Error(invalidGraphqlStatusMessage(status));
}

/** The GraphQL context, with the app's `graphql` package when it has one (bootstrap). */
export async function loadGraphqlContext(options: ErrorHandlersModuleOptions): Promise<GraphqlContext | undefined> {
  let graphql: GraphqlPackage;
  try {
    graphql = (await import('graphql' as string)) as GraphqlPackage;
  } catch {
    // No GraphQL in this app: nothing of this context will ever run.
    return undefined;
  }
  return new GraphqlContext(graphql, options);
}
