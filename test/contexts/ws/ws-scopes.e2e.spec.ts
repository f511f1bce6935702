import { afterEach, describe, expect, it } from 'vitest';
import { AppGlobalFilter, makeScopesApp } from './fixtures/scopes.app.js';
import { namedPlace, startGatewayApp, TRANSPORTS, type GatewayApp } from './helpers/gateway-apps.js';

const BOOTSTRAPS = [
  ['testing', 'module first'],
  ['testing', 'module last'],
  ['factory', 'module first'],
  ['factory', 'module last'],
] as const;

describe.each(TRANSPORTS)('scopes for gateways (%s)', (transport) => {
  let running: GatewayApp | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
    AppGlobalFilter.caught = 0;
  });

  // The module binds its filter to every gateway class when it is constructed, before Nest builds any gateway handler.
  it.each(BOOTSTRAPS)('a gateway is a controller for scoping: its own handlers, then its module\'s, then the app\'s (%s, ErrorHandlersModule imported %s)', async (bootstrap, order) => {
    running = await startGatewayApp(makeScopesApp(transport, order), namedPlace(transport, 'chat'), { bootstrap });
    const chat = await running.connect(namedPlace(transport, 'chat'));
    const lobby = await running.connect(namedPlace(transport, 'lobby'));
    const news = await running.connect(namedPlace(transport, 'news'));
    expect(await chat.request('room')).toEqual({ event: 'exception', data: { scope: 'gateway' } });
    expect(await lobby.request('room')).toEqual({ event: 'exception', data: { scope: 'module' } });
    expect(await news.request('room')).toEqual({ event: 'exception', data: { scope: 'app' } });
  });

  it("does not give gateway errors to the app's global filters (Nest gives gateways none); @UseFilters on a method comes first", async () => {
    running = await startGatewayApp(makeScopesApp(transport, 'module first'), namedPlace(transport, 'chat'), {
      configure: (app) => app.useGlobalFilters(new AppGlobalFilter()),
    });
    const chat = await running.connect();
    expect((await chat.request('unanswered', 1)).data).toEqual({ status: 'error', message: 'Internal server error', cause: { pattern: 'unanswered', data: 1 } });
    expect((await chat.request('filtered', 2)).data).toEqual({ status: 'error', message: 'Internal server error', cause: { pattern: 'filtered', data: 2 } });
    expect(await chat.request('room')).toEqual({ event: 'exception', data: { scope: 'gateway' } });
    expect(AppGlobalFilter.caught).toBe(0);
  });
});
