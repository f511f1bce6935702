/** Turns the recipes of hostile-values.ts into the values they describe, fresh on every call. */
import { HttpException } from '@nestjs/common';
import {
  INJECTED_HEADER,
  PUBLIC,
  SECRET,
  TRAITS,
  type BaseKind,
  type BodyRecipe,
  type CauseShape,
  type HeaderRecipe,
  type HttpExceptionRecipe,
  type ObjectRecipe,
  type PrimitiveKind,
  type ProxyTrap,
  type StatusRecipe,
  type ThrowableRecipe,
  type Trait,
} from './hostile-values.js';

export function buildThrowable(recipe: ThrowableRecipe): unknown {
  switch (recipe.kind) {
    case 'primitive':
      return PRIMITIVES[recipe.of]();
    case 'huge-string':
      return hugeText(recipe.megabytes, SECRET);
    case 'object':
      return buildObject(recipe);
    case 'proxy':
      return hostileProxy(buildObject(recipe.target), recipe.traps);
    case 'cause-chain':
      return CAUSE_CHAINS[recipe.shape]();
    case 'status-carrier':
      return statusCarrier(recipe.base, recipe.field, buildStatus(recipe.value));
    case 'http-exception':
      return buildHttpException(recipe);
  }
}

export function buildStatus(recipe: StatusRecipe | undefined): unknown {
  if (recipe === 'NaN') return NaN;
  if (recipe === 'Infinity') return Infinity;
  if (recipe === 'numeric-string') return '503';
  return recipe;
}

export function buildBody(recipe: BodyRecipe): unknown {
  return BODIES[recipe]();
}

export function buildHeaders(recipe: HeaderRecipe): Record<string, string> {
  return HEADERS[recipe]();
}

const hugeTexts = new Map<string, string>();

/** `marker`, then megabytes of filler; made once per size, strings are immutable. */
function hugeText(megabytes: number, marker: string): string {
  const key = `${megabytes}:${marker}`;
  let text = hugeTexts.get(key);
  if (text === undefined) hugeTexts.set(key, (text = `${marker}:${'x'.repeat(megabytes * 1024 * 1024)}`));
  return text;
}

function thrower(what: string): () => never {
  return () => {
    throw new Error(`${SECRET}: ${what}`);
  };
}

function define(target: object, key: PropertyKey, value: unknown, enumerable = false): void {
  Object.defineProperty(target, key, { value, enumerable, configurable: true, writable: true });
}

class CustomFailure extends Error {}
// Returned, not assigned: the class gets no name at all.
const AnonymousFailure = (() => class extends Error {})();
/** A class that is not an Error, whose instance reads like one until its getters are touched. */
class SecretHolder {
  readonly detail = SECRET;
  get message(): string {
    return `${SECRET}: from a getter`;
  }
}

const PRIMITIVES: Record<PrimitiveKind, () => unknown> = {
  string: () => `${SECRET}: a thrown string`,
  'empty-string': () => '',
  number: () => 42,
  NaN: () => NaN,
  boolean: () => false,
  null: () => null,
  undefined: () => undefined,
  bigint: () => 10n ** 30n,
  symbol: () => Symbol(SECRET),
  'well-known-symbol': () => Symbol.iterator,
  // Its source text holds the secret: String(fn) must not reach a client.
  function: () =>
    function secretFunction() {
      return 'hostile-internal-secret';
    },
};

const BASES: Record<BaseKind, () => object> = {
  Error: () => new Error(SECRET),
  TypeError: () => new TypeError(SECRET),
  AggregateError: () => new AggregateError([new Error(SECRET)], SECRET),
  DOMException: () => new DOMException(SECRET, 'DataCloneError'),
  'custom-error': () => new CustomFailure(SECRET),
  'anonymous-error': () => new AnonymousFailure(SECRET),
  'plain-object': () => ({ message: SECRET, detail: SECRET }),
  array: () => [SECRET, new Error(SECRET)],
  'invalid-date': () => new Date(NaN),
  map: () => new Map([[SECRET, SECRET]]),
  promise: () => Promise.resolve(SECRET),
  'class-instance': () => new SecretHolder(),
  'boxed-string': () => new String(SECRET),
};

