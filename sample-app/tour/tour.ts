import { tourIndex } from './tour-index.js';
import { VARYING, type GraphqlStep, type HttpStep, type RpcStep, type TourStep, type WsStep } from './tour-step.js';

/**
 * The sample's tour, in order, with the answer each step gets from the app
 * as `npm start` runs it (default config.yaml, no SENTRY_DSN, no REDIS_URL).
 * Order matters: the fake disk, the share links and the outbox keep state
 * (hello.txt is written before the 507 and deleted after it; the outbox
 * lists the 5xx errors before it; the background jobs come last, their
 * errors reach the outbox a moment later).
 *
 * The one source of `GET /`, of test/sample-app.e2e.spec.ts (which runs
 * every step against the real app and checks every answer) and of the tour
 * table in docs/sample-app.md (`npm run docs:tour`; a test fails when it differs).
 */

const NOT_FOUND_HINT = 'GET / lists every route of this sample';
const MISSING_SHARE = { error: 'share-not-found', message: 'no share "nope"', hint: 'ask the owner for a new link' };

const missingShareOverHttp: HttpStep = {
  context: 'http',
  method: 'GET',
  path: '/shares/nope',
  description: 'nearer scope wins in the code tier: SharesModule\'s NotFoundException handler (SharesErrorHandlers.missingShare) beats the app\'s 404 handler',
  expect: { status: 404, body: MISSING_SHARE },
};

const missingShareOverGraphql: GraphqlStep = {
  context: 'graphql',
  query: '{ welcome: share(code: "welcome") { file } nope: share(code: "nope") { file } }',
  description:
    'the same handler answers a GraphQL resolver of SharesModule: the field\'s error carries its body, with code NOT_FOUND and status 404; the rest of the query still resolves',
  expect: {
    status: 200,
    // In the order Apollo (on Express, as main.ts runs it) writes them; Mercurius puts data first.
    body: {
      errors: [
        {
          message: MISSING_SHARE.message,
          locations: [{ line: 1, column: 44 }],
          path: ['nope'],
          extensions: { code: 'NOT_FOUND', status: 404, error: MISSING_SHARE.error, hint: MISSING_SHARE.hint },
        },
      ],
      data: { welcome: { file: 'readme.txt' }, nope: null },
    },
  },
};

const missingShareOverWs: WsStep = {
  context: 'ws',
  event: 'share',
  data: { code: 'nope' },
  description: 'the same handler answers SharesModule\'s WebSocket gateway (socket.io, same port): its body is Nest\'s exception event',
  expect: { event: 'exception', data: MISSING_SHARE },
};

const missingShareOverRpc: RpcStep = {
  context: 'rpc',
  pattern: { cmd: 'share' },
  data: { code: 'nope' },
  description: 'the same handler answers SharesModule\'s microservice controller (TCP, RPC_PORT): its body is the error the client receives',
  expect: { error: MISSING_SHARE },
};

/** One `@ErrorHandler` answering in all four contexts: what `npm run demo:contexts` asks the running app. */
export const CONTEXTS_DEMO: readonly TourStep[] = [missingShareOverHttp, missingShareOverGraphql, missingShareOverWs, missingShareOverRpc];

