import { Module, type Type } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppModule } from '../sample-app/app.module.js';
import { DEMO_ROUTES, type DemoRoute } from '../sample-app/demo-routes.js';
import { PLATFORMS, startApp, type PlatformName, type RunningApp } from './helpers/platforms.js';

/** The app as main.ts builds it with the default config.yaml and no SENTRY_DSN: `AppModule.forRoot()`. */
@Module({ imports: [AppModule.forRoot()] })
class DefaultSampleApp {}
const SampleApp: Type = DefaultSampleApp;

/**
 * Every route `GET /` lists, with the status, body and headers the README
 * shows. Requests run in the index's order: the fake disk is stateful.
 */
interface Expected {
  status: number;
  body?: unknown;
  /** For responses that are not JSON. */
  text?: (platform: PlatformName) => string;
  headers?: Record<string, string>;
}

const NOT_FOUND_HINT = 'GET / lists every route of this sample';

const EXPECTED: Record<string, Expected> = {
  'GET /': { status: 200, body: { app: 'nestjs-error-handlers sample', routes: DEMO_ROUTES } },
  'GET /storage/files': {
    status: 200,
    body: {
      files: [
        { name: 'readme.txt', size: 56, readOnly: true },
        { name: 'notes.txt', size: 121, readOnly: false },
      ],
      disk: { capacity: 256, used: 177, free: 79 },
    },
  },
  'GET /storage/files/readme.txt': {
    status: 200,
    body: { name: 'readme.txt', size: 56, readOnly: true, content: 'Welcome to the demo disk. It holds 256 bytes in memory.\n' },
  },
  'GET /storage/files/missing.txt': {
    status: 404,
    body: { error: 'not-found', message: 'no file "missing.txt"', path: '/storage/files/missing.txt', hint: NOT_FOUND_HINT },
  },
  'GET /storage/files?limit=ten': {
    status: 400,
    body: { error: 'invalid-request', message: 'Validation failed (numeric string is expected)' },
  },
  'PUT /storage/files/.env': {
    status: 400,
    body: { error: 'invalid-request', message: 'invalid file name ".env": use letters, digits, ".", "-" and "_", not starting with "."' },
  },
  'PUT /storage/files/hello.txt': { status: 200, body: { name: 'hello.txt', size: 5, readOnly: false } },
  'PUT /storage/files/long-note.txt': {
    status: 507,
    body: {
      error: 'insufficient-storage',
      message: 'writing "long-note.txt" needs 91 bytes, 74 free',
      disk: { capacity: 256, used: 182, free: 74 },
    },
  },
  'DELETE /storage/files/readme.txt': { status: 403, body: { error: 'storage', status: 403, message: '"readme.txt" is read-only' } },
  'DELETE /storage/files/hello.txt': { status: 204, text: () => '' },
  'GET /storage/backends/local': { status: 200, body: { backend: 'local', status: 'up', latencyMs: 0 } },
  'GET /storage/backends/s3': {
    status: 502,
    body: { error: 'backend-refused', message: 's3.example.internal:443 refused the connection' },
  },
  'GET /storage/backends/archive': {
    status: 503,
    body: { error: 'backend-unavailable', message: 'archive.example.internal:443 did not answer within 2000 ms' },
    headers: { 'retry-after': '30' },
  },
  'GET /storage/quotas': { status: 500, body: { error: 'internal', message: 'Something went wrong on our side.' } },
  'GET /storage/mirror': {
    status: 503,
    body: { error: 'mirror-offline', message: 'mirror.example.internal:873 refused the connection' },
  },
  'POST /storage/mirror/pull': {
    status: 507,
    body: {
      error: 'insufficient-storage',
      message: 'pulling from the mirror needs 4096 bytes, 79 free',
      disk: { capacity: 256, used: 177, free: 79 },
    },
  },
  'POST /storage/mirror/push': { status: 409, body: { error: 'mirror-failed', message: 'a push to the mirror is already running' } },
  'GET /shares/welcome': { status: 200, body: { code: 'welcome', file: 'readme.txt', download: '/storage/files/readme.txt' } },
  'GET /shares/1042': {
    status: 308,
    headers: { location: '/shares/welcome' },
    // Each platform's own redirect body: the handler called the adapter's redirect().
    text: (platform) => (platform === 'express' ? 'Permanent Redirect. Redirecting to /shares/welcome' : ''),
  },
  'GET /shares/nope': {
    status: 404,
    body: { error: 'share-not-found', message: 'no share "nope"', hint: 'ask the owner for a new link' },
  },
  'GET /shares/summer-2023': {
    status: 410,
    body: { statusCode: 410, error: 'Gone', message: 'share "summer-2023" expired on 2023-09-30' },
  },
  'PUT /shares/team-notes': { status: 201, body: { code: 'team-notes', file: 'notes.txt', download: '/storage/files/notes.txt' } },
  'PUT /shares/old-notes': {
    status: 403,
    body: { error: 'share-quota-exceeded', message: 'the demo account may have 3 share links and has 3', limit: 3, hint: 'remove a share link first' },
  },
  'GET /shares/welcome/extra': {
    status: 404,
    body: { error: 'not-found', message: 'Cannot GET /shares/welcome/extra', path: '/shares/welcome/extra', hint: NOT_FOUND_HINT },
  },
  'GET /admin/users': { status: 403, body: { statusCode: 403, error: 'Forbidden', message: 'Forbidden resource' } },
  'GET /does-not-exist': {
    status: 404,
    body: { error: 'not-found', message: 'Cannot GET /does-not-exist', path: '/does-not-exist', hint: NOT_FOUND_HINT },
  },
  'GET /ops/crash': { status: 500, body: { error: 'internal', message: 'Something went wrong on our side.' } },
  // The tour's 5xx responses, newest first; none of its 4xx. No SENTRY_DSN: no event ids.
  'GET /ops/outbox': {
    status: 200,
    body: {
      received: 7,
      entries: [
        outboxEntry(500, 'TypeError', 'GET /ops/crash', 'OpsModule', 'OpsController', 'AppErrorHandlers.internal'),
        outboxEntry(507, 'InsufficientStorage', 'POST /storage/mirror/pull', 'MirrorModule', 'MirrorController', 'StorageErrorHandlers.insufficientStorage'),
        outboxEntry(503, 'ConnectionRefusedError', 'GET /storage/mirror', 'MirrorModule', 'MirrorController', 'MirrorErrorHandlers.offline'),
        outboxEntry(500, 'SyntaxError', 'GET /storage/quotas', 'StorageModule', 'StorageController', 'AppErrorHandlers.internal'),
        outboxEntry(503, 'ConnectionTimeoutError', 'GET /storage/backends/archive', 'StorageModule', 'StorageController', 'StorageErrorHandlers.connection'),
        outboxEntry(502, 'ConnectionRefusedError', 'GET /storage/backends/s3', 'StorageModule', 'StorageController', 'StorageErrorHandlers.refused'),
        outboxEntry(507, 'InsufficientStorage', 'PUT /storage/files/long-note.txt', 'StorageModule', 'FilesController', 'StorageErrorHandlers.insufficientStorage'),
      ],
    },
  },
  // Background work (test/background/sample-app.e2e.spec.ts follows the errors into the outbox).
  'POST /jobs/cleanup/fail': { status: 202, body: { job: 'storage-cleanup', failsWithin: '1000 ms', then: 'GET /ops/outbox' } },
  'POST /jobs/thumbnails/fail': {
    status: 503,
    body: {
      statusCode: 503,
      error: 'Service Unavailable',
      message: 'The thumbnails queue is off: start the app with REDIS_URL=redis://127.0.0.1:6379 (a running redis-server) to turn it on.',
    },
  },
};

