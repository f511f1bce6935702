import { describe, expect, it } from 'vitest';
import { FILTERED, looksSecret, parseCookieHeader, scrubHeaders, scrubPairs, scrubRules } from '../../src/reporting/sentry/scrub.js';

describe('scrubbing, rule by rule', () => {
  const rules = scrubRules(['X-Internal'], ['IBAN']);

  it('leaves out credential headers and configured ones, whatever their case', () => {
    const headers = {
      authorization: 'Bearer a',
      'Proxy-Authorization': 'Basic b',
      cookie: 'c=1',
      'set-cookie': ['d=2'],
      'x-internal': 'e',
      accept: 'application/json',
    };
    expect(scrubHeaders(headers, rules)).toEqual({ accept: 'application/json' });
  });

  it('filters the values of secret-looking headers and joins multi-valued ones', () => {
    expect(scrubHeaders({ 'x-api-key': 'k', 'x-auth-token': 't', 'x-forwarded-for': ['1.1.1.1', '2.2.2.2'], skipped: undefined }, rules)).toEqual({
      'x-api-key': FILTERED,
      'x-auth-token': FILTERED,
      'x-forwarded-for': '1.1.1.1, 2.2.2.2',
    });
  });

  it.each(['password', 'new_password', 'passwd', 'pwd', 'client_secret', 'access_token', 'api_key', 'apiKey', 'auth', 'oauth_state', 'session', 'PHPSESSID', 'connect.sid', 'jwt', 'csrf_token', 'X-XSRF-TOKEN', 'credentials', 'signature', 'iban'])(
    '%s looks secret',
    (name) => expect(looksSecret(name, rules)).toBe(true),
  );

  it.each(['q', 'page', 'sort', 'theme', 'lang', 'user_id', 'x-request-id'])('%s does not', (name) => {
    expect(looksSecret(name, rules)).toBe(false);
  });

  it('filters pairs by name and keeps their order and repeats', () => {
    expect(scrubPairs([['q', 'a'], ['token', 't'], ['q', 'b']], rules)).toEqual([['q', 'a'], ['token', FILTERED], ['q', 'b']]);
  });

  it('parses a cookie header, decoding values and tolerating malformed parts', () => {
    expect(parseCookieHeader('theme=dark; name=Ada%20L; broken; =nameless; bad=%E0%A4%A; eq=a=b')).toEqual([
      ['theme', 'dark'],
      ['name', 'Ada L'],
      ['bad', '%E0%A4%A'],
      ['eq', 'a=b'],
    ]);
  });
});