export const TOUR: readonly TourStep[] = [
  {
    context: 'http',
    method: 'GET',
    path: '/',
    description: 'this list (JSON; browsers, which prefer text/html, get it as a page)',
    expect: {
      status: 200,
      get body() {
        return tourIndex(TOUR);
      },
    },
  },
  {
    context: 'http',
    method: 'GET',
    path: '/storage/files',
    description: 'files on the fake 256-byte disk, with its usage',
    expect: {
      status: 200,
      body: {
        files: [
          { name: 'readme.txt', size: 56, readOnly: true },
          { name: 'notes.txt', size: 121, readOnly: false },
        ],
        disk: { capacity: 256, used: 177, free: 79 },
      },
    },
  },
  {
    context: 'http',
    method: 'GET',
    path: '/storage/files/readme.txt',
    description: 'reads a file',
    expect: {
      status: 200,
      body: { name: 'readme.txt', size: 56, readOnly: true, content: 'Welcome to the demo disk. It holds 256 bytes in memory.\n' },
    },
  },
  {
    context: 'http',
    method: 'GET',
    path: '/storage/files/missing.txt',
    description: 'code beats class: the app-level 404 handler beats StorageModule\'s HttpException handler',
    expect: {
      status: 404,
      body: { error: 'not-found', message: 'no file "missing.txt"', path: '/storage/files/missing.txt', hint: NOT_FOUND_HINT },
    },
  },
  {
    context: 'http',
    method: 'GET',
    path: '/storage/files?limit=ten',
    description: 'controller-local 400 handler of FilesController, for a pipe\'s BadRequestException',
    expect: { status: 400, body: { error: 'invalid-request', message: 'Validation failed (numeric string is expected)' } },
  },
  {
    context: 'http',
    method: 'PUT',
    path: '/storage/files/.env',
    body: { content: 'x' },
    description: 'BadRequestException ≡ 400: a plain HttpException(400) reaches the BadRequestException handler',
    expect: {
      status: 400,
      body: { error: 'invalid-request', message: 'invalid file name ".env": use letters, digits, ".", "-" and "_", not starting with "."' },
    },
  },
  {
    context: 'http',
    method: 'PUT',
    path: '/storage/files/hello.txt',
    body: { content: 'hello' },
    description: 'writes a file',
    expect: { status: 200, body: { name: 'hello.txt', size: 5, readOnly: false } },
  },
  {
    context: 'http',
    method: 'PUT',
    path: '/storage/files/long-note.txt',
    body: { content: 'This note is longer than the free space left on the tiny demo disk, so it cannot be stored.' },
    description: 'custom 507 (createHttpException): disk full, async handler using the injected DiskService',
    expect: {
      status: 507,
      body: {
        error: 'insufficient-storage',
        message: 'writing "long-note.txt" needs 91 bytes, 74 free',
        disk: { capacity: 256, used: 182, free: 74 },
      },
    },
  },
  {
    context: 'http',
    method: 'DELETE',
    path: '/storage/files/readme.txt',
    description: 'module handler (blueprint): StorageModule\'s HttpException handler answers a 403',
    expect: { status: 403, body: { error: 'storage', status: 403, message: '"readme.txt" is read-only' } },
  },
  {
    context: 'http',
    method: 'DELETE',
    path: '/storage/files/hello.txt',
    description: 'deletes a file',
    expect: { status: 204, text: '' },
  },
  {
    context: 'http',
    method: 'GET',
    path: '/storage/backends/local',
    description: 'a backend that is up',
    expect: { status: 200, body: { backend: 'local', status: 'up', latencyMs: 0 } },
  },
  {
    context: 'http',
    method: 'GET',
    path: '/storage/backends/s3',
    description: 'most specific class wins: ConnectionRefusedError handler beats ConnectionError handler',
    expect: { status: 502, body: { error: 'backend-refused', message: 's3.example.internal:443 refused the connection' } },
  },
  {
    context: 'http',
    method: 'GET',
    path: '/storage/backends/archive',
    description: 'ConnectionTimeoutError falls back to the ConnectionError handler: @HttpCode(503) and @Header(\'Retry-After\')',
    expect: {
      status: 503,
      headers: { 'retry-after': '30' },
      body: { error: 'backend-unavailable', message: 'archive.example.internal:443 did not answer within 2000 ms' },
    },
  },
  {
    context: 'http',
    method: 'GET',
    path: '/storage/quotas',
    description: 'unhandled non-HTTP error (SyntaxError) goes to the app-level 500 handler, cause not leaked',
    expect: { status: 500, body: { error: 'internal', message: 'Something went wrong on our side.' } },
  },
  {
    context: 'http',
    method: 'GET',
    path: '/storage/mirror',
    description: 'nearer scope wins: MirrorModule\'s ConnectionError handler beats StorageModule\'s ConnectionRefusedError one',
    expect: { status: 503, body: { error: 'mirror-offline', message: 'mirror.example.internal:873 refused the connection' } },
  },
  {
    context: 'http',
    method: 'POST',
    path: '/storage/mirror/pull',
    description: 'nested module: StorageModule\'s 507 handler applies to MirrorModule, which it imports',
    expect: {
      status: 507,
      body: {
        error: 'insufficient-storage',
        message: 'pulling from the mirror needs 4096 bytes, 79 free',
        disk: { capacity: 256, used: 177, free: 79 },
      },
    },
  },
  {
    context: 'http',
    method: 'POST',
    path: '/storage/mirror/push',
    description: 'a handler for Error catches HTTP exceptions too (a 409 here)',
    expect: { status: 409, body: { error: 'mirror-failed', message: 'a push to the mirror is already running' } },
  },
  {
    context: 'http',
    method: 'GET',
    path: '/shares/welcome',
    description: 'a share link',
    expect: { status: 200, body: { code: 'welcome', file: 'readme.txt', download: '/storage/files/readme.txt' } },
  },
  {
    context: 'http',
    method: 'GET',
    path: '/shares/1042',
    description: 'a handler that writes the response itself: 308 redirect of a legacy link',
    expect: {
      status: 308,
      headers: { location: '/shares/welcome' },
      // Each platform's own redirect body: the handler called the adapter's redirect().
      text: { express: 'Permanent Redirect. Redirecting to /shares/welcome', fastify: '' },
    },
  },
  ...CONTEXTS_DEMO,
  {
    context: 'http',
    method: 'GET',
    path: '/shares/summer-2023',
    description: 'sibling isolation: StorageModule\'s handlers do not apply to SharesModule, Nest\'s default 410 body',
    expect: { status: 410, body: { statusCode: 410, error: 'Gone', message: 'share "summer-2023" expired on 2023-09-30' } },
  },
  {
    context: 'http',
    method: 'PUT',
    path: '/shares/team-notes',
    body: { file: 'notes.txt' },
    description: 'creates a share link: the third and last of the demo account\'s quota',
    expect: { status: 201, body: { code: 'team-notes', file: 'notes.txt', download: '/storage/files/notes.txt' } },
  },
  {
    context: 'http',
    method: 'PUT',
    path: '/shares/old-notes',
    body: { file: 'notes.txt' },
    description: 'a handler registered with ErrorHandlerRegistry.register() by a SharesModule provider (scope: SharesModule) answers ShareQuotaExceededError',
    expect: {
      status: 403,
      body: { error: 'share-quota-exceeded', message: 'the demo account may have 3 share links and has 3', limit: 3, hint: 'remove a share link first' },
    },
  },
  {
    context: 'http',
    method: 'GET',
    path: '/shares/welcome/extra',
    description: 'unknown route: only app-level handlers, SharesModule\'s 404 handler is not consulted',
    expect: {
      status: 404,
      body: { error: 'not-found', message: 'Cannot GET /shares/welcome/extra', path: '/shares/welcome/extra', hint: NOT_FOUND_HINT },
    },
  },
  {
    context: 'http',
    method: 'GET',
    path: '/admin/users',
    description: 'no handler for 403 anywhere: Nest\'s default body, unchanged',
    expect: { status: 403, body: { statusCode: 403, error: 'Forbidden', message: 'Forbidden resource' } },
  },
  {
    context: 'http',
    method: 'GET',
    path: '/does-not-exist',
    description: 'unknown route: the app-level 404 handler',
    expect: {
      status: 404,
      body: { error: 'not-found', message: 'Cannot GET /does-not-exist', path: '/does-not-exist', hint: NOT_FOUND_HINT },
    },
  },
  {
    context: 'http',
    method: 'GET',
    path: '/ops/crash',
    description:
      'a bug on purpose (TypeError) in a module without handlers: the app-level 500 handler; with debug: true in config.yaml, the debug response instead (a traceback page in a browser)',
    expect: { status: 500, body: { error: 'internal', message: 'Something went wrong on our side.' } },
  },
  {
    context: 'http',
    method: 'GET',
    path: '/ops/outbox',
    description: 'what OutboxReporter (a second reporter composed with Sentry) received: the 5xx errors above, newest first, no 4xx',
    expect: {
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
  },
  {
    context: 'http',
    method: 'POST',
    path: '/jobs/cleanup/fail',
    description:
      'background work: the next run of the storage-cleanup @Interval (every second) throws; reported and logged once, the scheduler goes on (then GET /ops/outbox)',
    expect: { status: 202, body: { job: 'storage-cleanup', failsWithin: '1000 ms', then: 'GET /ops/outbox' } },
  },
  {
    context: 'http',
    method: 'POST',
    path: '/jobs/thumbnails/fail',
    description: 'background work: a BullMQ job that fails on both its attempts, each reported (then GET /ops/outbox); needs REDIS_URL, else 503',
    expect: {
      status: 503,
      body: {
        statusCode: 503,
        error: 'Service Unavailable',
        message: 'The thumbnails queue is off: start the app with REDIS_URL=redis://127.0.0.1:6379 (a running redis-server) to turn it on.',
      },
    },
  },
];

/** An outbox summary; no SENTRY_DSN, so no event id. */
function outboxEntry(status: number, error: string, request: string, module: string, controller: string, handler: string) {
  return { at: VARYING.timestamp, status, error, request, module, controller, handler, sentryEventId: null };
}
