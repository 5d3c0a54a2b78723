// A @mailroom/rate-limiter limiter shared by many processes through Redis.
//
// Atomicity: optimistic concurrency. Read the state (GET), compute the hit with the pure limiter in this
// process, then write it back with a tiny Lua script that sets the new state only if the stored value is still
// the one that was read (compare-and-set), and retry from the read when another process got there first.
// Why not the alternatives (see README.md):
// - The whole limiter in Lua would be a second implementation of the limit logic to keep in step with the
//   TypeScript one; the CAS script is five lines and knows nothing about limits.
// - WATCH/MULTI/EXEC gives the same optimistic scheme, but WATCH is per connection: every in-flight update needs
//   its own connection, so one shared ioredis connection could not serve concurrent hits. The CAS script is
//   stateless and pipelines on a shared connection.
import type { HitResultBase, Limiter, StateProblem } from '@mailroom/rate-limiter';
import type { Redis } from 'ioredis';

/** KEYS[1] state, KEYS[2] journal; ARGV: expected ('' = absent), new state, ttl ms, journal entry ('' = none). */
const COMPARE_AND_SET = `
local current = redis.call('GET', KEYS[1])
if current == false then current = '' end
if current ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
if ARGV[4] ~= '' then redis.call('RPUSH', KEYS[2], ARGV[4]) end
return 1
`;

interface CasClient extends Redis {
  mailroomCompareAndSet(
    stateKey: string,
    journalKey: string,
    expected: string,
    next: string,
    ttlMs: number,
    journalEntry: string,
  ): Promise<number>;
}

export interface RedisLimiterOptions {
  /** Prefix of every Redis key (default `mailroom:rl:`). Keys are `<prefix>{<key>}` so a cluster keeps a key's
   * state and journal in one slot. */
  readonly prefix?: string;
  /** Give up after this many lost races for one hit (default 100): the caller then decides (fail closed). */
  readonly maxAttempts?: number;
  /** Append `<tag>|<nowMs>|<cost>|<outcome>` to a per-key list in the same atomic step, in commit order (for
   * auditing, and for the test that replays every key against a sequential oracle). */
  readonly journal?: boolean;
}

export type RedisHit<R> =
  | (R & {
      readonly ok: true;
      /** How many read-compute-write rounds it took (1 when uncontended). */
      readonly attempts: number;
      /** Set when the stored state was unreadable and was replaced (the hit then counted from no state). */
      readonly replacedCorruptState?: StateProblem;
    })
  | { readonly ok: false; readonly reason: 'contended'; readonly attempts: number };

export interface RedisLimiter<R> {
  hit(key: string, nowMs: number, cost?: number, journalTag?: string): Promise<RedisHit<R>>;
  stateKey(key: string): string;
  journalKey(key: string): string;
}

/** Wraps a pure limiter so that every process sharing `redis` sees one state per key. */
export function createRedisLimiter<S, R extends HitResultBase<S> & { readonly outcome: string }>(
  redis: Redis,
  limiter: Limiter<S, R>,
  options: RedisLimiterOptions = {},
): RedisLimiter<R> {
  const prefix = options.prefix ?? 'mailroom:rl:';
  const maxAttempts = options.maxAttempts ?? 100;
  const journal = options.journal ?? false;
  if (!('mailroomCompareAndSet' in redis)) {
    redis.defineCommand('mailroomCompareAndSet', { numberOfKeys: 2, lua: COMPARE_AND_SET });
  }
  const client = redis as CasClient;
  const stateKey = (key: string): string => `${prefix}{${key}}`;
  const journalKey = (key: string): string => `${prefix}{${key}}:journal`;
  // Past idleMs without hits a state is equivalent to none, so Redis may forget it.
  const ttlMs = limiter.idleMs;

  return {
    stateKey,
    journalKey,
    async hit(key: string, nowMs: number, cost = 1, journalTag = ''): Promise<RedisHit<R>> {
      const sk = stateKey(key);
      const jk = journalKey(key);
      for (let attempt = 1; attempt <= maxAttempts; attempt++) {
        const stored = await client.get(sk);
        let state: S | undefined;
        let corrupt: StateProblem | undefined;
        if (stored !== null) {
          const decoded = limiter.decodeState(stored);
          if (decoded.ok) state = decoded.state;
          else corrupt = decoded.problem;
        }
        const result = limiter.hit(state, nowMs, cost);
        const entry = journal ? `${journalTag}|${nowMs}|${cost}|${result.outcome}` : '';
        const written = await client.mailroomCompareAndSet(
          sk,
          jk,
          stored ?? '',
          limiter.encodeState(result.state),
          ttlMs,
          entry,
        );
        if (written === 1) {
          return corrupt === undefined
            ? { ...result, ok: true, attempts: attempt }
            : { ...result, ok: true, attempts: attempt, replacedCorruptState: corrupt };
        }
      }
      return { ok: false, reason: 'contended', attempts: maxAttempts };
    },
  };
}
