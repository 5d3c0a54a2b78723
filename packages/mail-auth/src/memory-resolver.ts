import type { DnsAnswer, DnsResolver, MxRecord, RecordsByType, RRType } from './dns-resolver.js';

/** A simulated failure in a {@link DnsZone}. `hang` returns a promise that never settles (a broken resolver). */
export type ZoneFailure = 'timeout' | 'servfail' | 'refused' | 'hang';

/** The records at one name of a {@link DnsZone}. A type with an empty list answers "no data". */
export interface ZoneEntry {
  /** TXT records: a string, or a list of character-strings of ONE record (joined with no separator). */
  readonly TXT?: readonly (string | readonly string[])[];
  readonly A?: readonly string[];
  readonly AAAA?: readonly string[];
  readonly MX?: readonly MxRecord[];
  readonly PTR?: readonly string[];
  /** An alias: queries of other types at this name follow it. */
  readonly CNAME?: string;
  /** Every query at this name fails this way, or only queries of the listed types. */
  readonly fail?: ZoneFailure | { readonly [T in RRType]?: ZoneFailure };
}

/** An in-memory DNS zone: lower- or mixed-case names (a trailing dot is ignored) to their records. */
export type DnsZone = Readonly<Record<string, ZoneEntry>>;

/** Options of {@link createMemoryResolver}. */
export interface MemoryResolverOptions {
  /**
   * Whether an absent name that has names below it answers "no data" (an empty non-terminal, as real DNS
   * does) rather than NXDOMAIN. Default true.
   */
  readonly emptyNonTerminals?: boolean;
  /** CNAMEs followed at most for one query; one more is a CNAME loop. Default 8. */
  readonly maxCnameDepth?: number;
}

const RR_TYPES: readonly RRType[] = ['TXT', 'A', 'AAAA', 'MX', 'PTR', 'CNAME'];
const FAILURES: readonly ZoneFailure[] = ['timeout', 'servfail', 'refused', 'hang'];

/** Lower case, no trailing dot; null when the name is not a valid DNS name (what `node:dns` calls EBADNAME). */
export function normalizeDnsName(name: string): string | null {
  let lower = name.toLowerCase();
  if (lower.endsWith('.')) lower = lower.slice(0, -1);
  if (lower.length === 0 || lower.length > 253) return null;
  // label lengths 1..63, without splitting (this runs for every query)
  let labelStart = 0;
  for (let i = 0; i <= lower.length; i++) {
    if (i === lower.length || lower.charCodeAt(i) === 0x2e) {
      const length = i - labelStart;
      if (length === 0 || length > 63) return null;
      labelStart = i + 1;
    }
  }
  return lower;
}

function checkEntry(name: string, entry: unknown): void {
  if (typeof entry !== 'object' || entry === null) {
    throw new TypeError(
      `createMemoryResolver: zone["${name}"] must be an object such as { TXT: ['v=spf1 -all'] }`,
    );
  }
  for (const key of Object.keys(entry)) {
    if (key !== 'fail' && !RR_TYPES.includes(key as RRType)) {
      throw new TypeError(
        `createMemoryResolver: zone["${name}"] has an unknown key "${key}"; use ${RR_TYPES.join(', ')} or fail`,
      );
    }
  }
  const fail = (entry as ZoneEntry).fail;
  if (fail !== undefined) {
    const values = typeof fail === 'string' ? [fail] : Object.values(fail);
    for (const v of values) {
      if (!FAILURES.includes(v as ZoneFailure)) {
        throw new TypeError(
          `createMemoryResolver: zone["${name}"].fail must be one of ${FAILURES.join(', ')}`,
        );
      }
    }
  }
  const cname = (entry as ZoneEntry).CNAME;
  if (cname !== undefined && typeof cname !== 'string') {
    throw new TypeError(
      `createMemoryResolver: zone["${name}"].CNAME must be a single target name (a string)`,
    );
  }
  for (const type of RR_TYPES) {
    if (type === 'CNAME') continue;
    const list = (entry as Record<string, unknown>)[type];
    if (list !== undefined && !Array.isArray(list)) {
      throw new TypeError(`createMemoryResolver: zone["${name}"].${type} must be an array`);
    }
  }
}

