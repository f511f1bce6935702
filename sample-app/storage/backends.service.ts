import { Injectable, NotFoundException } from '@nestjs/common';
import { ConnectionRefusedError, ConnectionTimeoutError } from './storage.errors.js';

/**
 * Remote backends the disk could offload to. Faked with fixed states, so each
 * failure mode is reproducible without a network.
 */
@Injectable()
export class BackendsService {
  ping(name: string): { backend: string; status: 'up'; latencyMs: number } {
    switch (name) {
      case 'local':
        return { backend: 'local', status: 'up', latencyMs: 0 };
      case 's3':
        throw new ConnectionRefusedError('s3.example.internal:443 refused the connection');
      case 'archive':
        throw new ConnectionTimeoutError('archive.example.internal:443 did not answer within 2000 ms');
      default:
        throw new NotFoundException(`no backend "${name}"`);
    }
  }
}
