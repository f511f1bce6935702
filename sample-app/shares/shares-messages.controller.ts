import { Controller } from '@nestjs/common';
import { MessagePattern, Payload, RpcException } from '@nestjs/microservices';
import { SHARE_MESSAGE_HINT, shareCodeOf } from './share-code.js';
import { SharesService, type ShareLink } from './shares.service.js';

/**
 * RPC: the message `{ cmd: 'share' }` with `{ "code": "welcome" }`, over the
 * TCP microservice main.ts connects (a hybrid app). A microservice controller
 * of SharesModule, so SharesErrorHandlers answer its errors: the client
 * receives the handler's body as the error.
 */
@Controller()
export class SharesMessagesController {
  constructor(private readonly shares: SharesService) {}

  @MessagePattern({ cmd: 'share' })
  find(@Payload() payload: unknown): ShareLink {
    const code = shareCodeOf(payload);
    // RPC's own deliberate answer: the client receives it as Nest sends it, nothing is reported.
    if (code === undefined) throw new RpcException(SHARE_MESSAGE_HINT);
    return this.shares.find(code);
  }
}
