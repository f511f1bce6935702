/**
 * What never leaves the process in an event: credentials in headers, and the
 * values of cookies, query parameters and headers whose names look secret.
 * Pure functions, so the rules can be tested one by one.
 */

export const FILTERED = '[Filtered]';

/** Headers that are credentials by definition: left out of events entirely. */
const ALWAYS_DROPPED_HEADERS = ['authorization', 'proxy-authorization', 'cookie', 'set-cookie'];

/**
 * Name fragments that mark a value as secret. Matching is by substring on the
 * lower-cased name, so `x-api-key`, `access_token` and `connect.sid` all match;
 * erring on the side of hiding a harmless value is the cheaper mistake.
 */
const SECRET_NAME_FRAGMENTS = [
  'pass', // password, passwd, passphrase
  'pwd',
  'secret',
  'token',
  'key', // api_key, x-api-key, apikey
  'auth', // auth, oauth_state, x-auth-token
  'sess', // session, PHPSESSID
  'sid', // connect.sid
  'jwt',
  'bearer',
  'csrf',
  'xsrf',
  'credential',
  'signature',
  'saml',
];

export interface ScrubRules {
  /** Lower-cased header names to leave out. */
  readonly droppedHeaders: ReadonlySet<string>;
  /** Lower-cased name fragments whose values become `[Filtered]`. */
  readonly secretFragments: readonly string[];
}

export function scrubRules(extraHeaders: readonly string[] = [], extraFragments: readonly string[] = []): ScrubRules {
  return {
    droppedHeaders: new Set([...ALWAYS_DROPPED_HEADERS, ...extraHeaders.map((name) => name.toLowerCase())]),
    secretFragments: [...SECRET_NAME_FRAGMENTS, ...extraFragments.map((name) => name.toLowerCase())],
  };
}

export function looksSecret(name: string, rules: ScrubRules): boolean {
  const lower = name.toLowerCase();
  return rules.secretFragments.some((fragment) => lower.includes(fragment));
}

/** Headers with credentials left out and secret-looking values filtered; multi-valued headers joined. */
export function scrubHeaders(headers: Record<string, unknown>, rules: ScrubRules): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (value === undefined || rules.droppedHeaders.has(lower)) continue;
    result[lower] = looksSecret(lower, rules) ? FILTERED : headerValue(value);
  }
  return result;
}

/** Name/value pairs (query parameters, cookies) with secret-looking values filtered. */
export function scrubPairs(pairs: ReadonlyArray<readonly [string, string]>, rules: ScrubRules): Array<[string, string]> {
  return pairs.map(([name, value]) => [name, looksSecret(name, rules) ? FILTERED : value]);
}

/** `a=1; b=2` → pairs; a malformed pair is kept undecoded rather than dropped. */
export function parseCookieHeader(header: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator <= 0) continue;
    const name = part.slice(0, separator).trim();
    if (name) pairs.push([name, safeDecode(part.slice(separator + 1).trim())]);
  }
  return pairs;
}

function headerValue(value: unknown): string {
  return Array.isArray(value) ? value.map(String).join(', ') : String(value);
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** `name=value` pairs after `?` or `&`: a query string, wherever it appears in a text. */
const QUERY_PAIR = /([?&])([^=&#\s?]+)=([^&#\s]*)/g;

/**
 * A text with the values of secret-looking query parameters filtered, by the
 * rules of `query_string`: a URL quoted in an exception message (Nest's
 * `Cannot GET /x?token=…`), a Referer header, a breadcrumb.
 */
export function scrubQueryText(text: string, rules: ScrubRules): string {
  if (!text.includes('=')) return text;
  return text.replace(QUERY_PAIR, (pair: string, separator: string, name: string) =>
    looksSecret(safeDecode(name), rules) ? `${separator}${name}=${FILTERED}` : pair,
  );
}

/** How deep `scrubValue` looks into nested data; deeper values are dropped, not sent unscrubbed. */
const MAX_SCRUB_DEPTH = 5;

/**
 * Structured data (an event context): values under secret-looking keys
 * filtered, texts scrubbed as URLs. Returns a copy; cycles and excess depth
 * end as `[Filtered]`.
 */
export function scrubValue(value: unknown, rules: ScrubRules, depth = 0): unknown {
  if (typeof value === 'string') return scrubQueryText(value, rules);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_SCRUB_DEPTH) return FILTERED;
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, rules, depth + 1));
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) result[key] = looksSecret(key, rules) ? FILTERED : scrubValue(item, rules, depth + 1);
  return result;
}
