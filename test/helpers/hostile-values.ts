import fc from 'fast-check';

/**
 * Hostile values as recipes: plain JSON that says what to build
 * (hostile-builders.ts builds it). A recipe crosses process boundaries and
 * URLs (the app that throws the value may run in a child process), prints
 * readably when a fuzz run fails, and is what the fast-check generators below
 * produce and shrink.
 */

/** Carried by every internal message a hostile value holds: must never reach a client outside debug. */
export const SECRET = 'hostile-internal-secret';
/** What a handler puts in its answer on purpose: public. */
export const PUBLIC = 'public-answer';
/** The header a CR/LF in a header would smuggle into the response (response splitting). */
export const INJECTED_HEADER = 'x-injected';

export const PRIMITIVE_KINDS = [
  'string', 'empty-string', 'number', 'NaN', 'boolean', 'null', 'undefined', 'bigint', 'symbol', 'well-known-symbol', 'function',
] as const;
export const BASE_KINDS = [
  'Error', 'TypeError', 'AggregateError', 'DOMException', 'custom-error', 'anonymous-error',
  'plain-object', 'array', 'invalid-date', 'map', 'promise', 'class-instance', 'boxed-string',
] as const;
/** Applied in this order, whatever order a recipe lists them in (freezing last). */
export const TRAITS = [
  'huge-message', 'symbol-message', 'object-message', 'throwing-to-string', 'throwing-getters',
  'toJSON-self', 'toJSON-throws', 'self-reference', 'null-prototype', 'deep-prototype-chain', 'frozen',
] as const;
export const PROXY_TRAPS = [
  'self-prototype', 'fresh-prototype', 'throwing-prototype', 'get-throws', 'get-returns-secret',
  'has-throws', 'ownKeys-throws', 'descriptor-throws', 'every-trap-throws', 'revoked',
] as const;
export const CAUSE_SHAPES = [
  'self', 'cycle-of-two', 'cycle-through-aggregate', 'a-thousand-deep', 'fresh-on-every-read', 'throwing-getter',
] as const;
/** Statuses no HTTP response can carry (RFC 9110: 100–599, integers; Node refuses some, Fastify others). */
export const INVALID_STATUSES = [1000, 0, -1, 99, 600, 2.5, 1e21, 'NaN', 'Infinity', 'numeric-string'] as const;
/** Bodies JSON cannot serialise: the answer cannot be sent. */
export const UNSENDABLE_BODIES = [
  'circular', 'bigint', 'toJSON-throws', 'getter-throws', 'throwing-then', 'proxy-throws', 'deeply-nested',
] as const;
export const SENDABLE_BODIES = [
  'public-object', 'public-string', 'empty-string', 'null', 'undefined', 'number', 'date', 'map', 'buffer', 'toJSON-self', 'huge-string',
] as const;
/** Header names and values Node refuses to write. */
export const BAD_HEADERS = [
  'crlf-value', 'lf-value', 'nul-value', 'non-latin1-value', 'crlf-name', 'space-name', 'colon-name', 'empty-name', 'non-ascii-name',
] as const;

export type PrimitiveKind = (typeof PRIMITIVE_KINDS)[number];
export type BaseKind = (typeof BASE_KINDS)[number];
export type Trait = (typeof TRAITS)[number];
export type ProxyTrap = (typeof PROXY_TRAPS)[number];
export type CauseShape = (typeof CAUSE_SHAPES)[number];
/** A number is used as is; the words stand for what JSON cannot carry. */
export type StatusRecipe = number | 'NaN' | 'Infinity' | 'numeric-string';
export type BodyRecipe = (typeof UNSENDABLE_BODIES)[number] | (typeof SENDABLE_BODIES)[number] | 'symbol';
export type HeaderRecipe = 'valid' | (typeof BAD_HEADERS)[number];

export interface ObjectRecipe {
  kind: 'object';
  base: BaseKind;
  traits: Trait[];
  cause?: ThrowableRecipe;
}

