import corePackage from '@nestjs/core/package.json' with { type: 'json' };

/**
 * The major version of the Nest this run loaded: 12 in `vitest.config.ts`,
 * 11 in `vitest.nest11.config.ts`. Tests where Nest 11 legitimately answers
 * otherwise branch on it, citing the Nest difference.
 */
export const NEST_MAJOR = Number(corePackage.version.split('.')[0]);
