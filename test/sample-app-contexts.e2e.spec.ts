import { ClientProxyFactory, Transport, type ClientProxy } from '@nestjs/microservices';
import { ErrorHandlerRegistry } from 'nestjs-error-handlers';
import { NotFoundException } from '@nestjs/common';
import { firstValueFrom } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContextClients } from '../sample-app/contexts/context-clients.js';
import { demoReport } from '../sample-app/contexts/demo-report.js';
import { RPC_HOST } from '../sample-app/contexts/serve.js';
import { SharesMessagesController } from '../sample-app/shares/shares-messages.controller.js';
import { SharesGateway } from '../sample-app/shares/shares.gateway.js';
import { SharesResolver } from '../sample-app/shares/shares.resolver.js';
import { SharesController } from '../sample-app/shares/shares.controller.js';
import { CONTEXTS_DEMO } from '../sample-app/tour/tour.js';
import { connectSocketIo, type GatewayClient } from './contexts/ws/helpers/ws-clients.js';
import { PLATFORMS } from './helpers/platforms.js';
import { startSample, type RunningSample } from './sample-app/start-sample.js';

/**
 * SharesModule in all four Nest contexts, as main.ts runs it (a hybrid app:
 * HTTP with GraphQL and socket.io on one port, TCP on another), with real
 * clients: one `@ErrorHandler` (SharesErrorHandlers.missingShare) answers a
 * missing share in each, in that context's shape.
 */
const MISSING = { error: 'share-not-found', message: 'no share "nope"', hint: 'ask the owner for a new link' };
const WELCOME = { code: 'welcome', file: 'readme.txt', download: '/storage/files/readme.txt' };
const RENAMED = { error: 'share-renamed', message: 'share 1042 is now "welcome"', renamedTo: 'welcome' };

