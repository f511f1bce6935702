import { Module } from '@nestjs/common';
import { DiskService } from './disk.service.js';

/**
 * The fake disk, shared by StorageModule and the MirrorModule it imports
 * (MirrorModule cannot import StorageModule back). It has no controllers,
 * so being imported by them gives no handler anything to do here.
 */
@Module({ providers: [DiskService], exports: [DiskService] })
export class DiskModule {}
