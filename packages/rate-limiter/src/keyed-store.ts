import type { HitResultBase, Limiter } from './limiter.js';
import { assertNow, assertPositiveInteger } from './validate.js';

/** Options of {@link createKeyedStore}. */
export interface KeyedStoreOptions {
  /** Most keys kept (at least 2); least recently used keys are evicted to make room. */
  readonly maxKeys: number;
  /** A key untouched for this many ms is dropped (pass the limiter's `idleMs`: its state is then empty anyway). */
  readonly idleMs: number;
}

/** Counters of what a store dropped, for monitoring a flood of distinct keys. */
export interface KeyedStoreStats {
  readonly size: number;
  /** Keys dropped because the store was full (a whole least recently used generation at a time). */
  readonly evicted: number;
  /** Keys dropped because they were idle for `idleMs`. */
  readonly expired: number;
}

/** A bounded in-memory map of limiter states for single-process use (see {@link createKeyedStore}). */
export interface KeyedStore<S> {
  /** The state under `key`, or `undefined` when absent or idle since `nowMs - idleMs`. Marks it recently used. */
  get(key: string, nowMs: number): S | undefined;
  /** Stores `state` under `key` as touched at `nowMs`, evicting least recently used keys when full. */
  set(key: string, state: S, nowMs: number): void;
  /** Forgets the state under `key`; `true` when there was one. */
  delete(key: string): boolean;
  /** `get`, `limiter.hit`, `set` in one call; returns the hit. */
  hit<R extends HitResultBase<S>>(limiter: Limiter<S, R>, key: string, nowMs: number, cost?: number): R;
  /** How many keys the store holds and how many it has evicted or expired so far. */
  stats(): KeyedStoreStats;
}

interface Slot<S> {
  state: S;
  touchedMs: number;
}

/**
 * Creates an in-memory store of limiter states with a hard bound on keys, so memory stays flat under a flood of
 * distinct senders. Eviction is least-recently-used by generations (the scheme of quick-lru): keys live in a
 * `recent` and an `old` Map of at most `maxKeys / 2` each; a hit on a recent key updates it in place (one Map
 * lookup, no re-insertion); when `recent` is full it becomes `old` and the previous `old` generation is dropped.
 * Guarantee: a key is kept while fewer than `floor(maxKeys / 2)` other distinct keys have been touched since its
 * own last touch, and while it is not idle. A key untouched for `idleMs` reads as absent, and whole idle
 * generations are dropped once `idleMs` has passed, even without eviction pressure. Time is an argument (`nowMs`),
 * never read from a clock. Not shared between processes: use the Redis example for that.
 *
 * @rule LOOP-6, LOOP-7
 * @example
 * const limiter = createTieredLimiter(inboundUpdateLimit);
 * const store = createKeyedStore<TieredState>({ maxKeys: 100_000, idleMs: limiter.idleMs });
 * const { outcome } = store.hit(limiter, senderKey('alice@example.com')!, Date.now());
 */
export function createKeyedStore<S>(options: KeyedStoreOptions): KeyedStore<S> {
  const fix = 'pass e.g. { maxKeys: 100_000, idleMs: limiter.idleMs }';
  if (options === null || typeof options !== 'object')
    throw new TypeError(`options must be an object: ${fix}`);
  const { maxKeys, idleMs } = options;
  assertPositiveInteger(maxKeys, 'maxKeys', fix);
  if (maxKeys < 2)
    throw new RangeError(`maxKeys must be at least 2 (two generations of maxKeys / 2): ${fix}`);
  assertPositiveInteger(idleMs, 'idleMs', fix);
  const half = Math.floor(maxKeys / 2);
  let recent = new Map<string, Slot<S>>();
  let old = new Map<string, Slot<S>>();
  let flippedAtMs = Number.NaN;
  let evicted = 0;
  let expired = 0;

  // `old` is dropped: by size (LRU eviction) or because every key in it is idle (it was last touched before
  // the previous flip, which is at least idleMs ago).
  const flip = (nowMs: number, idle: boolean): void => {
    if (idle) expired += old.size;
    else evicted += old.size;
    old = recent;
    recent = new Map();
    flippedAtMs = nowMs;
  };

  const insert = (key: string, slot: Slot<S>, nowMs: number): void => {
    if (recent.size >= half) flip(nowMs, false);
    recent.set(key, slot);
  };

  // The live slot of `key`, promoted to the recent generation; undefined when absent or idle.
  const locate = (key: string, nowMs: number): Slot<S> | undefined => {
    if (!(nowMs - flippedAtMs < idleMs)) {
      if (Number.isNaN(flippedAtMs)) flippedAtMs = nowMs;
      else flip(nowMs, true);
    }
    let slot = recent.get(key);
    if (slot !== undefined) {
      if (nowMs - slot.touchedMs < idleMs) return slot;
      recent.delete(key);
      expired++;
      return undefined;
    }
    slot = old.get(key);
    if (slot === undefined) return undefined;
    old.delete(key);
    if (nowMs - slot.touchedMs >= idleMs) {
      expired++;
      return undefined;
    }
    insert(key, slot, nowMs);
    return slot;
  };

  const store = (key: string, slot: Slot<S> | undefined, state: S, nowMs: number): void => {
    if (slot === undefined) insert(key, { state, touchedMs: nowMs }, nowMs);
    else {
      slot.state = state;
      if (nowMs > slot.touchedMs) slot.touchedMs = nowMs;
    }
  };

  return Object.freeze({
    get(key: string, nowMs: number): S | undefined {
      assertNow(nowMs);
      return locate(key, nowMs)?.state;
    },
    set(key: string, state: S, nowMs: number): void {
      assertNow(nowMs);
      store(key, locate(key, nowMs), state, nowMs);
    },
    delete: (key: string): boolean => recent.delete(key) || old.delete(key),
    hit<R extends HitResultBase<S>>(limiter: Limiter<S, R>, key: string, nowMs: number, cost = 1): R {
      assertNow(nowMs);
      const slot = locate(key, nowMs);
      const result = limiter.hit(slot?.state, nowMs, cost);
      store(key, slot, result.state, nowMs);
      return result;
    },
    stats: (): KeyedStoreStats => ({ size: recent.size + old.size, evicted, expired }),
  });
}
