import { Module } from '@nestjs/common';
import { SharesController } from './shares.controller.js';
import { SharesErrorHandlers } from './shares-errors.handlers.js';
import { SharesService } from './shares.service.js';

/**
 * Public share links. Deliberately independent of StorageModule: importing
 * it would make SharesModule an importer, and then SharesErrorHandlers
 * would apply to storage routes too.
 */
@Module({
  controllers: [SharesController],
  providers: [SharesService, SharesErrorHandlers],
})
export class SharesModule {}
