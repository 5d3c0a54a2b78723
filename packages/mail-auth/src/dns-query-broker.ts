import type { DnsAnswer, DnsErrorReason, DnsResolver, RRType } from './dns-resolver.js';
import { normalizeDnsName } from './memory-resolver.js';

/** Which check asked: each check gets its own view of the resolver so failures are attributable. */
export type DnsStage = 'dkim' | 'spf' | 'arc' | 'dmarc';

/**
 * What became of one query. `records`, `nxdomain`, `nodata` are answers; `empty-answer` is a `records`
 * answer with no records (read as no data); `transient-error` / `permanent-error` are the resolver's `error`
 * answers; `timeout` (per-query timeout), `deadline` (evaluation deadline), `resolver-threw` and
 * `invalid-answer` are the resolver misbehaving; `budget-exceeded` means the query was not sent because the
 * message used up its query budget; `bad-name` that the name is not a valid DNS name (not sent).
 */
export type DnsQueryOutcome =
  | 'records'
  | 'nxdomain'
  | 'nodata'
  | 'empty-answer'
  | 'transient-error'
  | 'permanent-error'
  | 'timeout'
  | 'deadline'
  | 'resolver-threw'
  | 'invalid-answer'
  | 'budget-exceeded'
  | 'bad-name';

/** One line of the DNS query log of a verdict. */
export interface DnsQueryLogEntry {
  readonly stage: DnsStage;
  readonly name: string;
  readonly type: string;
  readonly outcome: DnsQueryOutcome;
  /** The `err.code` mailauth was given (`ENOTFOUND`, `ENODATA`, `ETIMEOUT`, ...), null for an answer. */
  readonly code: string | null;
  /** The resolver's reason for an `error` answer. */
  readonly reason?: DnsErrorReason;
  /** True when answered from this evaluation's own cache (not sent, not counted against the budget). */
  readonly cached: boolean;
}

/** Bounds on DNS work for one evaluation. */
export interface DnsLimits {
  /** A query not answered within this many milliseconds counts as a timeout (transient). */
  readonly queryTimeoutMs: number;
  /** Queries sent to the resolver per message at most; past it, lookups answer "does not exist". */
  readonly maxQueries: number;
  /**
   * The evaluation stops waiting for DNS this many milliseconds after its first query that had to wait
   * (pending and later queries then fail as timeouts).
   */
  readonly deadlineMs: number;
}

/** Outcomes that asking again later could change. */
export const TRANSIENT_DNS_OUTCOMES: ReadonlySet<DnsQueryOutcome> = new Set<DnsQueryOutcome>([
  'transient-error',
  'timeout',
  'deadline',
  'resolver-threw',
  'invalid-answer',
]);

/** mailauth's resolver contract: `dns.promises.resolve(name, rrtype)`, failures signalled by `err.code`. */
export type NodeStyleResolver = (name: string, rrtype: string) => Promise<unknown>;

interface Settled {
  readonly outcome: DnsQueryOutcome;
  readonly code: string | null;
  readonly records?: unknown[];
  readonly reason?: DnsErrorReason;
}

const RR_TYPES: ReadonlySet<string> = new Set(['TXT', 'A', 'AAAA', 'MX', 'PTR', 'CNAME']);

const BAD_NAME: Settled = Object.freeze({ outcome: 'bad-name', code: 'EBADNAME' });
const DEADLINE: Settled = Object.freeze({ outcome: 'deadline', code: 'ETIMEOUT' });
const TIMEOUT: Settled = Object.freeze({ outcome: 'timeout', code: 'ETIMEOUT' });
const BUDGET_EXCEEDED: Settled = Object.freeze({ outcome: 'budget-exceeded', code: 'ENOTFOUND' });
const RESOLVER_THREW: Settled = Object.freeze({ outcome: 'resolver-threw', code: 'ESERVFAIL' });

const isString = (v: unknown): v is string => typeof v === 'string';

