import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';

/** What `sample-app/config.yaml` may say. Every key is optional; see the file itself for what each does. */
export interface SampleConfig {
  /** Where to listen; `PORT` in the environment wins. 0 picks a free port. */
  port: number;
  /** The TCP microservice's port (127.0.0.1); `RPC_PORT` wins. Unset: `port` + 1 (see config/ports.ts). */
  rpcPort?: number;
  /** Debug responses: stack, cause chain and `explain()` in default JSON responses, and a traceback page for browsers. */
  debug: boolean;
  /**
   * Hand debugging to an attached inspector: debug responses without the
   * traceback page, so pause-on-exception in the inspector is the tool.
   * Also turned on by itself when the process runs with `--inspect`.
   */
  inspector: boolean;
}

export const DEFAULT_CONFIG: Readonly<SampleConfig> = Object.freeze({ port: 3000, debug: false, inspector: false });

const KEYS: ReadonlyArray<keyof SampleConfig> = ['port', 'rpcPort', 'debug', 'inspector'];

/** A config file that cannot be read or says something invalid; the message names the file and what to fix. */
export class SampleConfigError extends Error {
  override name = 'SampleConfigError';
}

/** Reads and validates the config file at `path`. Throws `SampleConfigError`. */
export function loadSampleConfig(path: string): SampleConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    const advice =
      code === 'EACCES' || code === 'EPERM'
        ? ' The user running the app must be able to read it (check its owner and mode, and those of its directories).'
        : code === 'ENOENT'
          ? ' Set SAMPLE_CONFIG to the path of a config file, or restore sample-app/config.yaml.'
          : '';
    throw new SampleConfigError(`Cannot read the sample app's config file ${path}: ${message}.${advice}`, { cause: error });
  }
  return parseSampleConfig(text, path);
}

/** Parses and validates config text; `source` names it in error messages. Missing keys take their defaults. */
export function parseSampleConfig(text: string, source: string): SampleConfig {
  const document = parseDocument(text, { prettyErrors: true });
  if (document.errors.length > 0) {
    throw new SampleConfigError(`${source} is not valid YAML: ${document.errors[0]!.message.trim()}`);
  }
  const data: unknown = document.toJS();
  // An empty file (or only comments) means "all defaults".
  if (data === null || data === undefined) return { ...DEFAULT_CONFIG };
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new SampleConfigError(`${source} must be a mapping of settings (${KEYS.join(', ')}), got ${describe(data)}.`);
  }
  const values = data as Record<string, unknown>;
  const unknown = Object.keys(values).filter((key) => !(KEYS as string[]).includes(key));
  if (unknown.length > 0) {
    throw new SampleConfigError(`${source}: unknown setting ${unknown.map((key) => `"${key}"`).join(', ')}; the settings are ${KEYS.join(', ')}.`);
  }
  return {
    port: values.port === undefined ? DEFAULT_CONFIG.port : portFrom(values.port, `${source}: port`),
    ...(values.rpcPort === undefined ? {} : { rpcPort: portFrom(values.rpcPort, `${source}: rpcPort`) }),
    debug: booleanFrom(values.debug, DEFAULT_CONFIG.debug, `${source}: debug`),
    inspector: booleanFrom(values.inspector, DEFAULT_CONFIG.inspector, `${source}: inspector`),
  };
}

/** A TCP port from the config file or `PORT`; `what` names it in the error. */
export function portFrom(value: unknown, what: string): number {
  const port = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof port === 'number' && Number.isInteger(port) && port >= 0 && port <= 65535) return port;
  throw new SampleConfigError(`${what} must be a whole number from 0 to 65535, got ${describe(value)}.`);
}

function booleanFrom(value: unknown, fallback: boolean, what: string): boolean {
  if (value === undefined) return fallback;
  if (typeof value === 'boolean') return value;
  // YAML 1.2 reads yes/no/on/off as strings: say so, since YAML 1.1 habits are common.
  throw new SampleConfigError(`${what} must be true or false, got ${describe(value)}.`);
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `the string "${value}"`;
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'a mapping' : `${typeof value} ${String(value)}`;
}
