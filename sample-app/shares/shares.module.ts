import { Injectable, Module } from '@nestjs/common';
import { ErrorHandlerRegistry } from 'nestjs-error-handlers';
import { shareQuotaExceeded } from './share-quota.handler.js';
import { SharesController } from './shares.controller.js';
import { SharesErrorHandlers } from './shares-errors.handlers.js';
import { ShareQuotaExceededError } from './shares.errors.js';
import { SharesGateway } from './shares.gateway.js';
import { SharesMessagesController } from './shares-messages.controller.js';
import { SharesResolver } from './shares.resolver.js';
import { SharesService } from './shares.service.js';

/**
 * Registers SharesModule's handler for ShareQuotaExceededError without a
 * decorator: `register()` from a provider's constructor, the way a library
 * module would bring its own handlers. `scope: SharesModule` places it exactly
 * where a decorated method of a SharesModule provider would be: SharesModule's
 * routes (and those of modules it imports), before the app-level handlers.
 * Registrations made during bootstrap are queued until the scopes are known.
 */
@Injectable()
export class SharesHandlerRegistration {
  constructor(registry: ErrorHandlerRegistry) {
    registry.register(ShareQuotaExceededError, shareQuotaExceeded, { scope: SharesModule });
  }
}

/**
 * Public share links, in every Nest context: HTTP (SharesController),
 * GraphQL (SharesResolver), WebSockets (SharesGateway) and RPC
 * (SharesMessagesController). SharesErrorHandlers answer all four.
 * Deliberately independent of StorageModule: importing it would make
 * SharesModule an importer, and then SharesErrorHandlers would apply to
 * storage routes too.
 */
@Module({
  controllers: [SharesController, SharesMessagesController],
  providers: [SharesService, SharesResolver, SharesGateway, SharesErrorHandlers, SharesHandlerRegistration],
})
export class SharesModule {}
