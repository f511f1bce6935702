import { Controller, Get, All, Post } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { RouteHandlerIndex, matchRoute, type DeclaredRoute } from '../../src/contexts/http/route-handler-index.js';

@Controller('users')
class UsersController {
  @Get() list() {}
  @Get(':id') one() {}
  @Get('me') me() {}
  @Post(':id') update() {}
  @Get([':id/orders', ':id/purchases']) orders() {}
  @All('legacy/*path') legacy() {}
  helper() {}
}

describe('which route method served a request', () => {
  const index = new RouteHandlerIndex();
  index.add('UsersModule', UsersController, ['list', 'one', 'me', 'update', 'orders', 'legacy', 'helper']);
  const nameFor = (method: string, pattern: string) => index.nameFor('UsersModule', 'UsersController', method, pattern);

  it('finds the method whose path is the tail of the route pattern, whatever the prefix', () => {
    expect(nameFor('GET', '/users/:id')).toBe('UsersController.one');
    expect(nameFor('GET', '/api/v2/users/:id')).toBe('UsersController.one');
    expect(nameFor('GET', '/users/me')).toBe('UsersController.me');
    expect(nameFor('GET', '/users')).toBe('UsersController.list');
  });

  it('tells methods apart by HTTP method; HEAD is served by GET', () => {
    expect(nameFor('POST', '/users/:id')).toBe('UsersController.update');
    expect(nameFor('HEAD', '/users/:id')).toBe('UsersController.one');
  });

  it('knows every path of a multi-path method', () => {
    expect(nameFor('GET', '/users/:id/purchases')).toBe('UsersController.orders');
  });

  it('gives no name rather than a wrong one', () => {
    expect(nameFor('DELETE', '/users/:id')).toBeUndefined();
    expect(index.nameFor('OtherModule', 'UsersController', 'GET', '/users/:id')).toBeUndefined();
  });

  it('prefers an exact HTTP method over @All(), and calls a tie ambiguous', () => {
    const routes: DeclaredRoute[] = [
      { name: 'C.any', requestMethod: 5, segments: ['x'] },
      { name: 'C.get', requestMethod: 0, segments: ['x'] },
    ];
    expect(matchRoute(routes, 'GET', '/x')).toBe('C.get');
    expect(matchRoute(routes, 'PUT', '/x')).toBe('C.any');
    expect(matchRoute([...routes, { name: 'C.other', requestMethod: 0, segments: ['x'] }], 'GET', '/x')).toBeUndefined();
  });
});
