import { Module } from '@nestjs/common';
import { DiskModule } from '../disk/disk.module.js';
import { MirrorController } from './mirror.controller.js';
import { MirrorErrorHandlers } from './mirror-errors.handlers.js';
import { MirrorService } from './mirror.service.js';

/** Nested in StorageModule (imported by it): StorageModule's handlers apply here, after these. */
@Module({
  imports: [DiskModule],
  controllers: [MirrorController],
  providers: [MirrorService, MirrorErrorHandlers],
})
export class MirrorModule {}
