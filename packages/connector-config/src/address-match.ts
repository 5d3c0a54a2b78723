import { addressKey } from '@mailroom/headers';

/** Longest pattern or address compared; longer ones never match (keeps matching bounded). */
const MAX_COMPARED_LENGTH = 512;

// A plain ASCII dot-atom address: its key is its lower-case form, so the IDNA-capable parser can be skipped (large
// user lists in the context are keyed thousands of times per validation). Linear: labels cannot contain the dot.
const PLAIN_ASCII_ADDRESS =
  /^[A-Za-z0-9_+-]{1,64}(?:\.[A-Za-z0-9_+-]{1,64}){0,8}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}$/;

/**
 * The comparison key of an address (headers' `addressKey`), or its trimmed lower-case form when not parseable.
 *
 * @example
 * keyOf('Support@Contoso.com'); // 'support@contoso.com'
 */
export function keyOf(address: string): string {
  if (PLAIN_ASCII_ADDRESS.test(address)) return address.toLowerCase();
  return addressKey(address) ?? address.trim().toLowerCase();
}

/**
 * The lower-case ASCII domain of an address, or `null` when it has none.
 *
 * @example
 * domainOf('help@Fabrikam.com'); // 'fabrikam.com'
 */
export function domainOf(address: string): string | null {
  const key = PLAIN_ASCII_ADDRESS.test(address) ? address.toLowerCase() : addressKey(address);
  if (key === null) return null;
  return key.slice(key.lastIndexOf('@') + 1);
}

/**
 * Lower-case ASCII form of a domain name (through the address key of `x@domain`), or `null`.
 *
 * @example
 * normalizeDomain('Contoso.COM.'); // 'contoso.com'
 */
export function normalizeDomain(domain: string): string | null {
  const key = addressKey(`x@${domain.trim().replace(/\.$/, '')}`);
  return key === null ? null : key.slice(2);
}

/**
 * Glob match where `*` stands for any run of characters, case-insensitive. Iterative with a single backtrack
 * point, so it runs in O(pattern × text) at worst and never uses a regular expression built from input.
 *
 * @example
 * globMatches('*@*.zendesk.com', 'support@acme.zendesk.com'); // true
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

/** An address pattern with its normalised forms, prepared once per validation. */
export interface AddressPattern {
  readonly source: string;
  readonly forms: readonly string[];
}

/**
 * Prepares patterns for {@link matchingPattern}: the pattern as written and its address key.
 *
 * @example
 * preparePatterns(['*@*.zendesk.com'])[0]?.source; // '*@*.zendesk.com'
 */
export function preparePatterns(patterns: readonly string[]): AddressPattern[] {
  return patterns.map((source) => ({ source, forms: [...new Set([source.trim(), keyOf(source)])] }));
}

/**
 * The first pattern an address matches (compared on its address key), or `null`.
 *
 * @example
 * matchingPattern('noreply@atera.com', preparePatterns(['noreply@atera.com'])); // 'noreply@atera.com'
 */
export function matchingPattern(address: string, patterns: readonly AddressPattern[]): string | null {
  const key = keyOf(address);
  for (const pattern of patterns) {
    if (pattern.forms.some((form) => globMatches(form, key))) return pattern.source;
  }
  return null;
}

/**
 * A set of address keys built from a list, for membership tests.
 *
 * @example
 * keySet(['Jane@Contoso.com']).has('jane@contoso.com'); // true
 */
export function keySet(addresses: readonly string[] | undefined): ReadonlySet<string> {
  const out = new Set<string>();
  for (const a of addresses ?? []) if (typeof a === 'string') out.add(keyOf(a));
  return out;
}