const TRAIT_APPLIERS: Record<Trait, (value: object) => void> = {
  'huge-message': (value) => define(value, 'message', hugeText(2, SECRET)),
  'symbol-message': (value) => define(value, 'message', Symbol(SECRET)),
  'object-message': (value) => define(value, 'message', { toString: () => SECRET }),
  'throwing-to-string': (value) => {
    define(value, 'toString', thrower('toString'));
    define(value, Symbol.toPrimitive, thrower('toPrimitive'));
  },
  'throwing-getters': (value) => {
    for (const key of ['message', 'stack', 'name', 'cause', 'constructor', 'statusCode', 'status', 'response', 'errors']) {
      Object.defineProperty(value, key, { get: thrower(`${key} getter`), configurable: true });
    }
  },
  'toJSON-self': (value) =>
    define(value, 'toJSON', function (this: unknown) {
      return this;
    }),
  'toJSON-throws': (value) => define(value, 'toJSON', thrower('toJSON')),
  'self-reference': (value) => define(value, 'self', value, true),
  'null-prototype': (value) => Object.setPrototypeOf(value, null),
  'deep-prototype-chain': (value) => Object.setPrototypeOf(value, prototypeChainOf(Object.getPrototypeOf(value), 1_000)),
  frozen: (value) => Object.freeze(value),
};

function buildObject({ base, traits, cause }: ObjectRecipe): object {
  const value = BASES[base]();
  if (cause) define(value, 'cause', buildThrowable(cause));
  for (const trait of TRAITS) if (traits.includes(trait)) TRAIT_APPLIERS[trait](value);
  return value;
}

/** `depth` empty objects stacked on `top`. */
function prototypeChainOf(top: object | null, depth: number): object | null {
  let proto = top;
  for (let i = 0; i < depth; i++) proto = Object.create(proto);
  return proto;
}

const PROXY_TRAP_SETTERS: Record<Exclude<ProxyTrap, 'revoked' | 'every-trap-throws'>, (handler: ProxyHandler<object>, proxy: object) => void> = {
  'self-prototype': (handler, proxy) => (handler.getPrototypeOf = () => proxy),
  // A chain without end: every step is a new proxy.
  'fresh-prototype': (handler) => (handler.getPrototypeOf = () => new Proxy(Object.create(null), handler)),
  'throwing-prototype': (handler) => (handler.getPrototypeOf = thrower('getPrototypeOf trap')),
  'get-throws': (handler) => (handler.get = thrower('get trap')),
  'get-returns-secret': (handler) => (handler.get = () => SECRET),
  'has-throws': (handler) => (handler.has = thrower('has trap')),
  'ownKeys-throws': (handler) => (handler.ownKeys = thrower('ownKeys trap')),
  'descriptor-throws': (handler) => (handler.getOwnPropertyDescriptor = thrower('getOwnPropertyDescriptor trap')),
};

function hostileProxy(target: object, traps: ProxyTrap[]): object {
  if (traps.includes('revoked')) {
    const { proxy, revoke } = Proxy.revocable(target, {});
    revoke();
    return proxy;
  }
  // Every trap is looked up through `get` on the handler, which throws.
  if (traps.includes('every-trap-throws')) return new Proxy(target, new Proxy({}, { get: thrower('handler lookup') }));
  // Traps are read from the handler on each operation, so they can be set after the proxy exists.
  const handler: ProxyHandler<object> = {};
  const proxy = new Proxy(target, handler);
  for (const trap of traps) PROXY_TRAP_SETTERS[trap as keyof typeof PROXY_TRAP_SETTERS](handler, proxy);
  return proxy;
}

const CAUSE_CHAINS: Record<CauseShape, () => unknown> = {
  self: () => {
    const error = new Error(SECRET);
    error.cause = error;
    return error;
  },
  'cycle-of-two': () => {
    const first = new Error(SECRET);
    first.cause = new Error(SECRET, { cause: first });
    return first;
  },
  'cycle-through-aggregate': () => {
    const aggregate = new AggregateError([], SECRET);
    (aggregate.errors as unknown[]).push(aggregate, new Error(SECRET, { cause: aggregate }));
    aggregate.cause = aggregate.errors[1];
    return aggregate;
  },
  'a-thousand-deep': () => {
    let error = new Error(SECRET);
    for (let i = 0; i < 1_000; i++) error = new Error(SECRET, { cause: error });
    return error;
  },
  'fresh-on-every-read': () => endlessCauses(),
  'throwing-getter': () => {
    const error = new Error(SECRET);
    Object.defineProperty(error, 'cause', { get: thrower('cause getter'), configurable: true });
    return error;
  },
};

