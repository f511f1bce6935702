import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ErrorHandlerRegistry } from 'nestjs-error-handlers';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { describeSettings, resolveSettings } from '../sample-app/config/app-settings.js';
import { resolvePorts } from '../sample-app/config/ports.js';
import { DEFAULT_CONFIG, loadSampleConfig, parseSampleConfig, SampleConfigError } from '../sample-app/config/sample-config.js';
import { indexPage } from '../sample-app/index.page.js';
import { SharesController } from '../sample-app/shares/shares.controller.js';
import { ShareQuotaExceededError } from '../sample-app/shares/shares.errors.js';
import { StorageController } from '../sample-app/storage/storage.controller.js';
import { TOUR } from '../sample-app/tour/tour.js';
import { tourIndex, type TourEntry } from '../sample-app/tour/tour-index.js';
import { BROWSER_ACCEPT } from './helpers/accept-headers.js';
import { PLATFORMS, startApp, type RunningApp } from './helpers/platforms.js';
import { SentryReceiver } from './helpers/sentry-receiver.js';
import { sampleModule } from './sample-app/start-sample.js';

/**
 * The sample app's settings: config.yaml and its loader, debug and inspector
 * modes, Sentry on and off, the composed OutboxReporter, the HTML index and
 * the handler SharesModule registers with `register()`. The demo tour itself
 * is test/sample-app.e2e.spec.ts.
 */

const CONFIG_FILE = fileURLToPath(new URL('../sample-app/config.yaml', import.meta.url));

describe('config.yaml and its loader', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sample-config-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function file(name: string, text: string): string {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  }

  it('the committed config.yaml is valid and is the default: debug and inspector off, RPC port left to port + 1', () => {
    expect(loadSampleConfig(CONFIG_FILE)).toEqual({ port: 3000, debug: false, inspector: false });
    expect(DEFAULT_CONFIG).toEqual({ port: 3000, debug: false, inspector: false });
  });

  it('reads every setting from a valid file', () => {
    const path = file('valid.yaml', '# a comment\nport: 8080\nrpcPort: 9090\ndebug: true\ninspector: true\n');
    expect(loadSampleConfig(path)).toEqual({ port: 8080, rpcPort: 9090, debug: true, inspector: true });
  });

  it('missing keys, an empty file or one with only comments mean the defaults', () => {
    expect(parseSampleConfig('debug: true\n', 'partial.yaml')).toEqual({ port: 3000, debug: true, inspector: false });
    expect(parseSampleConfig('', 'empty.yaml')).toEqual(DEFAULT_CONFIG);
    expect(parseSampleConfig('# nothing here\n', 'comments.yaml')).toEqual(DEFAULT_CONFIG);
  });

  it.each([
    ['a YAML 1.1 boolean', 'debug: yes\n', 'bad.yaml: debug must be true or false, got the string "yes".'],
    ['a number for a flag', 'inspector: 1\n', 'bad.yaml: inspector must be true or false, got number 1.'],
    ['a port out of range', 'port: 70000\n', 'bad.yaml: port must be a whole number from 0 to 65535, got number 70000.'],
    ['a port that is not a number', 'port: http\n', 'bad.yaml: port must be a whole number from 0 to 65535, got the string "http".'],
    ['an RPC port that is not a number', 'rpcPort: tcp\n', 'bad.yaml: rpcPort must be a whole number from 0 to 65535, got the string "tcp".'],
    ['a misspelt key', 'degub: true\n', 'bad.yaml: unknown setting "degub"; the settings are port, rpcPort, debug, inspector.'],
    ['a list instead of a mapping', '- debug\n', 'bad.yaml must be a mapping of settings (port, rpcPort, debug, inspector), got a list.'],
  ])('refuses %s with a message naming the file and the setting', (_name, text, message) => {
    expect(() => parseSampleConfig(text, 'bad.yaml')).toThrow(new SampleConfigError(message));
  });

  it('refuses invalid YAML, saying where', () => {
    expect(() => parseSampleConfig('debug: true\ndebug: false\n', 'twice.yaml')).toThrow(/^twice\.yaml is not valid YAML: Map keys must be unique at line 2, column 1/);
  });

  it('a missing file: the path, the reason and what to do', () => {
    const path = join(dir, 'missing.yaml');
    expect(() => loadSampleConfig(path)).toThrow(SampleConfigError);
    expect(() => loadSampleConfig(path)).toThrow(`Cannot read the sample app's config file ${path}: ENOENT`);
    expect(() => loadSampleConfig(path)).toThrow(/Set SAMPLE_CONFIG/);
  });

  it('a directory instead of a file: the path and the reason', () => {
    expect(() => loadSampleConfig(dir)).toThrow(`Cannot read the sample app's config file ${dir}: EISDIR`);
  });

  it.skipIf(process.getuid?.() === 0)('an unreadable file: the path and a hint about its permissions', () => {
    const path = file('locked.yaml', 'debug: false\n');
    chmodSync(path, 0o000);
    try {
      expect(() => loadSampleConfig(path)).toThrow(/^Cannot read the sample app's config file .*locked\.yaml: EACCES.*must be able to read it/);
    } finally {
      chmodSync(path, 0o644);
    }
  });
});

