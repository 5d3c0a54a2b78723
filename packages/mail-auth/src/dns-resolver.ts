/** The record types the evaluator asks for. */
export type RRType = 'TXT' | 'A' | 'AAAA' | 'MX' | 'PTR' | 'CNAME';

/** One MX record. */
export interface MxRecord {
  readonly exchange: string;
  readonly priority: number;
}

/** The record data of each type, in the shapes `node:dns` uses. */
export interface RecordsByType {
  /** Each TXT record as its character-strings; they are joined with no separator. */
  readonly TXT: readonly (readonly string[])[];
  readonly A: readonly string[];
  readonly AAAA: readonly string[];
  readonly MX: readonly MxRecord[];
  readonly PTR: readonly string[];
  readonly CNAME: readonly string[];
}

/** Why a query failed, when it neither answered nor said the name or the type does not exist. */
export type DnsErrorReason = 'timeout' | 'servfail' | 'refused' | 'badname' | 'cname-loop' | 'other';

/**
 * The outcome of one DNS query. `records` holds the answer after CNAMEs were followed (a resolver does that
 * for every type but CNAME); an empty `records` list is read as `nodata`. `nxdomain`: the name does not
 * exist. `nodata`: the name exists without records of that type. `error`: no answer; `transient` says whether
 * asking again later could give one (a timeout or SERVFAIL) or not (a malformed name, a CNAME loop).
 */
export type DnsAnswer<T extends RRType = RRType> =
  | { readonly kind: 'records'; readonly records: RecordsByType[T] }
  | { readonly kind: 'nxdomain' }
  | { readonly kind: 'nodata' }
  | { readonly kind: 'error'; readonly transient: boolean; readonly reason: DnsErrorReason };

/** Options of one query. */
export interface DnsQueryOptions {
  /** Aborted when the evaluator stops waiting (per-query timeout or evaluation deadline). */
  readonly signal: AbortSignal;
}

/**
 * What the consumer supplies for DNS: one method, outcomes as values. The evaluator never touches the
 * network itself; it calls this, bounds every call by a timeout, a per-message query budget and a deadline,
 * and logs each query. A resolver may throw or never settle: the evaluator copes with both.
 */
export interface DnsResolver {
  /** Looks up the `type` records of `name`: the records, or the DNS error as a {@link DnsAnswer} outcome. */
  resolve<T extends RRType>(name: string, type: T, options: DnsQueryOptions): Promise<DnsAnswer<T>>;
}