export interface HttpExceptionRecipe {
  kind: 'http-exception';
  status: StatusRecipe;
  response: BodyRecipe;
  flaw?: 'getStatus-throws' | 'getResponse-throws';
}

export type ThrowableRecipe =
  | { kind: 'primitive'; of: PrimitiveKind }
  | { kind: 'huge-string'; megabytes: number }
  | ObjectRecipe
  | { kind: 'proxy'; target: ObjectRecipe; traps: ProxyTrap[] }
  | { kind: 'cause-chain'; shape: CauseShape }
  /** Not an HttpException, but with a status where Nest or a platform might look for one. */
  | { kind: 'status-carrier'; base: 'error' | 'plain-object'; field: 'status' | 'statusCode' | 'getStatus'; value: StatusRecipe }
  | HttpExceptionRecipe;


/** An integer status an error response can carry. */
export function isErrorStatus(status: unknown): status is number {
  return typeof status === 'number' && Number.isInteger(status) && status >= 400 && status <= 599;
}

export function isSendable(body: BodyRecipe): boolean {
  return (SENDABLE_BODIES as readonly string[]).includes(body);
}

// --- generators -----------------------------------------------------------

/** Where a route or handler runs: alone, or with a working `@ErrorHandler(500)` in scope (SPEC section 4's recovery). */
export type Where = 'plain' | 'recovering';

export interface ThrowCase {
  value: ThrowableRecipe;
  /** Thrown synchronously by the route, or rejected by an async one. */
  how: 'throw' | 'reject';
  where: Where;
}

export type HandlerAct =
  | { do: 'error-response'; body: BodyRecipe; status?: StatusRecipe; headers?: HeaderRecipe }
  | { do: 'return'; body: BodyRecipe }
  | { do: 'return-http-exception'; exception: HttpExceptionRecipe }
  | { do: 'throw' | 'reject'; value: ThrowableRecipe };

export interface AnswerCase {
  act: HandlerAct;
  /** The status of the error the handler answers: an HttpException's, or none (a plain Error). */
  errorStatus?: 404 | 503;
  where: Where;
}

const oneOf = <T>(values: readonly T[]): fc.Arbitrary<T> => fc.constantFrom(...values);
/** Records with a plain prototype print as plain JSON in a counterexample. */
const record = <T>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }): fc.Arbitrary<T> => fc.record(model, { noNullPrototype: true });
/** `value` about once in `oneIn` draws: the costly cases (megabytes) stay few. */
const rarely = <T>(value: T, otherwise: T, oneIn = 25): fc.Arbitrary<T> =>
  fc.oneof({ weight: oneIn - 1, arbitrary: fc.constant(otherwise) }, { weight: 1, arbitrary: fc.constant(value) });

export const statusRecipes: fc.Arbitrary<StatusRecipe> = fc.oneof(fc.integer({ min: 400, max: 599 }), oneOf(INVALID_STATUSES));
const bodyRecipes: fc.Arbitrary<BodyRecipe> = fc.oneof(
  oneOf(SENDABLE_BODIES.filter((body) => body !== 'huge-string')),
  oneOf(UNSENDABLE_BODIES),
  fc.constant<BodyRecipe>('symbol'),
  rarely<BodyRecipe>('huge-string', 'public-object'),
);
const headerRecipes: fc.Arbitrary<HeaderRecipe> = fc.oneof(fc.constant<HeaderRecipe>('valid'), oneOf(BAD_HEADERS));

const primitives = fc.oneof(
  record({ kind: fc.constant('primitive' as const), of: oneOf(PRIMITIVE_KINDS) }),
  rarely({ kind: 'huge-string' as const, megabytes: 3 }, { kind: 'huge-string' as const, megabytes: 0 }),
);
const traits = fc
  .tuple(fc.subarray(TRAITS.filter((trait) => trait !== 'huge-message')), rarely<Trait[]>(['huge-message'], []))
  .map(([some, huge]) => [...some, ...huge]);
