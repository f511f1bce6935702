import { afterEach, describe, expect, it } from 'vitest';
import { ErrorHandlersModule } from 'nestjs-error-handlers';
import { FAILING_EVENTS, makeEventsGateway, rootModule, type FailingEvent } from './fixtures/events.gateway.js';
import { NEST_SENDS_TO_WS } from './helpers/nest-version.js';
import { gatewayPlace, PLACEMENTS, startGatewayApp, TRANSPORTS, type GatewayApp, type Placement, type WsTransportName } from './helpers/gateway-apps.js';

const DATA = { room: 'lobby' };

/** Nest 12's `exception` payloads for the fixture gateway's events, as a client receives them. */
function nestPayload(event: FailingEvent): unknown {
  const cause = { pattern: event, data: DATA };
  switch (event) {
    case 'refuse':
      return { status: 'error', message: 'refused on purpose', cause };
    case 'refuseObject':
      return { code: 'ROOM_FULL', message: 'Room full' };
    case 'guarded':
      return { status: 'error', message: 'Forbidden resource', cause };
    default:
      // Nest's WS filter answers every error but a WsException alike, an HttpException too.
      return { status: 'error', message: 'Internal server error', cause };
  }
}

async function start(transport: WsTransportName, placement: Placement, withModule: boolean): Promise<GatewayApp> {
  const place = await gatewayPlace(transport, placement);
  const imports = withModule ? [ErrorHandlersModule.forRoot({ logger: false })] : [];
  return startGatewayApp(rootModule([makeEventsGateway(place)], imports), place);
}

describe.each(TRANSPORTS)('a gateway (%s) with and without the module, no handlers', (transport) => {
  const apps: GatewayApp[] = [];
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
  });

  it.each(PLACEMENTS)('answers every failure exactly as Nest does (gateway on %s)', async (placement) => {
    const bare = await start(transport, placement, false);
    apps.push(bare);
    const withModule = await start(transport, placement, true);
    apps.push(withModule);
    const bareClient = await bare.connect();
    const moduleClient = await withModule.connect();
    for (const event of FAILING_EVENTS) {
      const expected = await bareClient.request(event, DATA);
      const got = await moduleClient.request(event, DATA);
      expect({ sent: event, received: got }).toEqual({ sent: event, received: expected });
      // Field by field, so a difference names the field.
      expect(got.event, event).toBe('exception');
      for (const field of Object.keys(expected.data as object)) expect((got.data as Record<string, unknown>)[field], `${event}: ${field}`).toEqual((expected.data as Record<string, unknown>)[field]);
      expect(Object.keys(got.data as object).sort(), event).toEqual(Object.keys(expected.data as object).sort());
      expect(got.data, event).toEqual(nestPayload(event));
    }
    // Nest 11 answers a ws client on the server-side socket only; the module, where it gives Nest's answer, does the same.
    expect(moduleClient.relayed).toEqual(bareClient.relayed);
    expect(bareClient.relayed).toHaveLength(transport === 'ws' && !NEST_SENDS_TO_WS ? FAILING_EVENTS.length : 0);
    // The client's stream survives every failure: a good message is still answered.
    expect(await moduleClient.request('echo', 'still there')).toEqual({ event: 'echo', data: 'still there' });
    expect(moduleClient.received).toHaveLength(bareClient.received.length + 1);
  });
});
