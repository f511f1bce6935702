import { MessageBody, SubscribeMessage, WebSocketGateway, WsException, type WsResponse } from '@nestjs/websockets';
import { SHARE_MESSAGE_HINT, shareCodeOf } from './share-code.js';
import { SharesService, type ShareLink } from './shares.service.js';

/**
 * WebSockets (socket.io, on the app's own HTTP server): emit `share` with
 * `{ "code": "welcome" }`, get `share` back. Nest gives gateways none of the
 * app's global filters; ErrorHandlersModule binds SharesModule's handlers to
 * it anyway, and their answer arrives as Nest's `exception` event.
 */
@WebSocketGateway()
export class SharesGateway {
  constructor(private readonly shares: SharesService) {}

  @SubscribeMessage('share')
  find(@MessageBody() payload: unknown): WsResponse<ShareLink> {
    const code = shareCodeOf(payload);
    // WebSockets' own deliberate answer: Nest's exception event says it as it is, nothing is reported.
    if (code === undefined) throw new WsException(SHARE_MESSAGE_HINT);
    return { event: 'share', data: this.shares.find(code) };
  }
}
