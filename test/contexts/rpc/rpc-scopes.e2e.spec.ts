import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScopesAppModule } from './fixtures/handlers.app.js';
import { errorOf, startHybrid, startMicroservice, TRANSPORTS, type RunningHybrid, type RunningMicroservice } from './fixtures/rpc-boot.js';

describe.each(TRANSPORTS)('RPC scopes (%s): a microservice controller is a "controller" for scoping', (transport) => {
  let running: RunningMicroservice;
  beforeAll(async () => {
    running = await startMicroservice(ScopesAppModule, { transport });
  });
  afterAll(() => running.close());

  it('a handler declared on the controller answers its messages', async () => {
    expect(await errorOf(running.client, 'inner.domain')).toEqual({ handledBy: 'inner-controller' });
  });

  it('… and no other controller’s, not even in its module: there the nearest module handler answers (imported module)', async () => {
    expect(await errorOf(running.client, 'inner-neighbour.domain')).toEqual({ handledBy: 'feature-module' });
  });

  it('a module’s handler answers its own controllers', async () => {
    expect(await errorOf(running.client, 'feature.domain')).toEqual({ handledBy: 'feature-module' });
  });

  it('a module that has no handler: the app-level handler answers', async () => {
    expect(await errorOf(running.client, 'sibling.domain')).toEqual({ handledBy: 'app', message: 'sibling' });
  });
});

describe('RPC scopes: one controller class with HTTP routes and message patterns (hybrid app)', () => {
  let running: RunningHybrid;
  beforeAll(async () => {
    running = await startHybrid(ScopesAppModule, { order: ['connect', 'startAll', 'listen'] });
  });
  afterAll(() => running.close());

  it('its handler answers a message, with host.getType() = rpc', async () => {
    expect(await errorOf(running.client, 'hybrid.domain')).toEqual({ handledBy: 'hybrid-controller', context: 'rpc', message: 'over RPC' });
  });

  it('its handler answers a request, with host.getType() = http', async () => {
    const res = await running.http().get('/hybrid/domain');
    expect(res.status).toBe(409);
    expect(res.body).toEqual({ handledBy: 'hybrid-controller', context: 'http', message: 'over HTTP' });
  });

  it('the other scopes answer messages in the hybrid app as in a standalone one', async () => {
    expect(await errorOf(running.client, 'inner.domain')).toEqual({ handledBy: 'inner-controller' });
    expect(await errorOf(running.client, 'feature.domain')).toEqual({ handledBy: 'feature-module' });
    expect(await errorOf(running.client, 'sibling.domain')).toEqual({ handledBy: 'app', message: 'sibling' });
  });
});
