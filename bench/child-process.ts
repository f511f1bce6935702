import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const STARTUP_TIMEOUT_MS = 60_000;

/** Children still running, so that an interrupted bench leaves no server behind. */
const running = new Set<ChildProcess>();
process.on('exit', () => running.forEach((child) => child.kill('SIGKILL')));
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => process.exit(130));
}

export interface StartedChild<T> {
  child: ChildProcess;
  /** The first IPC message the child sent. */
  message: T;
}

/**
 * Forks a script built next to this file (a path relative to build/bench/) and
 * waits for its first IPC message. Rejects if the child exits or stays silent.
 */
export function forkAndAwaitMessage<T>(script: string, args: string[]): Promise<StartedChild<T>> {
  const child = fork(fileURLToPath(new URL(script, import.meta.url)), args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return new Promise((resolve, reject) => {
    const onEarlyExit = (code: number | null, signal: NodeJS.Signals | null) => fail(`exited (${signal ?? code}) before reporting`);
    const fail = (reason: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${script} ${args.join(' ')}: ${reason}`));
    };
    const timer = setTimeout(() => fail(`no message within ${STARTUP_TIMEOUT_MS} ms`), STARTUP_TIMEOUT_MS);
    child.once('exit', onEarlyExit);
    child.once('message', (message) => {
      clearTimeout(timer);
      child.off('exit', onEarlyExit);
      resolve({ child, message: message as T });
    });
  });
}

/** What a child sends once its server listens on 127.0.0.1. */
export interface ListeningMessage {
  type: 'listening';
  port: number;
}

/**
 * Forks a script (as `forkAndAwaitMessage` does) whose first message must say
 * it listens; otherwise stops it and throws, naming it as `what`.
 */
export async function forkAndAwaitListening(script: string, args: string[], what: string): Promise<{ child: ChildProcess; port: number }> {
  const { child, message } = await forkAndAwaitMessage<ListeningMessage>(script, args);
  if (message.type !== 'listening' || !Number.isInteger(message.port)) {
    await stopChild(child);
    throw new Error(`${what} sent an unexpected message: ${JSON.stringify(message)}`);
  }
  return { child, port: message.port };
}

/** Ends a child and waits until it is gone, so the next measurement has the CPUs to itself. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (hasExited(child)) return;
  const exited = exitOf(child);
  child.kill('SIGTERM');
  await exited;
}

/**
 * Asks a child to end on its own (`request` over IPC) and waits for it; one
 * still running after `graceMs` is stopped. Resolves false in that case.
 */
export async function endChild(child: ChildProcess, request: string, graceMs: number): Promise<boolean> {
  if (hasExited(child)) return true;
  const exited = exitOf(child);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), graceMs)));
  child.send(request);
  const inTime = await Promise.race([exited.then(() => true as const), late]);
  clearTimeout(timer);
  if (!inTime) await stopChild(child);
  return inTime;
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function exitOf(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Sends `request` to a child and resolves with its next message of type `replyType`. */
export function askChild<T extends { type: string }>(child: ChildProcess, request: string, replyType: T['type']): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (reply: T) => {
      if (reply?.type !== replyType) return;
      child.off('message', onMessage);
      resolve(reply);
    };
    child.on('message', onMessage);
    if (!child.connected || !child.send(request)) {
      child.off('message', onMessage);
      reject(new Error(`The child process is gone; could not ask "${request}"`));
    }
  });
}
