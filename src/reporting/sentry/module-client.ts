import os from 'node:os';
import type { NodeClient, NodeOptions, Scope } from '@sentry/node';
import type { SentrySdk } from './sentry-sdk.js';
import type { SentryModuleOptions } from './sentry-options.interface.js';
import type { SentryOutage } from './sentry-outage.js';
import { moduleTransport } from './envelope-sender.js';
import { boundedHttpModule, watchedTransport } from './sentry-transport.js';

type Integration = Exclude<NodeOptions['defaultIntegrations'], false | undefined>[number];

const DEFAULT_SEND_TIMEOUT_MS = 5_000;

/**
 * The client the module creates when the app did not initialise Sentry.
 *
 * Not `Sentry.init()`: that installs the SDK's default integrations, which
 * instrument every incoming HTTP request (isolation scopes, sessions), patch
 * globals and register process handlers, and it makes its client the
 * process-wide one. SPEC section 9 forbids the first; the rest would let two
 * apps in one process (tests) overwrite each other. So the module builds a
 * `NodeClient` of its own, on a scope of its own, with integrations that only
 * enrich error events, and with the SDK's module-load hooks off. Apps that
 * want tracing or `Sentry.*` calls initialise Sentry in `instrument.ts`, and
 * the module reuses that client instead.
 */
export function createModuleClient(sdk: SentrySdk, options: SentryModuleOptions, outage: SentryOutage): { client: NodeClient; scope: Scope } {
  // The module's own keys stay here; the ones resolved below are replaced; the rest go to the SDK as given.
  const { scrubHeaders: _h, scrubFields: _f, sendTimeout, defaultIntegrations, integrations, transport, transportOptions, stackParser, initialScope, ...init } =
    options;
  const client = new sdk.NodeClient({
    ...init,
    environment: init.environment ?? process.env.SENTRY_ENVIRONMENT,
    release: init.release ?? sdk.getSentryRelease(),
    enableRuntimeChannelInjection: init.enableRuntimeChannelInjection ?? false,
    sendClientReports: init.sendClientReports ?? true,
    integrations: resolveIntegrations(sdk, defaultIntegrations, integrations),
    stackParser: typeof stackParser === 'function' ? stackParser : sdk.defaultStackParser,
    transport: watchedTransport(transport ?? moduleTransport(sdk, sendTimeout ?? DEFAULT_SEND_TIMEOUT_MS, transportOptions), outage),
    // A custom transport keeps its own ways; the SDK's (used behind a proxy) gets the deadline through its http module.
    transportOptions: transport
      ? transportOptions
      : { ...transportOptions, httpModule: transportOptions?.httpModule ?? boundedHttpModule(sendTimeout ?? DEFAULT_SEND_TIMEOUT_MS) },
  });
  const scope = new sdk.Scope();
  scope.setClient(client);
  if (defaultIntegrations === undefined) setStaticContexts(scope);
  if (initialScope) scope.update(initialScope);
  client.init();
  return { client, scope };
}

/**
 * Integrations that only work on error events as they are built: no patching,
 * no listeners. Not nodeContextIntegration: it reads memory statistics on
 * every event (~250 µs each, measured by `npm run bench`); the runtime and OS
 * contexts are set once on the scope instead (see staticContexts).
 */
function moduleDefaultIntegrations(sdk: SentrySdk): Integration[] {
  return [sdk.eventFiltersIntegration(), sdk.linkedErrorsIntegration(), sdk.systemErrorIntegration(), sdk.contextLinesIntegration()];
}

/** What does not change while the process lives, read once. */
function setStaticContexts(scope: Scope): void {
  scope.setContext('runtime', { name: 'node', version: process.version });
  scope.setContext('os', { name: os.type(), version: os.release() });
  scope.setContext('app', { app_start_time: new Date(Date.now() - process.uptime() * 1000).toISOString() });
}

/** `defaultIntegrations` and `integrations` mean what they mean to `Sentry.init()`; the later of two same-named wins. */
function resolveIntegrations(sdk: SentrySdk, defaults: NodeOptions['defaultIntegrations'], integrations: NodeOptions['integrations']): Integration[] {
  const base = defaults === false ? [] : (defaults ?? moduleDefaultIntegrations(sdk));
  const chosen = typeof integrations === 'function' ? integrations(base) : [...base, ...(integrations ?? [])];
  return [...new Map(chosen.map((integration) => [integration.name, integration])).values()];
}