/** An error whose `cause` is a new error of the same kind on every read: a chain without end. */
function endlessCauses(): Error {
  const error = new Error(SECRET);
  Object.defineProperty(error, 'cause', { get: endlessCauses, configurable: true });
  return error;
}

function statusCarrier(base: 'error' | 'plain-object', field: 'status' | 'statusCode' | 'getStatus', status: unknown): object {
  const carrier = base === 'error' ? new Error(SECRET) : { message: SECRET };
  if (field === 'getStatus') define(carrier, field, () => status);
  else define(carrier, field, status, true);
  return carrier;
}

/** An HttpException whose status and response are whatever the recipe says, read each time. */
class HostileHttpException extends HttpException {
  constructor(
    private readonly readStatus: () => unknown,
    private readonly readResponse: () => unknown,
  ) {
    super(PUBLIC, 500);
  }
  override getStatus(): number {
    return this.readStatus() as number;
  }
  override getResponse(): string | object {
    return this.readResponse() as object;
  }
}

function buildHttpException({ status, response, flaw }: HttpExceptionRecipe): HttpException {
  const statusValue = buildStatus(status);
  const body = buildBody(response);
  return new HostileHttpException(
    flaw === 'getStatus-throws' ? thrower('getStatus') : () => statusValue,
    flaw === 'getResponse-throws' ? thrower('getResponse') : () => body,
  );
}

const BODIES: Record<BodyRecipe, () => unknown> = {
  'public-object': () => ({ message: PUBLIC }),
  'public-string': () => PUBLIC,
  'empty-string': () => '',
  null: () => null,
  undefined: () => undefined,
  number: () => 0,
  date: () => new Date(0),
  map: () => new Map([[PUBLIC, PUBLIC]]),
  buffer: () => Buffer.from(PUBLIC),
  'toJSON-self': () => ({
    message: PUBLIC,
    toJSON() {
      return this;
    },
  }),
  'huge-string': () => hugeText(2, PUBLIC),
  symbol: () => Symbol(PUBLIC),
  circular: () => {
    const body: Record<string, unknown> = { message: PUBLIC };
    body.self = body;
    return body;
  },
  bigint: () => ({ message: PUBLIC, count: 10n }),
  'toJSON-throws': () => ({ message: PUBLIC, toJSON: thrower('toJSON of a body') }),
  'getter-throws': () => ({
    get message(): string {
      throw new Error(`${SECRET}: body getter`);
    },
  }),
  // A handler returning it looks like an async handler until `then` is read.
  'throwing-then': () => ({
    message: PUBLIC,
    get then(): unknown {
      throw new Error(`${SECRET}: then getter`);
    },
  }),
  'proxy-throws': () => new Proxy({}, new Proxy({}, { get: thrower('body proxy') })),
  // Deeper than JSON.stringify's recursion can go.
  'deeply-nested': () => {
    let body: object = { message: PUBLIC };
    for (let i = 0; i < 200_000; i++) body = { nested: body };
    return body;
  },
};

const HEADERS: Record<HeaderRecipe, () => Record<string, string>> = {
  valid: () => ({ 'x-hostile': 'fine' }),
  'crlf-value': () => ({ 'x-bad': `a\r\n${INJECTED_HEADER}: yes` }),
  'lf-value': () => ({ 'x-bad': `a\n${INJECTED_HEADER}: yes` }),
  'nul-value': () => ({ 'x-bad': 'a\0b' }),
  'non-latin1-value': () => ({ 'x-bad': 'a\u2713b' }),
  'crlf-name': () => ({ [`x-bad\r\n${INJECTED_HEADER}: yes\r\nx-end`]: 'a' }),
  'space-name': () => ({ 'x bad': 'a' }),
  'colon-name': () => ({ 'x:bad': 'a' }),
  'empty-name': () => ({ '': 'a' }),
  'non-ascii-name': () => ({ 'x-b\u00e4d': 'a' }),
};