/** Copies and checks the records of an answer; null when their shape is not the one of the type. */
function checkRecords(type: RRType, records: unknown): unknown[] | null {
  if (!Array.isArray(records)) return null;
  const out: unknown[] = [];
  for (const r of records) {
    if (type === 'TXT') {
      // string[][] per node:dns; a bare string is one record with one character-string.
      if (isString(r)) out.push([r]);
      else if (Array.isArray(r) && r.every(isString)) out.push(r.slice());
      else return null;
    } else if (type === 'MX') {
      if (typeof r !== 'object' || r === null) return null;
      const { exchange, priority } = r as { exchange?: unknown; priority?: unknown };
      if (!isString(exchange) || typeof priority !== 'number') return null;
      out.push({ exchange, priority });
    } else if (isString(r)) out.push(r);
    else return null;
  }
  return out;
}

function errorCode(transient: boolean, reason: unknown): string {
  if (reason === 'timeout') return 'ETIMEOUT';
  if (reason === 'refused') return 'EREFUSED';
  if (reason === 'badname' && !transient) return 'EBADNAME';
  return 'ESERVFAIL';
}

/** Reads one resolver answer into what mailauth is told. Never throws. */
function interpret(type: RRType, answer: unknown): Settled {
  if (typeof answer !== 'object' || answer === null) return { outcome: 'invalid-answer', code: 'ESERVFAIL' };
  const a = answer as DnsAnswer & { records?: unknown; transient?: unknown; reason?: unknown };
  switch (a.kind) {
    case 'records': {
      const records = checkRecords(type, a.records);
      if (records === null) return { outcome: 'invalid-answer', code: 'ESERVFAIL' };
      // Never hand mailauth an empty list: it disables SPF void-lookup counting and turns "no key" into
      // "invalid key" (MAILAUTH.md §3.1). An empty answer is no data.
      if (records.length === 0) return { outcome: 'empty-answer', code: 'ENODATA' };
      return { outcome: 'records', code: null, records };
    }
    case 'nxdomain':
      return { outcome: 'nxdomain', code: 'ENOTFOUND' };
    case 'nodata':
      return { outcome: 'nodata', code: 'ENODATA' };
    case 'error': {
      const transient = a.transient === true;
      const reason = (
        ['timeout', 'servfail', 'refused', 'badname', 'cname-loop', 'other'].includes(a.reason as string)
          ? a.reason
          : 'other'
      ) as DnsErrorReason;
      return {
        outcome: transient ? 'transient-error' : 'permanent-error',
        code: errorCode(transient, reason),
        reason,
      };
    }
    default:
      return { outcome: 'invalid-answer', code: 'ESERVFAIL' };
  }
}

/**
 * The error mailauth is given, as node:dns would throw it: an Error (by prototype) with `code` and `message`,
 * but made without capturing a stack trace. A failing lookup is routine here (every "no key", every DMARC
 * tree-walk step), and capturing a stack for each cost more than the rest of the broker together.
 */
class DnsLookupError {
  readonly code: string;
  readonly #detail: Settled;
  readonly #type: string;
  readonly #name: string;
  constructor(settled: Settled, type: string, name: string) {
    this.code = settled.code ?? 'ESERVFAIL';
    this.#detail = settled;
    this.#type = type;
    this.#name = name;
  }
  /** Built when read: mailauth reads it only for some results' comments. */
  get message(): string {
    return `query${this.#type} ${this.code} ${this.#name} (${this.#detail.outcome})`;
  }
}
Object.setPrototypeOf(DnsLookupError.prototype, Error.prototype);

/** One cached question: its outcome once known, and the callers waiting for it until then. */
interface CacheEntry {
  settled: Settled | undefined;
  readonly waiters: ((settled: Settled) => void)[];
}

/**
 * The options handed to the resolver with each query. The AbortController is made only when the resolver
 * reads `signal` (it costs more than an in-memory answer); a class, not an object literal with a getter,
 * which is slower to create.
 */
class QueryOptions {
  #controller: AbortController | undefined;
  get signal(): AbortSignal {
    this.#controller ??= new AbortController();
    return this.#controller.signal;
  }
  /** Aborts the signal if the resolver took it (static: the resolver is not handed an abort method). */
  static abort(options: QueryOptions): void {
    options.#controller?.abort();
  }
}

/**
 * Stands between mailauth and the consumer's {@link DnsResolver} for ONE evaluation: maps outcomes to
 * mailauth's `err.code` contract, applies the per-query timeout, the query budget and the deadline,
 * caches answers for the evaluation, and logs every query.
 */
