import { Injectable, NotFoundException, type ArgumentsHost } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ErrorHandler, ErrorResponse } from 'nestjs-error-handlers';
import { LegacyShareCodeError } from './shares.errors.js';

/**
 * SharesModule's handlers. SharesModule is a sibling of StorageModule (both
 * imported by AppModule, neither imports the other), so StorageModule's
 * handlers never see these routes, and these never see storage routes.
 */
@Injectable()
export class SharesErrorHandlers {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  /**
   * NotFoundException ≡ 404. Nearer than the app-level 404 handler, so a
   * missing share gets this body. An unknown URL under /shares/ does not:
   * no controller was chosen, so only app-level handlers run.
   *
   * One answer, four contexts: the same body is the HTTP 404's JSON, the
   * GraphQL error's `extensions` (with `code: 'NOT_FOUND'` and `status: 404`),
   * the error an RPC client receives, and a WebSocket `exception` event.
   */
  @ErrorHandler(NotFoundException)
  missingShare(error: NotFoundException) {
    return { error: 'share-not-found', message: error.message, hint: 'ask the owner for a new link' };
  }

  /**
   * Over HTTP, writes the response itself, through the HTTP adapter so it
   * works on Express and Fastify alike, and returns nothing: the library then
   * sends nothing more. A redirect is the usual reason to do this.
   * Other contexts have no redirect (`host.getType()` tells which one asked):
   * they get the new code in an answer with the same status.
   */
  @ErrorHandler(LegacyShareCodeError)
  legacyCode(error: LegacyShareCodeError, host: ArgumentsHost): ErrorResponse | void {
    if (host.getType() !== 'http') return new ErrorResponse({ error: 'share-renamed', message: error.message, renamedTo: error.code }, 308);
    const response = host.switchToHttp().getResponse<unknown>();
    this.adapterHost.httpAdapter.redirect(response, 308, `/shares/${error.code}`);
  }
}
