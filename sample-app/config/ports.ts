import { portFrom, type SampleConfig } from './sample-config.js';

/** Where the sample listens: HTTP (GraphQL and socket.io share its server) and the TCP microservice. */
export interface SamplePorts {
  http: number;
  rpc: number;
}

/**
 * `PORT`, else the config's `port`; `RPC_PORT`, else the config's `rpcPort`,
 * else the HTTP port + 1 (so two copies started with different PORTs do not
 * clash), or 0 (a free port) when the HTTP port is 0 too.
 * Throws `SampleConfigError`.
 */
export function resolvePorts(config: SampleConfig, env: NodeJS.ProcessEnv): SamplePorts {
  const http = env.PORT ? portFrom(env.PORT, 'PORT') : config.port;
  if (env.RPC_PORT) return { http, rpc: portFrom(env.RPC_PORT, 'RPC_PORT') };
  if (config.rpcPort !== undefined) return { http, rpc: config.rpcPort };
  return { http, rpc: http === 0 ? 0 : portFrom(http + 1, 'The RPC port (the HTTP port + 1; set RPC_PORT or rpcPort)') };
}