describe('ports: HTTP and the TCP microservice', () => {
  it('PORT, else port; RPC_PORT, else rpcPort, else the HTTP port + 1', () => {
    expect(resolvePorts(DEFAULT_CONFIG, {})).toEqual({ http: 3000, rpc: 3001 });
    expect(resolvePorts(DEFAULT_CONFIG, { PORT: '3456' })).toEqual({ http: 3456, rpc: 3457 });
    expect(resolvePorts({ ...DEFAULT_CONFIG, rpcPort: 4000 }, { PORT: '3456' })).toEqual({ http: 3456, rpc: 4000 });
    expect(resolvePorts({ ...DEFAULT_CONFIG, rpcPort: 4000 }, { RPC_PORT: '5000' })).toEqual({ http: 3000, rpc: 5000 });
  });

  it('a free HTTP port (0) gets a free RPC port too', () => {
    expect(resolvePorts({ ...DEFAULT_CONFIG, port: 0 }, {})).toEqual({ http: 0, rpc: 0 });
  });

  it('refuses a bad RPC_PORT, and an HTTP port with no port above it, naming what to set', () => {
    expect(() => resolvePorts(DEFAULT_CONFIG, { RPC_PORT: 'x' })).toThrow(new SampleConfigError('RPC_PORT must be a whole number from 0 to 65535, got the string "x".'));
    expect(() => resolvePorts(DEFAULT_CONFIG, { PORT: '65535' })).toThrow(/^The RPC port \(the HTTP port \+ 1; set RPC_PORT or rpcPort\) must be a whole number from 0 to 65535, got number 65536\.$/);
  });
});

describe('settings from config, environment and inspector', () => {
  const config = { ...DEFAULT_CONFIG };

  it('defaults: no debug, no inspector, no Sentry', () => {
    const { settings, notes } = resolveSettings(config, {}, undefined);
    expect(settings).toEqual({ debug: false, inspector: false, sentry: { dsn: undefined, environment: 'development', release: undefined } });
    expect(notes).toEqual([]);
    expect(describeSettings(settings)).toBe('debug off; Sentry off (SENTRY_DSN unset)');
  });

  it('an active inspector (inspector.url() defined, as under --inspect) turns the inspector mode on', () => {
    const { settings, notes } = resolveSettings(config, {}, 'ws://127.0.0.1:9229/abc');
    expect(settings).toMatchObject({ debug: false, inspector: true });
    expect(notes).toEqual([expect.stringContaining("Node's inspector is listening (ws://127.0.0.1:9229/abc): debugging is handed to it")]);
    expect(describeSettings(settings)).toMatch(/^debug on, handed to the inspector;/);
  });

  it('a detected inspector does not turn debug on under NODE_ENV=production; the config flag still can', () => {
    const detected = resolveSettings(config, { NODE_ENV: 'production' }, 'ws://127.0.0.1:9229/abc');
    expect(detected.settings).toMatchObject({ debug: false, inspector: false });
    expect(detected.notes).toEqual([expect.stringContaining('NODE_ENV is production: debug responses stay off')]);
    expect(resolveSettings({ ...config, inspector: true }, { NODE_ENV: 'production' }, undefined).settings.inspector).toBe(true);
  });

  it('Sentry comes from SENTRY_DSN, SENTRY_ENVIRONMENT (else NODE_ENV) and SENTRY_RELEASE; an empty DSN is unset', () => {
    const env = { SENTRY_DSN: 'http://secretkey@sentry.example.com/42', NODE_ENV: 'staging', SENTRY_RELEASE: 'sample@1.2.3' };
    const { settings } = resolveSettings(config, env, undefined);
    expect(settings.sentry).toEqual({ dsn: env.SENTRY_DSN, environment: 'staging', release: 'sample@1.2.3' });
    expect(resolveSettings(config, { ...env, SENTRY_ENVIRONMENT: 'eu' }, undefined).settings.sentry?.environment).toBe('eu');
    expect(resolveSettings(config, { SENTRY_DSN: '  ' }, undefined).settings.sentry?.dsn).toBeUndefined();
    // The startup line says where events go, never the DSN's key.
    const line = describeSettings(settings);
    expect(line).toBe('debug off; Sentry on (sentry.example.com, project 42, environment staging, release sample@1.2.3)');
    expect(line).not.toContain('secretkey');
  });
});

