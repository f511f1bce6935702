import { configDefaults, defineConfig, mergeConfig } from 'vitest/config';
import { nest11Packages } from './test/nest11/nest11-packages.js';
import base from './vitest.config.js';

/**
 * The second run: the same suite on Nest 11 (SPEC section 10). Every package
 * test/nest11/package.json lists is resolved from test/nest11/node_modules
 * instead of the root install, for the suite and for src/ alike; Node resolves
 * what those packages import themselves, so each sees that folder's single
 * @nestjs/common and @nestjs/core (checked by test/nest11/global-setup.ts).
 */
export default mergeConfig(
  base,
  defineConfig({
    plugins: [nest11Packages()],
    test: {
      name: 'nest11',
      // The fuzz test drives the HTTP paths, which are the same code on both versions: once, on Nest 12, keeps the suite fast.
      exclude: [...configDefaults.exclude, 'test/packaging/**', 'test/hardening/fuzz.spec.ts'],
      globalSetup: ['./test/nest11/global-setup.ts'],
      env: { EXPECTED_NEST_MAJOR: '11' },
    },
  }),
);
