import type { ChildProcess } from 'node:child_process';
import { askChild, endChild, forkAndAwaitListening } from './child-process.js';
import { SERVER_CPU, pinProcess } from './cpu-pinning.js';
import {
  CPU_USAGE_REQUEST,
  NEXT_TICK_COST_REQUEST,
  SHUTDOWN_REQUEST,
  serverArgs,
  type CpuUsageReply,
  type NextTickCostReply,
  type ServerArgs,
} from './servers/variants.js';

/** Longer than the module's flush on shutdown (2 s by default), so a slow flush shows as such, not as a kill. */
const SHUTDOWN_GRACE_MS = 10_000;

export interface RunningServer extends ServerArgs {
  port: number;
  /** CPU time the server process has used since it started, in µs. */
  cpuMicros(): Promise<number>;
  /** Mean cost of one `process.nextTick` in the server, now, in ns. */
  nextTickNanoseconds(): Promise<number>;
  /** Closes the app gracefully (pending Sentry events are flushed) and waits for the process to exit. */
  stop(): Promise<void>;
}

/** Starts a fresh server process and resolves once it listens. */
export async function startServer(args: ServerArgs): Promise<RunningServer> {
  const { child, port } = await forkAndAwaitListening('./servers/main.js', serverArgs(args), `Server ${args.platform}/${args.variant}`);
  pinProcess(child.pid!, SERVER_CPU);
  return {
    ...args,
    port,
    cpuMicros: () => askCpuMicros(child),
    nextTickNanoseconds: async () => (await askChild<NextTickCostReply>(child, NEXT_TICK_COST_REQUEST, 'next-tick-cost')).nanoseconds,
    stop: () => shutDown(child, args),
  };
}

async function shutDown(child: ChildProcess, { platform, variant }: ServerArgs): Promise<void> {
  if (!(await endChild(child, SHUTDOWN_REQUEST, SHUTDOWN_GRACE_MS))) {
    console.warn(`Server ${platform}/${variant} did not exit within ${SHUTDOWN_GRACE_MS} ms of the shutdown request; killed`);
  }
}

async function askCpuMicros(child: ChildProcess): Promise<number> {
  return (await askChild<CpuUsageReply>(child, CPU_USAGE_REQUEST, 'cpu-usage')).micros;
}
