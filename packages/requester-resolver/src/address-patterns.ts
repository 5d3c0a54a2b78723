import { addressKey } from '@mailroom/headers';
import type { AddressPattern } from './types.js';

/** Longest pattern accepted, in characters (an address is at most 320 octets per RFC 5321 + RFC 3696). */
export const MAX_PATTERN_LENGTH = 320;
/** Most patterns accepted in one list (system, partner or agent addresses). */
export const MAX_PATTERNS = 10_000;

interface CompiledPattern {
  readonly source: string;
  /** Exact local part, or null when the local part has a `*`. */
  readonly local: string | null;
  readonly localPrefix: string;
  readonly localSuffix: string;
  /** ASCII lower-case domain, or the suffix after `*.` when `anySubdomain`. */
  readonly domain: string;
  readonly anySubdomain: boolean;
}

/**
 * Why a string cannot be used as an {@link AddressPattern} (system, partner, agent addresses), or null when it can.
 *
 * @example
 * addressPatternProblem('*@*.zendesk.com'); // null
 * addressPatternProblem('a*b*@x.example'); // 'must be an address (...) or a local part with one `*`'
 */
export function addressPatternProblem(pattern: string): string | null {
  if (typeof pattern !== 'string') return 'must be a string';
  if (pattern.length === 0) return 'must not be empty';
  if (pattern.length > MAX_PATTERN_LENGTH) return `must be at most ${MAX_PATTERN_LENGTH} characters`;
  return compile(pattern) === null
    ? 'must be an address (`a@b.example`), `*@b.example`, `*@*.b.example`, or a local part with one `*`'
    : null;
}

function compile(pattern: string): CompiledPattern | null {
  const trimmed = pattern.trim();
  const at = trimmed.lastIndexOf('@');
  if (at <= 0 || at === trimmed.length - 1) return null;
  const localRaw = trimmed.slice(0, at).toLowerCase();
  let domainRaw = trimmed.slice(at + 1);
  const anySubdomain = domainRaw.startsWith('*.');
  if (anySubdomain) domainRaw = domainRaw.slice(2);
  if (domainRaw.includes('*')) return null;
  const star = localRaw.indexOf('*');
  if (star !== -1 && localRaw.indexOf('*', star + 1) !== -1) return null;
  // Let addressKey canonicalise the domain (case, IDN to ASCII) exactly as it does for the addresses compared.
  const key = addressKey(`x@${domainRaw}`);
  if (key === null) return null;
  const domain = key.slice(key.lastIndexOf('@') + 1);
  if (star === -1) {
    const exact = addressKey(`${localRaw}@${domainRaw}`);
    if (exact === null) return null;
    return {
      source: pattern,
      local: exact.slice(0, exact.lastIndexOf('@')),
      localPrefix: '',
      localSuffix: '',
      domain,
      anySubdomain,
    };
  }
  return {
    source: pattern,
    local: null,
    localPrefix: localRaw.slice(0, star),
    localSuffix: localRaw.slice(star + 1),
    domain,
    anySubdomain,
  };
}

/**
 * A compiled list of {@link AddressPattern}s: exact addresses in a hash set, wildcard patterns checked one by one
 * with prefix/suffix comparisons only (linear in the address length, no regular expression).
 */
export class AddressMatcher {
  readonly #exact = new Set<string>();
  readonly #wild: CompiledPattern[] = [];

  /** Throws a TypeError naming the bad pattern (a programmer error: validate JSON with parseResolverContext). */
  constructor(patterns: readonly AddressPattern[], what: string) {
    if (patterns.length > MAX_PATTERNS) {
      throw new TypeError(`${what}: at most ${MAX_PATTERNS} patterns are accepted, got ${patterns.length}`);
    }
    for (const p of patterns) {
      const problem = addressPatternProblem(p);
      const c = problem === null ? compile(p) : null;
      if (c === null) throw new TypeError(`${what}: pattern ${JSON.stringify(p)} ${problem ?? 'is invalid'}`);
      if (c.local !== null && !c.anySubdomain) this.#exact.add(`${c.local}@${c.domain}`);
      else this.#wild.push(c);
    }
  }

  /** The first pattern matching this address key (from `addressKey`), or null. */
  match(key: string): string | null {
    if (this.#exact.has(key)) return key;
    if (this.#wild.length === 0) return null;
    const at = key.lastIndexOf('@');
    if (at <= 0) return null;
    const local = key.slice(0, at);
    const domain = key.slice(at + 1);
    for (const p of this.#wild) {
      if (p.anySubdomain) {
        if (!(domain.length > p.domain.length + 1 && domain.endsWith(`.${p.domain}`))) continue;
      } else if (domain !== p.domain) continue;
      if (p.local !== null) {
        if (local === p.local) return p.source;
        continue;
      }
      if (
        local.length >= p.localPrefix.length + p.localSuffix.length &&
        local.startsWith(p.localPrefix) &&
        local.endsWith(p.localSuffix)
      ) {
        return p.source;
      }
    }
    return null;
  }
}
