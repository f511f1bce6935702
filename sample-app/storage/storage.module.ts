import { Module } from '@nestjs/common';
import { BackendsService } from './backends.service.js';
import { DiskModule } from './disk/disk.module.js';
import { FilesController } from './files.controller.js';
import { MirrorModule } from './mirror/mirror.module.js';
import { QuotasService } from './quotas.service.js';
import { StorageController } from './storage.controller.js';
import { StorageErrorHandlers } from './storage-errors.handlers.js';

/**
 * The feature module ("blueprint"). It imports MirrorModule, so
 * StorageErrorHandlers apply to the mirror's routes too, after the mirror's
 * own handlers (nearest scope first).
 */
@Module({
  imports: [DiskModule, MirrorModule],
  controllers: [FilesController, StorageController],
  providers: [BackendsService, QuotasService, StorageErrorHandlers],
})
export class StorageModule {}
