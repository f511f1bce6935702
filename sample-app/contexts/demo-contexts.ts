import { sampleConfigPath } from '../config/config-file.js';
import { resolvePorts } from '../config/ports.js';
import { loadSampleConfig, SampleConfigError } from '../config/sample-config.js';
import { CONTEXTS_DEMO } from '../tour/tour.js';
import { ContextClients, type SampleEndpoints } from './context-clients.js';
import { demoReport, type Asked } from './demo-report.js';
import { RPC_HOST } from './serve.js';

/**
 * `npm run demo:contexts`, beside a running `npm start`: asks the sample for a
 * missing share over HTTP, GraphQL, socket.io and TCP, with real clients, and
 * prints what each context answered. Finds the app as main.ts placed it
 * (config.yaml, PORT, RPC_PORT).
 */
let endpoints: SampleEndpoints;
try {
  const ports = resolvePorts(loadSampleConfig(sampleConfigPath(process.env)), process.env);
  if (ports.http === 0 || ports.rpc === 0) throw new SampleConfigError('The app was given free ports (0): set PORT and RPC_PORT to the ports it logged.');
  endpoints = { http: `http://127.0.0.1:${ports.http}`, rpc: { host: RPC_HOST, port: ports.rpc } };
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}

let clients: ContextClients;
try {
  clients = await ContextClients.connect(endpoints);
} catch (error) {
  const reason = error instanceof Error ? error.message : String(error);
  console.error(`The sample app does not answer on ${endpoints.http} and RPC ${endpoints.rpc.host}:${endpoints.rpc.port} (${reason}).`);
  console.error('Start it in another terminal first (npm start), with the same PORT and RPC_PORT.');
  process.exit(1);
}

try {
  const asked: Asked[] = [];
  for (const step of CONTEXTS_DEMO) asked.push({ step, answer: await clients.answer(step) });
  console.log(demoReport(asked));
} finally {
  await clients.close();
}
