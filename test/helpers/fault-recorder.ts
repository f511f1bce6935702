/**
 * Records unhandled rejections and uncaught exceptions of this process.
 * Plain Node, no test framework: the hostile app's child process uses it too.
 */
export interface FaultRecorder {
  /** The live list; take entries out with `splice(0)`. */
  readonly faults: string[];
  stop(): void;
}

/** Starts recording into `faults` (a new list when absent). */
export function recordProcessFaults(faults: string[] = []): FaultRecorder {
  const onUnhandledRejection = (reason: unknown) => faults.push(`unhandledRejection: ${describeFault(reason)}`);
  const onUncaughtException = (error: unknown) => faults.push(`uncaughtException: ${describeFault(error)}`);
  process.on('unhandledRejection', onUnhandledRejection);
  process.on('uncaughtException', onUncaughtException);
  return {
    faults,
    stop: () => {
      process.off('unhandledRejection', onUnhandledRejection);
      process.off('uncaughtException', onUncaughtException);
    },
  };
}

function describeFault(value: unknown): string {
  try {
    return value instanceof Error ? `${value.name}: ${value.message}` : String(value);
  } catch {
    return '<a value that throws when inspected>';
  }
}