function outboxEntry(status: number, error: string, request: string, module: string, controller: string, handler: string) {
  return { at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), status, error, request, module, controller, handler, sentryEventId: null };
}

const keyOf = (route: DemoRoute) => `${route.method} ${route.path}`;

function send(running: RunningApp, route: DemoRoute) {
  const http = running.http();
  switch (route.method) {
    case 'GET':
      return http.get(route.path);
    case 'DELETE':
      return http.delete(route.path);
    case 'POST':
      return route.body ? http.post(route.path).send(route.body) : http.post(route.path);
    case 'PUT':
      return route.body ? http.put(route.path).send(route.body) : http.put(route.path);
  }
}

it('GET / lists exactly the routes this suite checks', () => {
  expect(DEMO_ROUTES.map(keyOf)).toEqual(Object.keys(EXPECTED));
});

describe.each(PLATFORMS)('sample app (%s)', (platform) => {
  let running: RunningApp;
  beforeAll(async () => {
    delete process.env.ADMIN_TOKEN;
    running = await startApp(platform, SampleApp);
  });
  afterAll(() => running.close());

  it.each(DEMO_ROUTES.map((route) => [keyOf(route), route] as const))('%s', async (key, route) => {
    const expected = EXPECTED[key]!;
    const res = await send(running, route);
    expect({ status: res.status, body: res.body }).toEqual({ status: expected.status, body: expected.body ?? {} });
    if (expected.text) expect(res.text).toBe(expected.text(platform));
    else expect(res.headers['content-type']).toMatch(/^application\/json/);
    for (const [name, value] of Object.entries(expected.headers ?? {})) expect(res.headers[name]).toBe(value);
  });

  it('the admin route opens with the token, so its 403 really comes from the guard', async () => {
    process.env.ADMIN_TOKEN = 'test-token';
    try {
      const res = await running.http().get('/admin/users').set('x-admin-token', 'test-token');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ users: [{ name: 'alice', quota: 1024 }] });
    } finally {
      delete process.env.ADMIN_TOKEN;
    }
  });

  it('the 500 handler never shows the cause', async () => {
    const res = await running.http().get('/storage/quotas');
    expect(res.text).not.toMatch(/JSON|position|Syntax/i);
    const crash = await running.http().get('/ops/crash');
    expect(crash.text).not.toMatch(/TypeError|finishedAt|undefined/);
  });
});
