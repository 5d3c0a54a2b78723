import { addressKey } from '@mailroom/headers';

/** Longest pattern or address compared; longer ones never match (keeps matching bounded). */
const MAX_COMPARED_LENGTH = 512;

/** The comparison key of an address (headers' `addressKey`), or its trimmed lower-case form when not parseable. */
export function keyOf(address: string): string {
  return addressKey(address) ?? address.trim().toLowerCase();
}

/** The lower-case ASCII domain of an address, or `null` when it has none. */
export function domainOf(address: string): string | null {
  const key = addressKey(address);
  if (key === null) return null;
  return key.slice(key.lastIndexOf('@') + 1);
}

/** Lower-case ASCII form of a domain name (through the address key of `x@domain`), or `null`. */
export function normalizeDomain(domain: string): string | null {
  const key = addressKey(`x@${domain.trim().replace(/\.$/, '')}`);
  return key === null ? null : key.slice(2);
}

/**
 * Glob match where `*` stands for any run of characters, case-insensitive. Iterative with a single backtrack
 * point, so it runs in O(pattern × text) at worst and never uses a regular expression built from input.
 */
export function globMatches(pattern: string, text: string): boolean {
  if (pattern.length > MAX_COMPARED_LENGTH || text.length > MAX_COMPARED_LENGTH) return false;
  const p = pattern.toLowerCase();
  const t = text.toLowerCase();
  let pi = 0;
  let ti = 0;
  let star = -1;
  let mark = 0;
  while (ti < t.length) {
    if (pi < p.length && p[pi] !== '*' && p[pi] === t[ti]) {
      pi++;
      ti++;
    } else if (pi < p.length && p[pi] === '*') {
      star = pi++;
      mark = ti;
    } else if (star >= 0) {
      pi = star + 1;
      ti = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}

/** The first pattern an address matches (compared on its address key), or `null`. */
export function matchingPattern(address: string, patterns: readonly string[]): string | null {
  const key = keyOf(address);
  for (const pattern of patterns) {
    if (globMatches(keyOf(pattern), key) || globMatches(pattern.trim(), key)) return pattern;
  }
  return null;
}

/** A set of address keys built from a list, for membership tests. */
export function keySet(addresses: readonly string[] | undefined): ReadonlySet<string> {
  const out = new Set<string>();
  for (const a of addresses ?? []) if (typeof a === 'string') out.add(keyOf(a));
  return out;
}
