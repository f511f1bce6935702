import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { until } from './until.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RUNNER = fileURLToPath(new URL('./ts-child.mjs', import.meta.url));
/** Enough of the child's output to show how it died (V8's fatal error and the first frames). */
const OUTPUT_KEPT = 3000;

export interface ChildAppOptions {
  /** The TypeScript module, from the repository root (`/test/fixtures/x.ts`), whose `main(args)` starts the app and resolves to `{ port }`. */
  entry: string;
  args: unknown;
  /** The child's old-space limit: a runaway allocation ends in a second or two, not after minutes of swapping. */
  heapMb: number;
}

/** An answer as the assertions read it, whatever client fetched it. */
export interface HttpAnswer {
  status: number;
  text: string;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * An app in a child process: whatever a request makes it do (exhaust its
 * heap, abort), the test process lives, says how the app died, and can start
 * it again for the next case.
 */
export class ChildApp {
  private child?: ChildProcess;
  private port = 0;
  private output = '';
  private exit?: string;

  private constructor(private readonly options: ChildAppOptions) {}

  static async start(options: ChildAppOptions): Promise<ChildApp> {
    const app = new ChildApp(options);
    await app.spawn();
    return app;
  }

  get alive(): boolean {
    return this.child !== undefined && this.exit === undefined;
  }

  /** Starts the app again if it died: one case that kills it must not fail every later one. */
  async ensureRunning(): Promise<void> {
    if (!this.alive) await this.spawn();
  }

  /** GETs `path`; rejects, saying what became of the app, if no whole answer comes within `timeoutMs`. */
  async get(path: string, timeoutMs: number): Promise<HttpAnswer> {
    try {
      return await httpGet(this.port, path, timeoutMs);
    } catch (error) {
      throw new Error(`GET ${path.slice(0, 300)}: no answer (${describe(error)}). ${await this.describeState()}`);
    }
  }

  /** GETs a route that answers 200 with JSON. */
  async getJson<T>(path: string, timeoutMs: number): Promise<T> {
    const answer = await this.get(path, timeoutMs);
    if (answer.status !== 200) throw new Error(`GET ${path}: ${answer.status} ${answer.text.slice(0, 300)}`);
    return JSON.parse(answer.text) as T;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || !this.alive) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill();
    await exited;
  }

  private async describeState(): Promise<string> {
    // V8 closes a dying process's sockets a moment before the process is reaped.
    await until(() => !this.alive, 'the app process to exit', 2000).catch(() => undefined);
    if (this.alive) return 'The app process is still running.';
    return `The app process ${this.exit}; its last output:\n${this.output}`;
  }

  private spawn(): Promise<void> {
    this.exit = undefined;
    this.output = '';
    const child = fork(RUNNER, [this.options.entry, JSON.stringify(this.options.args)], {
      cwd: ROOT,
      execArgv: [`--max-old-space-size=${this.options.heapMb}`],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.child = child;
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-OUTPUT_KEPT);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    child.on('exit', (code, signal) => {
      this.exit = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    });
    return new Promise((resolve, reject) => {
      child.once('message', (message) => {
        this.port = (message as { ready: { port: number } }).ready.port;
        resolve();
      });
      child.once('exit', () => reject(new Error(`The app process ${this.exit} before it was ready; its last output:\n${this.output}`)));
    });
  }
}

// Kept alive between requests, as a real client would; `fetch` is no use here: it turns a 407 into a network error.
const agent = new http.Agent({ keepAlive: true });

function httpGet(port: number, path: string, timeoutMs: number): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
  });
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.name}: ${error.message}${cause}`;
}
