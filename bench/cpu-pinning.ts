import { execFileSync } from 'node:child_process';
import os from 'node:os';

/**
 * On two shared cores, a server and the load generator that the scheduler
 * moves onto the same core (or swaps between cores) make a ratio swing by
 * tens of percent. Pinned, the server owns one core and the load generator
 * (with the Sentry receiver) the other, for every server alike. Done with
 * util-linux's `taskset` when the machine has it and at least two CPUs;
 * otherwise nothing is pinned and the report says so.
 */
export const SERVER_CPU = 0;
export const LOAD_CPU = 1;

let available: boolean | undefined;

export function canPin(): boolean {
  if (available === undefined) available = os.cpus().length >= 2 && taskset(['-p', String(process.pid)]);
  return available;
}

/** Every thread of `pid` on `cpu`; threads it starts later inherit it. */
export function pinProcess(pid: number, cpu: number): void {
  if (canPin()) taskset(['-a', '-cp', String(cpu), String(pid)]);
}

/** Undoes `pinProcess`: every CPU again. */
export function unpinProcess(pid: number): void {
  if (canPin()) taskset(['-a', '-cp', `0-${os.cpus().length - 1}`, String(pid)]);
}

function taskset(args: string[]): boolean {
  try {
    execFileSync('taskset', args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