export class DnsQueryBroker {
  readonly log: DnsQueryLogEntry[] = [];
  /** Log lines dropped because the log reached its bound. */
  droppedLogEntries = 0;
  /** Queries sent to the resolver. */
  sent = 0;
  budgetExceeded = false;
  deadlineReached = false;
  readonly #resolver: DnsResolver;
  readonly #limits: DnsLimits;
  readonly #cache = new Map<string, CacheEntry>();
  readonly #inFlight = new Set<() => void>();
  readonly #maxLog: number;
  #deadlineTimer: ReturnType<typeof setTimeout> | undefined;
  #onDeadline: (() => void) | undefined;

  constructor(resolver: DnsResolver, limits: DnsLimits) {
    this.#resolver = resolver;
    this.#limits = limits;
    this.#maxLog = limits.maxQueries * 2 + 64;
  }

  /**
   * Arms the deadline (a timer; the evaluator reads no clock value). The timer itself starts with the first
   * query that has to wait (an answer not there two microtasks after the question): evaluations answered
   * from memory never pay for it, and with a network resolver that is the first lookup, at the start.
   * `onDeadline` runs when it fires, after every pending query has been failed.
   */
  start(onDeadline?: () => void): void {
    this.#onDeadline = onDeadline;
  }

  #armDeadline(): void {
    if (this.#deadlineTimer !== undefined || this.deadlineReached) return;
    this.#deadlineTimer = setTimeout(() => {
      this.deadlineReached = true;
      for (const stop of [...this.#inFlight]) stop();
      this.#onDeadline?.();
    }, this.#limits.deadlineMs);
  }

  /** Clears the timers; pending queries stay abandoned. */
  stop(): void {
    if (this.#deadlineTimer !== undefined) clearTimeout(this.#deadlineTimer);
    if (this.#inFlight.size > 0) for (const stop of [...this.#inFlight]) stop();
  }

  /** mailauth's resolver function for one stage. */
  forStage(stage: DnsStage): NodeStyleResolver {
    return this.#resolverFor(() => stage);
  }

  /**
   * One resolver function whose stage label can be moved on (DKIM, then ARC). mailauth shares its key cache
   * between dkimVerify and arc only when both get the same function, so an ARC-Seal key that is also the
   * newest AMS key is fetched and parsed once, as mailauth does on its own.
   */
  forSequentialStages(first: DnsStage): { resolver: NodeStyleResolver; moveTo: (stage: DnsStage) => void } {
    let stage = first;
    return {
      resolver: this.#resolverFor(() => stage),
      moveTo: (next: DnsStage) => {
        stage = next;
      },
    };
  }

  #resolverFor(currentStage: () => DnsStage): NodeStyleResolver {
    // Not an async function: one promise per query, settled straight with mailauth's answer (this runs for
    // every lookup).
    return (rawName: string, rawType: string): Promise<unknown> => {
      const stage = currentStage();
      const type = String(rawType).toUpperCase();
      const name = normalizeDnsName(String(rawName));
      const shownName = name ?? String(rawName).slice(0, 300);
      let immediate: Settled;
      if (name === null || !RR_TYPES.has(type)) {
        immediate = BAD_NAME;
      } else {
        const key = `${type} ${name}`;
        const hit = this.#cache.get(key);
        if (hit !== undefined) {
          if (hit.settled !== undefined) return this.#settle(stage, shownName, type, hit.settled, true);
          // the same question is still in flight: answer when it is
          const waiting = hit;
          return new Promise<unknown>((resolve, reject) => {
            waiting.waiters.push((settled) =>
              this.#settleWith(stage, shownName, type, settled, true, resolve, reject),
            );
          });
        }
        if (this.deadlineReached) {
          immediate = DEADLINE;
        } else if (this.sent >= this.#limits.maxQueries) {
          // Over budget: "does not exist", so the lookup is unverifiable rather than temporary; the
          // evaluator reads budgetExceeded and never lets such a message through unauthenticated.
          this.budgetExceeded = true;
          immediate = BUDGET_EXCEEDED;
        } else {
          this.sent += 1;
          const entry: CacheEntry = { settled: undefined, waiters: [] };
          this.#cache.set(key, entry);
          return this.#ask(name, type as RRType, (settled, resolve, reject) => {
            entry.settled = settled;
            this.#settleWith(stage, shownName, type, settled, false, resolve, reject);
            for (const waiter of entry.waiters) waiter(settled);
            entry.waiters.length = 0;
          });
        }
      }
      return this.#settle(stage, shownName, type, immediate, false);
    };
  }

