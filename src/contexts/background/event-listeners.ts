import type { BackgroundFailure, BackgroundSite, SiteOwner } from './background-site.interface.js';
import { nameOf, nestTags, whereOf } from './background-facts.js';
import { EVENT_LISTENER_METADATA } from './background.constants.js';
import { eventListenerSummary } from './background.messages.js';

/**
 * `@OnEvent` (@nestjs/event-emitter) on `method`. The package calls the
 * listener from its own async try/catch: by default (`suppressErrors`) it logs
 * the error and resolves; with `suppressErrors: false` it rejects, which
 * `emitAsync` passes to its caller and `emit` leaves unhandled. The wrapper
 * rethrows the same error, so each of these stays as it was.
 */
export function eventSite(method: Function, owner: SiteOwner): BackgroundSite | undefined {
  const metadata: unknown = Reflect.getMetadata(EVENT_LISTENER_METADATA, method);
  if (!metadata) return undefined;
  const listeners = (Array.isArray(metadata) ? metadata : [metadata]) as Array<{ event?: unknown }>;
  // One method may listen to several events; the wrapper cannot tell which one fired.
  const name = listeners.map((listener) => nameOf(listener.event)).join(', ');
  const site: BackgroundSite = Object.freeze({
    kind: 'event' as const,
    ...owner,
    name,
    isFailure: () => true,
    describe: ({ instance }: BackgroundFailure) => ({
      summary: eventListenerSummary(name, whereOf(site, instance)),
      facts: {
        tags: { 'event.name': name, ...nestTags(site, instance) },
        contexts: { event: { name } },
        transaction: `event ${name}`,
      },
    }),
  });
  return site;
}