describe('the HTML index page', () => {
  it('escapes everything it prints', () => {
    const page = indexPage('<b>title</b>', [
      { context: 'http', method: 'GET', path: '/x"><script>alert(1)</script>', description: 'a <script>alert(2)</script> & more' },
      { context: 'http', method: 'PUT', path: '/y', body: { content: '</code><img src=x onerror=alert(3)>' }, description: "it's" },
      { context: 'graphql', query: '{ a(b: "<script>alert(4)</script>") }', description: 'q' },
      { context: 'ws', event: '<img src=x>', data: { code: '<b>' }, description: 'w' },
      { context: 'rpc', pattern: { cmd: '<i>' }, data: '</code>', description: 'r' },
    ]).toString();
    expect(page).not.toMatch(/<script|<img|<b>|<i>/);
    expect(page).toContain('<title>&lt;b&gt;title&lt;/b&gt;</title>');
    expect(page).toContain('<a href="/x&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">');
    expect(page).toContain('a &lt;script&gt;alert(2)&lt;/script&gt; &amp; more');
    expect(page).toContain('&lt;/code&gt;&lt;img src=x onerror=alert(3)&gt;');
    expect(page).toContain('it&#39;s');
  });
});

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escaped = (text: string) => text.replace(/[&<>"']/g, (character) => ENTITIES[character]!);

/** How the HTML index shows a step's request. */
function shownRequest(entry: TourEntry): string {
  switch (entry.context) {
    case 'http': {
      const path = escaped(entry.path);
      return entry.method === 'GET' ? `<a href="${path}"><code>${path}</code></a>` : `<code>${path}</code>`;
    }
    case 'graphql':
      return `query <code>${escaped(entry.query)}</code>`;
    case 'ws':
      return `emit <code>${escaped(entry.event)}</code> <code>${escaped(JSON.stringify(entry.data))}</code>`;
    case 'rpc':
      return `send <code>${escaped(JSON.stringify(entry.pattern))}</code> <code>${escaped(JSON.stringify(entry.data))}</code>`;
  }
}

describe.each(PLATFORMS)('sample app settings (%s)', (platform) => {
  let running: RunningApp | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  describe('the index', () => {
    it('GET / gives browsers an HTML page listing every step of the tour, and API clients the JSON', async () => {
      running = await startApp(platform, sampleModule(platform));
      const page = await running.http().get('/').set('Accept', BROWSER_ACCEPT);
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.headers.vary).toMatch(/Accept/);
      const { tour } = tourIndex(TOUR);
      expect(page.text.match(/<tr>/g)).toHaveLength(tour.length + 1);
      for (const entry of tour) expect(page.text).toContain(shownRequest(entry));
      expect(page.text).toContain('StorageModule&#39;s HttpException handler');

      for (const accept of [undefined, '*/*', 'application/json', 'application/json, text/html;q=0.5']) {
        const request = running.http().get('/');
        const res = await (accept === undefined ? request : request.set('Accept', accept));
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        expect(res.body).toEqual({ app: 'nestjs-error-handlers sample', tour });
      }
    });
  });

  describe('debug: true', () => {
    it('an unhandled error gets the default 500 response with `debug` (the app\'s 500 handler steps aside)', async () => {
      running = await startApp(platform, sampleModule(platform, { debug: true }));
      const res = await running.http().get('/ops/crash');
      expect(res.status).toBe(500);
      expect(res.body).toMatchObject({
        statusCode: 500,
        message: 'Internal server error',
        debug: {
          error: { name: 'TypeError', message: "Cannot read properties of undefined (reading 'finishedAt')" },
          causes: [],
          explanation: { handled: false },
        },
      });
      expect(res.body.debug.error.stack[0]).toMatch(/^OpsController\.crash \(.*ops\.controller\.ts:\d+:\d+\)$/);
    });

    it('a browser gets the traceback page', async () => {
      running = await startApp(platform, sampleModule(platform, { debug: true }));
      const res = await running.http().get('/ops/crash').set('Accept', BROWSER_ACCEPT);
      expect(res.status).toBe(500);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.text).toMatch(/^<!doctype html>/i);
      expect(res.text).toContain('TypeError');
      expect(res.text).toContain('ops.controller.ts');
    });

    it('handlers still win: a handled error is answered by its handler, without `debug`', async () => {
      running = await startApp(platform, sampleModule(platform, { debug: true }));
      const res = await running.http().get('/storage/backends/s3');
      expect(res.status).toBe(502);
      expect(res.body).toEqual({ error: 'backend-refused', message: 's3.example.internal:443 refused the connection' });
    });

    it('is refused with NODE_ENV=production, with the library\'s message', async () => {
      const nodeEnv = process.env.NODE_ENV;
      process.env.NODE_ENV = 'production';
      try {
        await expect(startApp(platform, sampleModule(platform, { debug: true }))).rejects.toThrow(
          /ErrorHandlersModule refuses debug mode: NODE_ENV is "production".*allowDebugInProduction: true/,
        );
      } finally {
        process.env.NODE_ENV = nodeEnv;
      }
    });
  });

  describe('inspector: true', () => {
    it('a browser gets no traceback page: the JSON answer with `debug`, for the inspector to do the rest', async () => {
      running = await startApp(platform, sampleModule(platform, { inspector: true }));
      const res = await running.http().get('/ops/crash').set('Accept', BROWSER_ACCEPT);
      expect(res.status).toBe(500);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.text).not.toMatch(/<html|<!doctype/i);
      expect(res.body).toMatchObject({ statusCode: 500, message: 'Internal server error', debug: { error: { name: 'TypeError' } } });
    });
  });

  describe('debug off (the default config)', () => {
    it('a browser gets the app\'s 500 handler answer, no traceback page and no internals', async () => {
      running = await startApp(platform, sampleModule(platform, resolveSettings(DEFAULT_CONFIG, {}, undefined).settings));
      const res = await running.http().get('/ops/crash').set('Accept', BROWSER_ACCEPT);
      expect(res.status).toBe(500);
      expect(res.body).toEqual({ error: 'internal', message: 'Something went wrong on our side.' });
      expect(res.text).not.toMatch(/TypeError|finishedAt|stack/);
    });
  });

  describe('OutboxReporter, composed with Sentry', () => {
    it('receives 5xx errors and no 4xx; without SENTRY_DSN there is no x-sentry-event-id header', async () => {
      running = await startApp(platform, sampleModule(platform, { sentry: { dsn: undefined } }));
      const http = running.http;
      // 4xx of every kind: app-level 404, module 404, a registered handler's 403, a guard's 403, a 400, a 410.
      expect((await http().get('/does-not-exist')).status).toBe(404);
      expect((await http().get('/shares/nope')).status).toBe(404);
      expect((await http().put('/shares/a').send({ file: 'notes.txt' })).status).toBe(201);
      expect((await http().put('/shares/b').send({ file: 'notes.txt' })).status).toBe(403);
      expect((await http().get('/admin/users')).status).toBe(403);
      expect((await http().get('/storage/files?limit=ten')).status).toBe(400);
      expect((await http().get('/shares/summer-2023')).status).toBe(410);
      expect((await http().get('/ops/outbox')).body).toEqual({ received: 0, entries: [] });

      const crash = await http().get('/ops/crash');
      expect(crash.status).toBe(500);
      expect(crash.headers['x-sentry-event-id']).toBeUndefined();
      const refused = await http().get('/storage/backends/s3');
      expect(refused.status).toBe(502);
      expect(refused.headers['x-sentry-event-id']).toBeUndefined();

      const outbox = await http().get('/ops/outbox');
      expect(outbox.body).toEqual({
        received: 2,
        entries: [
          expect.objectContaining({ status: 502, error: 'ConnectionRefusedError', request: 'GET /storage/backends/s3', handler: 'StorageErrorHandlers.refused', sentryEventId: null }),
          expect.objectContaining({ status: 500, error: 'TypeError', request: 'GET /ops/crash', module: 'OpsModule', controller: 'OpsController', sentryEventId: null }),
        ],
      });
      // A summary, not a report: no message, no stack.
      expect(outbox.text).not.toMatch(/finishedAt|refused the connection|\.ts:/);
    });

    it('with SENTRY_DSN: Sentry gets the event, the client gets its id, and the outbox quotes it', async () => {
      const receiver = await SentryReceiver.start();
      try {
        running = await startApp(platform, sampleModule(platform, { sentry: { dsn: receiver.dsn, environment: 'test', release: 'sample@test' } }));
        expect((await running.http().get('/shares/nope')).headers['x-sentry-event-id']).toBeUndefined();
        const res = await running.http().get('/ops/crash');
        expect(res.status).toBe(500);
        const eventId = res.headers['x-sentry-event-id'];
        expect(eventId).toMatch(/^[0-9a-f]{32}$/);

        const event = await receiver.waitForEvent((candidate) => candidate.event_id === eventId);
        expect(event.exception?.values.at(-1)).toMatchObject({ type: 'TypeError' });
        expect(event).toMatchObject({ environment: 'test', release: 'sample@test' });
        expect(event.tags).toMatchObject({ 'nest.controller': 'OpsController', 'nest.error_handler': 'AppErrorHandlers.internal' });

        const outbox = await running.http().get('/ops/outbox');
        expect(outbox.body.entries).toEqual([expect.objectContaining({ request: 'GET /ops/crash', sentryEventId: eventId })]);

        // Closing flushes pending events: the 404 was never sent, only the 500.
        await running.close();
        running = undefined;
        expect(receiver.events.map((received) => received.event_id)).toEqual([eventId]);
      } finally {
        await receiver.close();
      }
    });
  });

  describe('the handler SharesModule registers with register()', () => {
    it('answers ShareQuotaExceededError for SharesModule\'s routes, and nowhere else', async () => {
      running = await startApp(platform, sampleModule(platform));
      const res = await running.http().put('/shares/first').send({ file: 'readme.txt' });
      expect(res.status).toBe(201);
      const refused = await running.http().put('/shares/second').send({ file: 'readme.txt' });
      expect(refused.status).toBe(403);
      expect(refused.body).toEqual({
        error: 'share-quota-exceeded',
        message: 'the demo account may have 3 share links and has 3',
        limit: 3,
        hint: 'remove a share link first',
      });

      const registry = running.app.get(ErrorHandlerRegistry);
      const shares = registry.explain(new ShareQuotaExceededError(3), { controller: SharesController });
      expect(shares).toMatchObject({ handled: true, handler: 'shareQuotaExceeded', scope: 'module SharesModule', tier: 'class', key: 'ShareQuotaExceededError' });
      const storage = registry.explain(new ShareQuotaExceededError(3), { controller: StorageController });
      expect(storage.handler).not.toBe('shareQuotaExceeded');
      expect(registry.explain(new ShareQuotaExceededError(3)).handler).not.toBe('shareQuotaExceeded');
    });
  });
});