function failureOf(entry: ZoneEntry, type: RRType): ZoneFailure | undefined {
  if (entry.fail === undefined) return undefined;
  return typeof entry.fail === 'string' ? entry.fail : entry.fail[type];
}

function recordsOf<T extends RRType>(entry: ZoneEntry, type: T): RecordsByType[T] | undefined {
  if (type === 'CNAME')
    return (entry.CNAME === undefined ? undefined : [entry.CNAME]) as RecordsByType[T] | undefined;
  if (type === 'TXT') {
    return entry.TXT?.map((r) => (typeof r === 'string' ? [r] : r.slice())) as RecordsByType[T] | undefined;
  }
  return (entry as Record<string, unknown>)[type] as RecordsByType[T] | undefined;
}

/**
 * Creates a {@link DnsResolver} that answers from an in-memory zone, with the outcomes of real DNS: absent
 * names are NXDOMAIN (or no data for an empty non-terminal), a name without the asked type is no data, CNAMEs
 * are followed (a loop is a permanent `cname-loop` error), malformed names are `badname`, and `fail` entries
 * simulate timeouts, SERVFAIL, REFUSED or a resolver that never answers. For tests and for consumers' tests.
 *
 * @example
 * const resolver = createMemoryResolver({
 *   'example.com': { TXT: ['v=spf1 ip4:192.0.2.0/24 -all'] },
 *   '_dmarc.example.com': { TXT: ['v=DMARC1; p=reject'] },
 *   'sel._domainkey.example.com': { CNAME: 'sel.esp.example.net' },
 *   'slow.example.org': { fail: 'timeout' },
 * });
 * await resolver.resolve('EXAMPLE.com.', 'TXT', { signal: new AbortController().signal });
 * // { kind: 'records', records: [['v=spf1 ip4:192.0.2.0/24 -all']] }
 */
export function createMemoryResolver(zone: DnsZone, options: MemoryResolverOptions = {}): DnsResolver {
  if (typeof zone !== 'object' || zone === null) {
    throw new TypeError('createMemoryResolver: zone must be an object of name -> records');
  }
  const maxDepth = options.maxCnameDepth ?? 8;
  const emptyNonTerminals = options.emptyNonTerminals ?? true;
  const names = new Map<string, ZoneEntry>();
  const parents = new Set<string>();
  for (const [rawName, entry] of Object.entries(zone)) {
    checkEntry(rawName, entry);
    const name = normalizeDnsName(rawName);
    if (name === null) throw new TypeError(`createMemoryResolver: "${rawName}" is not a valid DNS name`);
    names.set(name, entry);
    const labels = name.split('.');
    for (let i = 1; i < labels.length; i++) parents.add(labels.slice(i).join('.'));
  }

  const answer = <T extends RRType>(queried: string, type: T): DnsAnswer<T> | 'hang' => {
    let name = normalizeDnsName(queried);
    if (name === null) return { kind: 'error', transient: false, reason: 'badname' };
    for (let depth = 0; ; depth++) {
      const entry = names.get(name);
      if (entry === undefined) {
        return emptyNonTerminals && parents.has(name) ? { kind: 'nodata' } : { kind: 'nxdomain' };
      }
      const failure = failureOf(entry, type);
      if (failure === 'hang') return 'hang';
      if (failure !== undefined) return { kind: 'error', transient: true, reason: failure };
      const records = recordsOf(entry, type);
      if (records !== undefined)
        return records.length > 0 ? { kind: 'records', records } : { kind: 'nodata' };
      if (entry.CNAME === undefined || type === 'CNAME') return { kind: 'nodata' };
      if (depth >= maxDepth) return { kind: 'error', transient: false, reason: 'cname-loop' };
      const target = normalizeDnsName(entry.CNAME);
      if (target === null) return { kind: 'error', transient: false, reason: 'badname' };
      name = target;
    }
  };

  return {
    resolve<T extends RRType>(name: string, type: T): Promise<DnsAnswer<T>> {
      const result = answer(String(name), type);
      // A resolver that never answers, on purpose: it ignores the abort signal too.
      if (result === 'hang') return new Promise<DnsAnswer<T>>(() => {});
      return Promise.resolve(result);
    },
  };
}
