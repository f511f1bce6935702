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

/**
 * The demo account has used all its share links. A domain error, not an HTTP
 * one: SharesModule turns it into a response with a handler it registers
 * through `ErrorHandlerRegistry.register()` (see shares.module.ts).
 */
export class ShareQuotaExceededError extends Error {
  override name = 'ShareQuotaExceededError';

  constructor(readonly limit: number) {
    super(`the demo account may have ${limit} share links and has ${limit}`);
  }
}
