import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InsufficientStorage } from '../storage.errors.js';

export interface StoredFile {
  name: string;
  content: string;
  readOnly: boolean;
}

export interface DiskUsage {
  capacity: number;
  used: number;
  free: number;
}

/** Tiny on purpose, so that "the disk is full" is one curl away. */
export const DISK_CAPACITY = 256;

const SEED: StoredFile[] = [
  { name: 'readme.txt', content: 'Welcome to the demo disk. It holds 256 bytes in memory.\n', readOnly: true },
  {
    name: 'notes.txt',
    content: 'Errors are answered by the nearest handler: controller, then module, then the modules importing it, then the app module.\n',
    readOnly: false,
  },
];

/** A fake disk kept in memory, so the sample needs no external service. */
@Injectable()
export class DiskService {
  private readonly files = new Map(SEED.map((file) => [file.name, { ...file }]));

  list(): StoredFile[] {
    return [...this.files.values()];
  }

  read(name: string): StoredFile {
    const file = this.files.get(name);
    if (!file) throw new NotFoundException(`no file "${name}"`);
    return file;
  }

  write(name: string, content: string): StoredFile {
    const existing = this.files.get(name);
    if (existing?.readOnly) throw new ForbiddenException(`"${name}" is read-only`);
    // Overwriting a file frees its old bytes first.
    this.ensureFree(size(content) - (existing ? size(existing.content) : 0), `writing "${name}"`);
    const file = { name, content, readOnly: false };
    this.files.set(name, file);
    return file;
  }

  remove(name: string): void {
    if (this.read(name).readOnly) throw new ForbiddenException(`"${name}" is read-only`);
    this.files.delete(name);
  }

  /** Throws the 507 that the sample's handlers are about. */
  ensureFree(bytes: number, what: string): void {
    const free = DISK_CAPACITY - this.used();
    if (bytes > free) throw new InsufficientStorage(`${what} needs ${bytes} bytes, ${free} free`);
  }

  /** Async like a real `statfs()`: the 507 handler awaits it. */
  async usage(): Promise<DiskUsage> {
    const used = this.used();
    return { capacity: DISK_CAPACITY, used, free: DISK_CAPACITY - used };
  }

  private used(): number {
    let total = 0;
    for (const file of this.files.values()) total += size(file.content);
    return total;
  }
}

export function size(content: string): number {
  return Buffer.byteLength(content, 'utf8');
}
