/**
 * Links from before the migration to named codes (`/shares/1042`). Not an
 * HTTP error: like werkzeug's RequestRedirect, it is control flow that
 * SharesModule's handler turns into a redirect.
 */
export class LegacyShareCodeError extends Error {
  override name = 'LegacyShareCodeError';

  constructor(
    readonly legacyCode: string,
    readonly code: string,
  ) {
    super(`share ${legacyCode} is now "${code}"`);
  }
}
