import type { SamplePlatform } from '../config/app-settings.js';

/**
 * One step of the sample's tour: a request in one of Nest's four contexts,
 * what it shows, and the answer it gets. The list (tour.ts) is the one
 * source of `GET /`, of the e2e test that runs it, and of the tour table in
 * docs/sample-app.md.
 */
export type TourStep = HttpStep | GraphqlStep | WsStep | RpcStep;

interface Described {
  /** What the step shows; `GET /` and the docs print it. */
  description: string;
}

export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'DELETE';

/** An HTTP request to a controller. */
export interface HttpStep extends Described {
  context: 'http';
  method: HttpMethod;
  path: string;
  /** JSON body to send, when the route takes one. */
  body?: Record<string, string>;
  expect: HttpAnswer;
}

/** A GraphQL operation, POSTed to `/graphql`. */
export interface GraphqlStep extends Described {
  context: 'graphql';
  query: string;
  expect: HttpAnswer;
}

/** A socket.io message to the gateway on the app's own port. */
export interface WsStep extends Described {
  context: 'ws';
  event: string;
  data: unknown;
  /** The next event the client receives: the reply, or Nest's `exception` event. */
  expect: { event: string; data: unknown };
}

/** A message to the TCP microservice, sent with a `ClientProxy`. */
export interface RpcStep extends Described {
  context: 'rpc';
  pattern: Record<string, string>;
  data: unknown;
  /** What the client's `send()` emits, or the error it fails with. */
  expect: { reply: unknown } | { error: unknown };
}

/** An HTTP response: status, the headers worth showing, and a JSON body or a text. */
export interface HttpAnswer {
  status: number;
  headers?: Record<string, string>;
  /** A JSON body (`content-type: application/json`). */
  body?: unknown;
  /** A body that is not JSON, by platform where they differ (the docs show Express's, which main.ts runs). */
  text?: string | Record<SamplePlatform, string>;
}

/**
 * Stand-ins for values that differ on each run: the test matches their
 * shape, the docs print them as they are.
 */
export const VARYING = { timestamp: '<timestamp>' } as const;
