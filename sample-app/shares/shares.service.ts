import { GoneException, Injectable, NotFoundException } from '@nestjs/common';
import { LegacyShareCodeError } from './shares.errors.js';

interface Share {
  file: string;
  expiredOn?: string;
}

/** Public share links, in memory. */
const SHARES = new Map<string, Share>([
  ['welcome', { file: 'readme.txt' }],
  ['summer-2023', { file: 'notes.txt', expiredOn: '2023-09-30' }],
]);

/** Numeric codes of the old link format, and their new names. */
const LEGACY_CODES = new Map([['1042', 'welcome']]);

@Injectable()
export class SharesService {
  find(code: string): { code: string; file: string; download: string } {
    const renamed = LEGACY_CODES.get(code);
    if (renamed) throw new LegacyShareCodeError(code, renamed);
    const share = SHARES.get(code);
    if (!share) throw new NotFoundException(`no share "${code}"`);
    if (share.expiredOn) throw new GoneException(`share "${code}" expired on ${share.expiredOn}`);
    return { code, file: share.file, download: `/storage/files/${share.file}` };
  }
}