  /** Logs one query and gives mailauth its answer as a settled promise. */
  #settle(stage: DnsStage, name: string, type: string, settled: Settled, cached: boolean): Promise<unknown> {
    const answer = this.#deliver(stage, name, type, settled, cached);
    return answer instanceof DnsLookupError ? Promise.reject(answer) : Promise.resolve(answer);
  }

  #settleWith(
    stage: DnsStage,
    name: string,
    type: string,
    settled: Settled,
    cached: boolean,
    resolve: (value: unknown) => void,
    reject: (error: unknown) => void,
  ): void {
    const answer = this.#deliver(stage, name, type, settled, cached);
    if (answer instanceof DnsLookupError) reject(answer);
    else resolve(answer);
  }

  /**
   * Logs one query and returns what mailauth is given: the records (a copy), or the node:dns error (returned,
   * not thrown: a throw costs more than the rest of a cached lookup).
   */
  #deliver(
    stage: DnsStage,
    name: string,
    type: string,
    settled: Settled,
    cached: boolean,
  ): unknown[] | DnsLookupError {
    const entry: { -readonly [K in keyof DnsQueryLogEntry]: DnsQueryLogEntry[K] } = {
      stage,
      name,
      type,
      outcome: settled.outcome,
      code: settled.code,
      cached,
    };
    if (settled.reason !== undefined) entry.reason = settled.reason;
    this.#record(entry);
    if (settled.records !== undefined) {
      // mailauth sorts MX lists in place and keeps TXT arrays: every caller gets its own copy.
      if (type === 'TXT') return settled.records.map((r) => (r as string[]).slice());
      if (type === 'MX') return settled.records.map((r) => ({ ...(r as object) }));
      return settled.records.slice();
    }
    return new DnsLookupError(settled, type, name);
  }

  /** Whether any query of the stage ended in one of the outcomes. */
  stageSaw(stage: DnsStage, outcomes: ReadonlySet<DnsQueryOutcome>): boolean {
    return this.log.some((e) => e.stage === stage && outcomes.has(e.outcome));
  }

  /** The outcome of the last query of a name and type in a stage, or undefined. */
  outcomeOf(stage: DnsStage, name: string, type: string): DnsQueryOutcome | undefined {
    const wanted = normalizeDnsName(name) ?? name;
    for (let i = this.log.length - 1; i >= 0; i--) {
      const e = this.log[i]!;
      if (e.stage === stage && e.type === type && e.name === wanted) return e.outcome;
    }
    return undefined;
  }

  #record(entry: DnsQueryLogEntry): void {
    if (this.log.length < this.#maxLog) this.log.push(entry);
    else this.droppedLogEntries += 1;
  }

  #ask(
    name: string,
    type: RRType,
    onSettled: (
      settled: Settled,
      resolve: (value: unknown) => void,
      reject: (error: unknown) => void,
    ) => void,
  ): Promise<unknown> {
    const options = new QueryOptions();
    return new Promise<unknown>((resolve, reject) => {
      let done = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      let hops = 0;
      const finish = (settled: Settled): void => {
        if (done) return;
        done = true;
        if (timer !== undefined) clearTimeout(timer);
        if (hops < 0) this.#inFlight.delete(onDeadline);
        onSettled(settled, resolve, reject);
      };
      const onDeadline = (): void => {
        QueryOptions.abort(options);
        finish(DEADLINE);
      };
      // The per-query timer (and the deadline) start only when the answer is not there two microtasks
      // later: an in-memory or cached resolver never pays for a timer, a network resolver gets the full timeout.
      const check = (): void => {
        if (done) return;
        if (++hops < 2) {
          queueMicrotask(check);
          return;
        }
        hops = -1; // registered for the deadline
        this.#inFlight.add(onDeadline);
        this.#armDeadline();
        timer = setTimeout(() => {
          QueryOptions.abort(options);
          finish(TIMEOUT);
        }, this.#limits.queryTimeoutMs);
      };
      try {
        Promise.resolve(this.#resolver.resolve(name, type, options)).then(
          (answer) => finish(interpret(type, answer)),
          () => finish(RESOLVER_THREW),
        );
      } catch {
        finish(RESOLVER_THREW);
        return;
      }
      queueMicrotask(check);
    });
  }
}
