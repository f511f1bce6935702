import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

const STARTUP_TIMEOUT_MS = 10_000;

/**
 * A real Redis (Debian's `redis-server`) for the BullMQ tests: on 127.0.0.1,
 * a free port, no persistence, its own temporary directory; stopped and
 * removed by `stop()`. `.ci/run` installs the package when it is missing.
 */
export class RedisServer {
  private constructor(
    private readonly process: ChildProcess,
    readonly port: number,
    private readonly dir: string,
  ) {}

  static async start(): Promise<RedisServer> {
    const dir = await mkdtemp(join(tmpdir(), 'bg-redis-'));
    // Another process may take the free port between the probe and the start: try a few.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const output: string[] = [];
      child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
      child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
      if (await answersPing(port, child)) return new RedisServer(child, port, dir);
      child.kill('SIGKILL');
      if (attempt === 3) {
        await rm(dir, { recursive: true, force: true });
        throw new Error(`redis-server did not start on 127.0.0.1:${port}:\n${output.join('')}`);
      }
    }
  }

  get connection(): { host: string; port: number } {
    return { host: '127.0.0.1', port: this.port };
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    if (this.process.exitCode === null && this.process.signalCode === null) {
      const exited = new Promise((resolve) => this.process.once('exit', resolve));
      this.process.kill('SIGTERM');
      await exited;
    }
    await rm(this.dir, { recursive: true, force: true });
  }
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Polls with a raw PING until Redis answers +PONG, the child exits, or time runs out. */
async function answersPing(port: number, child: ChildProcess): Promise<boolean> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) return false;
    if (await ping(port)) return true;
    await delay(20);
  }
  return false;
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      answer += chunk.toString();
      if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
    });
  });
}
