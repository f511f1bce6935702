import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Tests and the sample app import the package by name, as users do.
    alias: { 'nestjs-error-handlers': fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
  },
  test: {
    include: ['test/**/*.spec.ts'],
    // The packaging smoke tests pack and install the built package: their own run (.ci/run).
    exclude: [...configDefaults.exclude, 'test/packaging/**'],
    env: { EXPECTED_NEST_MAJOR: '12' },
    pool: 'forks',
    // Vitest's default leaves one of two cores idle, and many files wait on sockets and timers.
    maxWorkers: 4,
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