const objectsWith = (cause: fc.Arbitrary<ThrowableRecipe | undefined>): fc.Arbitrary<ObjectRecipe> =>
  fc.record({ kind: fc.constant('object' as const), base: oneOf(BASE_KINDS), traits, cause }, { requiredKeys: ['kind', 'base', 'traits'], noNullPrototype: true });
const flatObjects = objectsWith(fc.constant(undefined));
const proxies = record({ kind: fc.constant('proxy' as const), target: flatObjects, traps: fc.subarray([...PROXY_TRAPS], { minLength: 1 }) });
const causeChains = record({ kind: fc.constant('cause-chain' as const), shape: oneOf(CAUSE_SHAPES) });
export const httpExceptions: fc.Arbitrary<HttpExceptionRecipe> = fc.record(
  {
    kind: fc.constant('http-exception' as const),
    status: statusRecipes,
    response: bodyRecipes,
    flaw: fc.constantFrom('getStatus-throws' as const, 'getResponse-throws' as const),
  },
  { requiredKeys: ['kind', 'status', 'response'], noNullPrototype: true },
);
const statusCarriers = record({
  kind: fc.constant('status-carrier' as const),
  base: fc.constantFrom('error' as const, 'plain-object' as const),
  field: fc.constantFrom('status' as const, 'statusCode' as const, 'getStatus' as const),
  // A valid `statusCode` makes a platform HTTP error whose message Nest sends on purpose: only invalid ones here.
  value: oneOf(INVALID_STATUSES),
});

/** Every kind of throwable; objects may carry any of them as `cause`, a few levels deep. */
export const throwables: fc.Arbitrary<ThrowableRecipe> = fc.letrec<{ throwable: ThrowableRecipe }>((tie) => ({
  throwable: fc.oneof(
    { depthSize: 'small' },
    primitives,
    objectsWith(fc.option(tie('throwable'), { nil: undefined, freq: 3 })),
    proxies,
    causeChains,
    statusCarriers,
    httpExceptions,
  ),
})).throwable;

/** The families of throwables, for fuzz runs that report per family. */
export const throwableFamilies = {
  'primitives, symbols, bigint, null, undefined, huge strings': primitives,
  'frozen, null-prototype and exotic objects, throwing getters and toJSON': objectsWith(fc.option(primitives, { nil: undefined })),
  'proxies with throwing and cyclic traps': proxies,
  'cyclic and endless cause chains': fc.oneof(causeChains, objectsWith(causeChains)),
  'invalid status, statusCode and getStatus(), HttpExceptions with bad responses': fc.oneof(statusCarriers, httpExceptions),
} satisfies Record<string, fc.Arbitrary<ThrowableRecipe>>;

const where = fc.constantFrom<Where>('plain', 'recovering');

export function throwCases(values: fc.Arbitrary<ThrowableRecipe>): fc.Arbitrary<ThrowCase> {
  return record({ value: values, how: fc.constantFrom('throw' as const, 'reject' as const), where });
}

export function answerCases(acts: fc.Arbitrary<HandlerAct>): fc.Arbitrary<AnswerCase> {
  return fc.record({ act: acts, errorStatus: fc.constantFrom(404 as const, 503 as const), where }, { requiredKeys: ['act', 'where'], noNullPrototype: true });
}

/** The families of handler answers: what a handler returns or throws. */
export const answerFamilies = {
  'ErrorResponse with invalid statuses, bad headers, unsendable bodies': fc.record(
    { do: fc.constant('error-response' as const), body: bodyRecipes, status: statusRecipes, headers: headerRecipes },
    { requiredKeys: ['do', 'body'], noNullPrototype: true },
  ),
  'returned values and HttpExceptions': fc.oneof(
    record({ do: fc.constant('return' as const), body: bodyRecipes }),
    record({ do: fc.constant('return-http-exception' as const), exception: httpExceptions }),
  ),
  'values thrown by handlers, and async rejections': record({ do: fc.constantFrom('throw' as const, 'reject' as const), value: throwables }),
} satisfies Record<string, fc.Arbitrary<HandlerAct>>;
