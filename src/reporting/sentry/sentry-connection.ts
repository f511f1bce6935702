import type { LoggerService } from '@nestjs/common';
import type { NodeClient, Scope } from '@sentry/node';
import { createModuleClient } from './module-client.js';
import { loadSentrySdk, sentryLoadedByApp } from './sentry-sdk.js';
import { MODULE_ONLY_SENTRY_KEYS, type SentryModuleOptions } from './sentry-options.interface.js';
import type { SentryOutage } from './sentry-outage.js';
import { reusingAppClientMessage } from './sentry.messages.js';

export type SentryClient = Pick<NodeClient, 'getDsn' | 'getOptions' | 'flush' | 'close' | 'on'>;

/** The client the module reports through, and whose it is. */
export interface SentryConnection {
  readonly client: SentryClient | undefined;
  /** True when the module created the client, and so closes it on shutdown. */
  readonly owned: boolean;
  /** The scope the module's events start from; undefined when Sentry is not in use. */
  scope(): Scope | undefined;
}

/** Reporting nowhere, without having loaded the SDK. */
export const NO_SENTRY: SentryConnection = { client: undefined, owned: false, scope: () => undefined };

/**
 * SPEC section 6: if the app initialised Sentry (`instrument.ts`), reuse its
 * client, so there is one client, one configuration and per-request scope
 * data; else, with a DSN, create the module's own; else report nowhere.
 */
export async function connectSentry(options: SentryModuleOptions, outage: SentryOutage, logger: LoggerService | undefined): Promise<SentryConnection> {
  if (!options.dsn && !sentryLoadedByApp()) return NO_SENTRY;
  const sdk = await loadSentrySdk();
  const appClient = sdk.getClient();
  if (appClient) {
    if (hasInitOptions(options)) logger?.log(reusingAppClientMessage());
    // The current scope at report time: inside a request, the one Sentry's instrumentation made for it.
    return { client: appClient, owned: false, scope: () => sdk.getCurrentScope() };
  }
  if (!options.dsn) return NO_SENTRY;
  const { client, scope } = createModuleClient(sdk, options, outage);
  return { client, owned: true, scope: () => scope };
}

/** A client that would send: it has a DSN and was not disabled or closed. */
export function isSending(client: SentryClient | undefined): client is SentryClient {
  return client !== undefined && client.getDsn() !== undefined && client.getOptions().enabled !== false;
}

function hasInitOptions(options: SentryModuleOptions): boolean {
  return Object.keys(options).some((key) => !(MODULE_ONLY_SENTRY_KEYS as readonly string[]).includes(key));
}
