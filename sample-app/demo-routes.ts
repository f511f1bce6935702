/** One demo request and what it shows. */
export interface DemoRoute {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  path: string;
  /** JSON body to send, when the route takes one. */
  body?: Record<string, string>;
  description: string;
}

/**
 * What `GET /` lists, in the order the README walks through them (the disk
 * is stateful: the upload of hello.txt comes before the 507 and the delete;
 * so are the share links and the outbox, which lists the 5xx errors before it;
 * the background jobs come last, their errors reach the outbox a moment later).
 * test/sample-app.e2e.spec.ts checks every entry.
 */
export const DEMO_ROUTES: DemoRoute[] = [
  { method: 'GET', path: '/', description: 'this list (JSON; browsers, which prefer text/html, get it as a page)' },
  { method: 'GET', path: '/storage/files', description: 'files on the fake 256-byte disk, with its usage' },
  { method: 'GET', path: '/storage/files/readme.txt', description: 'reads a file' },
  { method: 'GET', path: '/storage/files/missing.txt', description: 'code beats class: the app-level 404 handler beats StorageModule\'s HttpException handler' },
  { method: 'GET', path: '/storage/files?limit=ten', description: 'controller-local 400 handler of FilesController, for a pipe\'s BadRequestException' },
  { method: 'PUT', path: '/storage/files/.env', body: { content: 'x' }, description: 'BadRequestException ≡ 400: a plain HttpException(400) reaches the BadRequestException handler' },
  { method: 'PUT', path: '/storage/files/hello.txt', body: { content: 'hello' }, description: 'writes a file' },
  {
    method: 'PUT',
    path: '/storage/files/long-note.txt',
    body: { content: 'This note is longer than the free space left on the tiny demo disk, so it cannot be stored.' },
    description: 'custom 507 (createHttpException): disk full, async handler using the injected DiskService',
  },
  { method: 'DELETE', path: '/storage/files/readme.txt', description: 'module handler (blueprint): StorageModule\'s HttpException handler answers a 403' },
  { method: 'DELETE', path: '/storage/files/hello.txt', description: 'deletes a file' },
  { method: 'GET', path: '/storage/backends/local', description: 'a backend that is up' },
  { method: 'GET', path: '/storage/backends/s3', description: 'most specific class wins: ConnectionRefusedError handler beats ConnectionError handler' },
  { method: 'GET', path: '/storage/backends/archive', description: 'ConnectionTimeoutError falls back to the ConnectionError handler: @HttpCode(503) and @Header(\'Retry-After\')' },
  { method: 'GET', path: '/storage/quotas', description: 'unhandled non-HTTP error (SyntaxError) goes to the app-level 500 handler, cause not leaked' },
  { method: 'GET', path: '/storage/mirror', description: 'nearer scope wins: MirrorModule\'s ConnectionError handler beats StorageModule\'s ConnectionRefusedError one' },
  { method: 'POST', path: '/storage/mirror/pull', description: 'nested module: StorageModule\'s 507 handler applies to MirrorModule, which it imports' },
  { method: 'POST', path: '/storage/mirror/push', description: 'a handler for Error catches HTTP exceptions too (a 409 here)' },
  { method: 'GET', path: '/shares/welcome', description: 'a share link' },
  { method: 'GET', path: '/shares/1042', description: 'a handler that writes the response itself: 308 redirect of a legacy link' },
  { method: 'GET', path: '/shares/nope', description: 'nearer scope wins in the code tier: SharesModule\'s 404 handler beats the app\'s' },
  { method: 'GET', path: '/shares/summer-2023', description: 'sibling isolation: StorageModule\'s handlers do not apply to SharesModule, Nest\'s default 410 body' },
  { method: 'PUT', path: '/shares/team-notes', body: { file: 'notes.txt' }, description: 'creates a share link: the third and last of the demo account\'s quota' },
  {
    method: 'PUT',
    path: '/shares/old-notes',
    body: { file: 'notes.txt' },
    description: 'a handler registered with ErrorHandlerRegistry.register() by a SharesModule provider (scope: SharesModule) answers ShareQuotaExceededError',
  },
  { method: 'GET', path: '/shares/welcome/extra', description: 'unknown route: only app-level handlers, SharesModule\'s 404 handler is not consulted' },
  { method: 'GET', path: '/admin/users', description: 'no handler for 403 anywhere: Nest\'s default body, unchanged' },
  { method: 'GET', path: '/does-not-exist', description: 'unknown route: the app-level 404 handler' },
  {
    method: 'GET',
    path: '/ops/crash',
    description: 'a bug on purpose (TypeError) in a module without handlers: the app-level 500 handler; with debug: true in config.yaml, the debug response instead (a traceback page in a browser)',
  },
  {
    method: 'GET',
    path: '/ops/outbox',
    description: 'what OutboxReporter (a second reporter composed with Sentry) received: the 5xx errors above, newest first, no 4xx',
  },
  {
    method: 'POST',
    path: '/jobs/cleanup/fail',
    description: 'background work: the next run of the storage-cleanup @Interval (every second) throws; reported and logged once, the scheduler goes on (then GET /ops/outbox)',
  },
  {
    method: 'POST',
    path: '/jobs/thumbnails/fail',
    description: 'background work: a BullMQ job that fails on both its attempts, each reported (then GET /ops/outbox); needs REDIS_URL, else 503',
  },
];
