import type { ChildProcess } from 'node:child_process';
import { askChild, endChild, forkAndAwaitListening } from '../child-process.js';
import { CPU_USAGE_REQUEST, SHUTDOWN_REQUEST, type CpuUsageReply } from '../servers/variants.js';
import type { GraphqlServerArgs } from './variants.js';

const SHUTDOWN_GRACE_MS = 10_000;

export interface RunningGraphqlServer extends GraphqlServerArgs {
  port: number;
  /** CPU time the server process has used since it started, in µs. */
  cpuMicros(): Promise<number>;
  stop(): Promise<void>;
}

/** Starts a fresh GraphQL server process and resolves once it listens. */
export async function startGraphqlServer(args: GraphqlServerArgs): Promise<RunningGraphqlServer> {
  const what = `GraphQL server ${args.driver}/${args.variant}`;
  const { child, port } = await forkAndAwaitListening('./graphql/main.js', [args.driver, args.variant], what);
  return { ...args, port, cpuMicros: () => askCpuMicros(child), stop: () => shutDown(child, what) };
}

async function shutDown(child: ChildProcess, what: string): Promise<void> {
  if (!(await endChild(child, SHUTDOWN_REQUEST, SHUTDOWN_GRACE_MS))) console.warn(`${what} did not exit within ${SHUTDOWN_GRACE_MS} ms; killed`);
}

async function askCpuMicros(child: ChildProcess): Promise<number> {
  return (await askChild<CpuUsageReply>(child, CPU_USAGE_REQUEST, 'cpu-usage')).micros;
}
