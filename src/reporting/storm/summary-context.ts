import type { ErrorContextFacts, ErrorReportContext } from '../error-reporter.js';
import type { Fingerprint, FingerprintSnapshot } from './fingerprints.js';

/**
 * What a summary says about its fingerprint, taken from an earlier report of
 * it: the context without its host, the facts without their request. A
 * summary is sent later, when that request is long gone.
 */
export function snapshotOf(built: ErrorReportContext): FingerprintSnapshot {
  const { host: _host, facts: _facts, occurrences: _occurrences, summary: _summary, ...rest } = built;
  return rest;
}

/** The facts of a report without its request: what later summaries of the fingerprint carry. */
function withoutRequest(facts: ErrorContextFacts): ErrorContextFacts {
  return { tags: facts.tags, contexts: facts.contexts, transaction: facts.transaction };
}

export function readFacts(built: ErrorReportContext): ErrorContextFacts | undefined {
  try {
    const facts = built.facts?.();
    return facts && withoutRequest(facts);
  } catch {
    return undefined;
  }
}

/** The reporter reads the facts when it builds the event; the fingerprint keeps a copy for its summaries. */
export function keepingFacts(fingerprint: Fingerprint, read: ErrorReportContext['facts']): ErrorReportContext['facts'] {
  if (!read) return undefined;
  return () => {
    const facts = read();
    fingerprint.facts = withoutRequest(facts);
    return facts;
  };
}
