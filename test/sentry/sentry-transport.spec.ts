import { makeNodeTransport } from '@sentry/node';
import { afterEach, describe, expect, it } from 'vitest';
import { SentryOutage } from '../../src/reporting/sentry/sentry-outage.js';
import { boundedHttpModule, watchedTransport } from '../../src/reporting/sentry/sentry-transport.js';
import { SentryReceiver } from '../helpers/sentry-receiver.js';
import { CapturingLogger } from './fixtures/capturing-logger.js';

/** The transport wrapper on its own, around the SDK's real node transport. */

type Envelope = Parameters<ReturnType<typeof makeNodeTransport>['send']>[0];
const envelope = [{ event_id: 'a'.repeat(32) }, [[{ type: 'event' }, { event_id: 'a'.repeat(32), message: 'hello' }]]] as unknown as Envelope;

function transportTo(port: number, logger: CapturingLogger, timeoutMs = 150) {
  const make = watchedTransport(makeNodeTransport, new SentryOutage(logger));
  return make({
    url: `http://127.0.0.1:${port}/api/1/envelope/?sentry_key=publickey`,
    recordDroppedEvent: () => undefined,
    httpModule: boundedHttpModule(timeoutMs),
  });
}

describe('the watched, bounded transport', () => {
  const receivers: SentryReceiver[] = [];
  afterEach(async () => {
    await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
  });
  async function receiver(mode: 'ok' | 'slow'): Promise<SentryReceiver> {
    const started = await SentryReceiver.start(mode);
    receivers.push(started);
    return started;
  }

  it('delivers envelopes the receiver can decode', async () => {
    const sentry = await receiver('ok');
    const logger = new CapturingLogger();
    const response = await transportTo(sentry.port, logger).send(envelope);
    expect(response.statusCode).toBe(200);
    expect(sentry.events).toEqual([{ event_id: 'a'.repeat(32), message: 'hello' }]);
    expect(logger.entries).toEqual([]);
  });

  it('delivers large envelopes, which the SDK gzips', async () => {
    const sentry = await receiver('ok');
    const message = 'x'.repeat(64 * 1024);
    const large = [{}, [[{ type: 'event' }, { event_id: 'b'.repeat(32), message }]]] as unknown as Envelope;
    expect((await transportTo(sentry.port, new CapturingLogger()).send(large)).statusCode).toBe(200);
    expect(sentry.gzipped).toBe(1);
    expect(sentry.events[0]?.message).toBe(message);
  });

  it('gives up on a server that never answers, after the deadline, and warns once', async () => {
    const sentry = await receiver('slow');
    const logger = new CapturingLogger();
    const transport = transportTo(sentry.port, logger);
    const started = Date.now();
    const results = await Promise.allSettled([transport.send(envelope), transport.send(envelope), transport.send(envelope)]);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(logger.at('warn').map((entry) => entry.message)).toEqual([expect.stringContaining('no answer within 150 ms')]);
    expect(await transport.flush(100)).toBe(true);
  });

  it('counts a 5xx answer as an outage, and the next 2xx as its end', async () => {
    const sentry = await receiver('ok');
    const logger = new CapturingLogger();
    const transport = transportTo(sentry.port, logger);
    sentry.answerStatus = 503;
    await transport.send(envelope);
    await transport.send(envelope);
    sentry.answerStatus = 200;
    await transport.send(envelope);
    await transport.send(envelope);
    expect(logger.entries.map((entry) => [entry.level, entry.message])).toEqual([
      ['warn', expect.stringContaining('answered HTTP 503')],
      ['log', expect.stringContaining('answers again')],
    ]);
  });

  it('does not count rate limiting (429) either way', async () => {
    const sentry = await receiver('ok');
    const logger = new CapturingLogger();
    sentry.answerStatus = 429;
    await transportTo(sentry.port, logger).send(envelope);
    expect(logger.entries).toEqual([]);
  });

  it('survives a logger that throws', () => {
    const outage = new SentryOutage({ log: () => { throw new Error('x'); }, warn: () => { throw new Error('x'); }, error: () => undefined });
    expect(() => outage.failed('down')).not.toThrow();
    expect(outage.isDown).toBe(true);
    expect(() => outage.succeeded()).not.toThrow();
  });
});
