import { BadRequestException, ConflictException, GoneException, Injectable, NotFoundException } from '@nestjs/common';
import { LegacyShareCodeError, ShareQuotaExceededError } from './shares.errors.js';

interface Share {
  file: string;
  expiredOn?: string;
}

export interface ShareLink {
  code: string;
  file: string;
  download: string;
}

/** Public share links of the demo account, seeded on each start. */
const SEED: Array<[string, Share]> = [
  ['welcome', { file: 'readme.txt' }],
  ['summer-2023', { file: 'notes.txt', expiredOn: '2023-09-30' }],
];

/** How many share links the demo account may have (expired ones count until removed). */
export const SHARE_LIMIT = 3;

/** Numeric codes of the old link format, and their new names. */
const LEGACY_CODES = new Map([['1042', 'welcome']]);

/** Public share links, in memory (per app instance). */
@Injectable()
export class SharesService {
  private readonly shares = new Map<string, Share>(SEED.map(([code, share]) => [code, { ...share }]));

  find(code: string): ShareLink {
    const renamed = LEGACY_CODES.get(code);
    if (renamed) throw new LegacyShareCodeError(code, renamed);
    const share = this.shares.get(code);
    if (!share) throw new NotFoundException(`no share "${code}"`);
    if (share.expiredOn) throw new GoneException(`share "${code}" expired on ${share.expiredOn}`);
    return link(code, share);
  }

  create(code: string, file: unknown): ShareLink {
    if (typeof file !== 'string' || file === '') throw new BadRequestException('send JSON like {"file": "notes.txt"}');
    if (this.shares.has(code) || LEGACY_CODES.has(code)) throw new ConflictException(`share "${code}" already exists`);
    if (this.shares.size >= SHARE_LIMIT) throw new ShareQuotaExceededError(SHARE_LIMIT);
    const share = { file };
    this.shares.set(code, share);
    return link(code, share);
  }
}

function link(code: string, share: Share): ShareLink {
  return { code, file: share.file, download: `/storage/files/${share.file}` };
}
