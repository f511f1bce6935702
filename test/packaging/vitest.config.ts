import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** The packaging smoke tests (`npm run test:packaging`): pack, install in fresh apps, boot. */
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/packaging/**/*.spec.ts'],
    pool: 'forks',
    globalSetup: ['test/packaging/build-once.ts'],
    testTimeout: 30_000,
    // Packing builds the package; each app then installs it and its Nest, and compiles.
    hookTimeout: 300_000,
  },
});
