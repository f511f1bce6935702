/**
 * Runs a TypeScript module of this repository in a child process, compiled
 * the way vitest compiles the tests (the same vite config: the package alias,
 * decorators with metadata), calls its `main(args)` and sends the parent
 * what it resolves to, over IPC: `{ ready: <result> }`.
 *
 * Usage: fork('test/helpers/ts-child.mjs', ['/test/fixtures/x.ts', JSON.stringify(args)], { cwd: <repository root> })
 */
import { createServer, createServerModuleRunner } from 'vite';

const [entry, args] = process.argv.slice(2);
const server = await createServer({
  configFile: 'vitest.config.ts',
  appType: 'custom',
  logLevel: 'error',
  server: { middlewareMode: true, hmr: false, ws: false },
  optimizeDeps: { noDiscovery: true, include: [] },
});
const runner = createServerModuleRunner(server.environments.ssr, { hmr: false });
const { main } = await runner.import(entry);
const result = await main(JSON.parse(args));
// Everything is loaded: the compiler's memory goes back to the app.
await server.close();
process.send({ ready: result });
