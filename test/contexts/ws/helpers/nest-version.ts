import corePackage from '@nestjs/core/package.json' with { type: 'json' };

/** The major version of the Nest this run loaded (12, or 11 in the Nest 11 run). */
export const NEST_MAJOR = Number(corePackage.version.split('.')[0]);

/**
 * Whether Nest's own WS filter puts its answer on the wire for a ws client:
 * Nest 12 `send`s it; Nest 11 only `emit`s it on the server-side socket
 * (the test gateways relay it, fixtures/relaying.gateway.ts).
 */
export const NEST_SENDS_TO_WS = NEST_MAJOR >= 12;
