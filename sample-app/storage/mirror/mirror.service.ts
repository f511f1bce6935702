import { ConflictException, Injectable } from '@nestjs/common';
import { DiskService } from '../disk/disk.service.js';
import { ConnectionRefusedError } from '../storage.errors.js';

/** Bytes waiting on the mirror: more than the demo disk can ever hold. */
const PENDING_ON_MIRROR = 4096;

/** A remote mirror of the disk, faked: it is down, a push never ends, and a pull never fits. */
@Injectable()
export class MirrorService {
  constructor(private readonly disk: DiskService) {}

  status(): never {
    throw new ConnectionRefusedError('mirror.example.internal:873 refused the connection');
  }

  pull(): { pulledBytes: number } {
    this.disk.ensureFree(PENDING_ON_MIRROR, 'pulling from the mirror');
    return { pulledBytes: PENDING_ON_MIRROR };
  }

  push(): never {
    throw new ConflictException('a push to the mirror is already running');
  }
}