describe.each(PLATFORMS)('sample app contexts (%s)', (platform) => {
  let sample: RunningSample;
  let socket: GatewayClient;
  let rpc: ClientProxy;
  beforeAll(async () => {
    sample = await startSample(platform);
    socket = await connectSocketIo(sample.url);
    rpc = ClientProxyFactory.create({ transport: Transport.TCP, options: { host: RPC_HOST, port: sample.ports.rpc } });
    await rpc.connect();
  });
  afterAll(async () => {
    socket?.close();
    await rpc?.close();
    await sample?.close();
  });

  const graphql = (query: string) => sample.http().post('/graphql').set('content-type', 'application/json').send({ query });
  const rpcAnswer = (data: unknown) =>
    firstValueFrom(rpc.send({ cmd: 'share' }, data)).then(
      (reply: unknown) => ({ reply }),
      (error: unknown) => ({ error }),
    );

  describe('one handler answers a missing share in every context', () => {
    it('HTTP: a 404 with the handler\'s body', async () => {
      const res = await sample.http().get('/shares/nope');
      expect({ status: res.status, body: res.body }).toEqual({ status: 404, body: MISSING });
    });

    it('GraphQL: the field\'s error, code NOT_FOUND and status 404 beside the body\'s fields; the rest of the query resolves', async () => {
      const res = await graphql('{ welcome: share(code: "welcome") { code file download } nope: share(code: "nope") { file } }');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        data: { welcome: WELCOME, nope: null },
        errors: [
          {
            message: MISSING.message,
            locations: [expect.any(Object)],
            path: ['nope'],
            extensions: { code: 'NOT_FOUND', status: 404, error: MISSING.error, hint: MISSING.hint },
          },
        ],
      });
    });

    it('WebSocket: Nest\'s exception event carries the body', async () => {
      expect(await socket.request('share', { code: 'nope' })).toEqual({ event: 'exception', data: MISSING });
      expect(await socket.request('share', { code: 'welcome' })).toEqual({ event: 'share', data: WELCOME });
    });

    it('RPC: the client receives the body as the error', async () => {
      expect(await rpcAnswer({ code: 'nope' })).toEqual({ error: MISSING });
      expect(await rpcAnswer({ code: 'welcome' })).toEqual({ reply: WELCOME });
    });

    it('each of the four classes is a SharesModule endpoint, so the same method is found for each', () => {
      const registry = sample.app.get(ErrorHandlerRegistry);
      for (const controller of [SharesController, SharesResolver, SharesGateway, SharesMessagesController]) {
        expect(registry.explain(new NotFoundException('no share "nope"'), { controller })).toMatchObject({
          handled: true,
          handler: 'SharesErrorHandlers.missingShare',
          scope: 'module SharesModule',
        });
      }
    });

    it('none of these 404s is reported', async () => {
      expect((await sample.http().get('/ops/outbox')).body).toEqual({ received: 0, entries: [] });
    });
  });

  describe('a handler that reads host.getType(): LegacyShareCodeError', () => {
    it('outside HTTP, where there is no redirect, the new code in a 308 answer', async () => {
      const res = await graphql('{ share(code: "1042") { file } }');
      expect(res.body.errors).toEqual([
        expect.objectContaining({ message: RENAMED.message, extensions: { code: 'PERMANENT_REDIRECT', status: 308, error: RENAMED.error, renamedTo: 'welcome' } }),
      ]);
      expect(await socket.request('share', { code: '1042' })).toEqual({ event: 'exception', data: RENAMED });
      expect(await rpcAnswer({ code: '1042' })).toEqual({ error: RENAMED });
    });

    it('over HTTP, still the redirect', async () => {
      const res = await sample.http().get('/shares/1042');
      expect({ status: res.status, location: res.headers.location }).toEqual({ status: 308, location: '/shares/welcome' });
    });
  });

  it('a message without a code: each context\'s own deliberate answer, saying what to send, not reported', async () => {
    const received = async () => (await sample.http().get('/ops/outbox')).body.received as number;
    const before = await received();
    expect(await socket.request('share', 'nope')).toEqual({ event: 'exception', data: expect.objectContaining({ status: 'error', message: 'send {"code": "welcome"}' }) });
    expect(await rpcAnswer({ name: 'nope' })).toEqual({ error: { status: 'error', message: 'send {"code": "welcome"}' } });
    expect(await received()).toBe(before);
  });

  it('npm run demo:contexts: its clients get the answers the tour shows, and it says so', async () => {
    const clients = await ContextClients.connect({ http: sample.url, rpc: { host: RPC_HOST, port: sample.ports.rpc } });
    try {
      const asked = [];
      for (const step of CONTEXTS_DEMO) asked.push({ step, answer: await clients.answer(step) });
      expect(asked.map(({ answer }) => answer)).toEqual(CONTEXTS_DEMO.map((step) => step.expect));
      const report = demoReport(asked);
      expect(report).toContain('Every answer is the one docs/sample-app.md shows.');
      expect(report).not.toContain('✗');
    } finally {
      await clients.close();
    }
  });
});

describe('the demo\'s report', () => {
  it('prints each context\'s request and answer', () => {
    const report = demoReport(CONTEXTS_DEMO.map((step) => ({ step, answer: step.expect })));
    expect(report.split('\n')).toEqual(
      expect.arrayContaining([
        'HTTP       GET /shares/nope',
        `           → 404 ${JSON.stringify(MISSING)}`,
        'WebSocket  socket.io emit "share" {"code":"nope"}',
        `           → exception ${JSON.stringify(MISSING)}`,
        'RPC        TCP send {"cmd":"share"} {"code":"nope"}',
        `           → error ${JSON.stringify(MISSING)}`,
      ]),
    );
  });

  it('names an answer that differs from the tour, and what the tour says', () => {
    const [http] = CONTEXTS_DEMO;
    const report = demoReport([{ step: http!, answer: { status: 500, body: { error: 'internal' } } }]);
    expect(report).toContain('→ 500 {"error":"internal"}');
    expect(report).toContain(`✗ the tour (sample-app/tour/tour.ts) says: 404 ${JSON.stringify(MISSING)}`);
    expect(report).toContain('1 answer(s) differ from docs/sample-app.md');
  });
});
