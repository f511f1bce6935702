import {
  BadRequestException,
  HttpException,
  InternalServerErrorException,
  NotFoundException,
} from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { createHttpException } from 'nestjs-error-handlers';
import type { HandlerEntry } from '../src/core/handler-entry.js';
import { normalizeKey } from '../src/core/handler-key.js';
import { HandlerScope } from '../src/core/handler-scope.js';
import { ScopeChain } from '../src/core/scope-chain.js';

const handler = (name: string): HandlerEntry => ({ name, invoke: () => name, options: {}, headers: [] });

function scopeWith(name: string, registrations: Array<[unknown, string]>): HandlerScope {
  const scope = new HandlerScope('module', name);
  for (const [key, handlerName] of registrations) scope.add(normalizeKey(key)!, handler(handlerName));
  return scope;
}

const statusOf = (error: unknown) => (error instanceof HttpException ? error.getStatus() : undefined);
const resolve = (chain: ScopeChain, error: unknown) => chain.resolve(error, statusOf(error))?.entry.name;

class ConnectionError extends Error {}
class ConnectionRefusedError extends ConnectionError {}
class UserNotFound extends NotFoundException {}
const InsufficientStorage = createHttpException(507, 'Insufficient Storage');

describe('key normalisation', () => {
  it('treats a status and Nest\'s class for it as the same key', () => {
    expect(normalizeKey(400)).toEqual(normalizeKey(BadRequestException));
    expect(normalizeKey(NotFoundException)).toEqual({ tier: 'code', status: 404, errorClass: null });
  });
  it('makes a subclass of a fixed-status class a narrower key within its code', () => {
    expect(normalizeKey(UserNotFound)).toEqual({ tier: 'code', status: 404, errorClass: UserNotFound });
  });
  it('treats a class with a static status as the code key for that status', () => {
    expect(normalizeKey(InsufficientStorage)).toEqual({ tier: 'code', status: 507, errorClass: null });
  });
  it('makes other classes class keys', () => {
    expect(normalizeKey(HttpException)).toEqual({ tier: 'class', errorClass: HttpException });
    expect(normalizeKey(TypeError)).toEqual({ tier: 'class', errorClass: TypeError });
  });
  it.each([399, 600, 404.5, '404', null, undefined, class NotAnError {}, {}])('rejects %s', (key) => {
    expect(normalizeKey(key)).toBeUndefined();
  });
});

describe('resolution (SPEC section 3)', () => {
  it('does not depend on registration order', () => {
    const forward = new ScopeChain([scopeWith('m', [[ConnectionError, 'general'], [ConnectionRefusedError, 'specific']])]);
    const backward = new ScopeChain([scopeWith('m', [[ConnectionRefusedError, 'specific'], [ConnectionError, 'general']])]);
    expect(resolve(forward, new ConnectionRefusedError())).toBe('specific');
    expect(resolve(backward, new ConnectionRefusedError())).toBe('specific');
    expect(resolve(forward, new ConnectionError())).toBe('general');
  });

  it('resolves by code before class, whatever the scope', () => {
    const chain = new ScopeChain([scopeWith('feature', [[HttpException, 'module-http']]), scopeWith('app', [[404, 'app-404']])]);
    expect(resolve(chain, new NotFoundException())).toBe('app-404');
    expect(resolve(chain, new BadRequestException())).toBe('module-http');
  });

  it('prefers the nearer scope within a tier', () => {
    const chain = new ScopeChain([scopeWith('near', [[Error, 'near-error']]), scopeWith('far', [[ConnectionRefusedError, 'far-refused']])]);
    expect(resolve(chain, new ConnectionRefusedError())).toBe('near-error');
  });

  it('prefers a narrower code key, then the plain code', () => {
    const chain = new ScopeChain([scopeWith('m', [[404, 'plain'], [UserNotFound, 'user']])]);
    expect(resolve(chain, new UserNotFound())).toBe('user');
    expect(resolve(chain, new NotFoundException())).toBe('plain');
    expect(resolve(chain, new HttpException('gone', 404))).toBe('plain');
  });

  it('lets a handler for Error catch HTTP exceptions', () => {
    const chain = new ScopeChain([scopeWith('app', [[Error, 'error']])]);
    expect(resolve(chain, new BadRequestException())).toBe('error');
  });

  it('wraps unhandled non-HTTP errors for a 500 handler, else an HttpException handler', () => {
    const with500 = new ScopeChain([scopeWith('app', [[500, 'five-hundred'], [HttpException, 'http']])]);
    const resolution = with500.resolve(new TypeError("x"), undefined);
    expect(resolution?.entry.name).toBe('five-hundred');
    expect(resolution?.wrapped).toBe(true);
    const withHttp = new ScopeChain([scopeWith('app', [[HttpException, 'http']])]);
    expect(withHttp.resolve('a string', undefined)?.entry.name).toBe('http');
    expect(withHttp.resolve(new InternalServerErrorException(), 500)?.wrapped).toBe(false);
  });

  it('returns null when nothing matches', () => {
    const chain = new ScopeChain([scopeWith('app', [[404, 'nf']])]);
    expect(chain.resolve(new BadRequestException(), 400)).toBeNull();
    expect(chain.resolve(new Error(), undefined)).toBeNull();
  });

  it('caches per class and status, and never throws on hostile values', () => {
    const chain = new ScopeChain([scopeWith('app', [[Error, 'error']])]);
    const hostile = new Proxy({}, { getPrototypeOf() { throw new Error('trap'); } });
    // Neither has a class: both reach the Error handler through the 500 wrapper.
    expect(chain.resolve(hostile, undefined)?.wrapped).toBe(true);
    expect(chain.resolve(null, undefined)?.wrapped).toBe(true);
    const first = chain.resolve(new TypeError(), undefined);
    expect(chain.resolve(new TypeError(), undefined)).toBe(first);
  });
});

describe('scope validation', () => {
  it('refuses two handlers for the same key in one scope, naming both', () => {
    const scope = scopeWith('AppModule', [[400, 'A.first']]);
    expect(() => scope.add(normalizeKey(BadRequestException)!, handler('B.second'))).toThrow(
      /B\.second registers status 400 in module AppModule, which A\.first already handles/,
    );
  });
});

describe("the table of Nest's built-in statuses", () => {
  it('lists every HttpException subclass @nestjs/common exports, with its real status', async () => {
    const nest = await import('@nestjs/common');
    const { NEST_BUILT_IN_STATUSES } = await import('../src/core/handler-key.js');
    const exported = (Object.values(nest) as unknown[]).filter(
      (value): value is new () => HttpException => typeof value === 'function' && value.prototype instanceof HttpException,
    );
    expect(exported.length).toBeGreaterThan(15);
    expect(new Map(exported.map((ExceptionClass) => [ExceptionClass, new ExceptionClass().getStatus()]))).toEqual(NEST_BUILT_IN_STATUSES);
  });
});
