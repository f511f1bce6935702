import { Injectable } from '@nestjs/common';

/** Per-user quotas, as a crashed writer left them: truncated JSON. */
const QUOTAS_FILE = '{"default": 256, "alice": 1024';

@Injectable()
export class QuotasService {
  /**
   * Deliberately unguarded: JSON.parse throws a SyntaxError, a bug rather than
   * an HTTP error. No StorageModule handler takes it, so it is wrapped in an
   * InternalServerErrorException and answered by the app's 500 handler.
   */
  all(): Record<string, number> {
    return JSON.parse(QUOTAS_FILE) as Record<string, number>;
  }
}
