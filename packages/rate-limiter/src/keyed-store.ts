import type { HitResultBase, Limiter } from './limiter.js';
import { assertNow, assertPositiveInteger } from './validate.js';

/** Options of {@link createKeyedStore}. */
export interface KeyedStoreOptions {
  /** Most keys kept; the least recently used key is evicted to make room. */
  readonly maxKeys: number;
  /** A key untouched for this many ms is dropped (pass the limiter's `idleMs`: its state is then empty anyway). */
  readonly idleMs: number;
}

/** Counters of what a store dropped, for monitoring a flood of distinct keys. */
export interface KeyedStoreStats {
  readonly size: number;
  /** Keys dropped because the store was full (least recently used first). */
  readonly evicted: number;
  /** Keys dropped because they were idle for `idleMs`. */
  readonly expired: number;
}

/** A bounded in-memory map of limiter states for single-process use (see {@link createKeyedStore}). */
export interface KeyedStore<S> {
  /** The state under `key`, or `undefined` when absent or idle since `nowMs - idleMs`. Marks it recently used. */
  get(key: string, nowMs: number): S | undefined;
  /** Stores `state` under `key` as touched at `nowMs`, evicting idle keys, then the least recently used. */
  set(key: string, state: S, nowMs: number): void;
  delete(key: string): boolean;
  /** `get`, `limiter.hit`, `set` in one call; returns the hit. */
  hit<R extends HitResultBase<S>>(limiter: Limiter<S, R>, key: string, nowMs: number, cost?: number): R;
  stats(): KeyedStoreStats;
}

interface Slot<S> {
  state: S;
  touchedMs: number;
}

/** Every SWEEP_EVERY writes, up to SWEEP_BATCH idle keys are dropped from the old end: O(1) amortized per call,
 * faster than keys arrive, so idle keys drain even without eviction pressure. */
const SWEEP_EVERY = 16;
const SWEEP_BATCH = 32;

/**
 * Creates an in-memory store of limiter states with a hard bound on keys: a `Map` in least-recently-used order,
 * evicting the oldest key when full and dropping keys idle for `idleMs`, so memory stays flat under a flood of
 * distinct senders. Time is an argument (`nowMs`), never read from a clock. Not shared between processes: use
 * the Redis example for that.
 *
 * @rule LOOP-6, LOOP-7
 * @example
 * const limiter = createTieredLimiter(inboundUpdateLimit);
 * const store = createKeyedStore<TieredState>({ maxKeys: 100_000, idleMs: limiter.idleMs });
 * const { outcome } = store.hit(limiter, senderKey('alice@example.com'), Date.now());
 */
export function createKeyedStore<S>(options: KeyedStoreOptions): KeyedStore<S> {
  const fix = 'pass e.g. { maxKeys: 100_000, idleMs: limiter.idleMs }';
  if (options === null || typeof options !== 'object')
    throw new TypeError(`options must be an object: ${fix}`);
  const { maxKeys, idleMs } = options;
  assertPositiveInteger(maxKeys, 'maxKeys', fix);
  assertPositiveInteger(idleMs, 'idleMs', fix);
  const map = new Map<string, Slot<S>>();
  let evicted = 0;
  let expired = 0;

  let setsSinceSweep = 0;

  // Takes the slot out (it is re-inserted at the recent end by `put`); undefined when absent or idle.
  const take = (key: string, nowMs: number): Slot<S> | undefined => {
    const slot = map.get(key);
    if (slot === undefined) return undefined;
    map.delete(key);
    if (nowMs - slot.touchedMs >= idleMs) {
      expired++;
      return undefined;
    }
    return slot;
  };

  const put = (key: string, slot: Slot<S> | undefined, state: S, nowMs: number): void => {
    if (slot === undefined) map.set(key, { state, touchedMs: nowMs });
    else {
      slot.state = state;
      if (nowMs > slot.touchedMs) slot.touchedMs = nowMs;
      map.set(key, slot);
    }
    // The map is in touch order, so idle keys sit at the old end; sweeping in batches keeps each call O(1).
    if (++setsSinceSweep >= SWEEP_EVERY) {
      setsSinceSweep = 0;
      let swept = 0;
      for (const [oldKey, oldSlot] of map) {
        if (swept >= SWEEP_BATCH || nowMs - oldSlot.touchedMs < idleMs) break;
        map.delete(oldKey);
        expired++;
        swept++;
      }
    }
    if (map.size > maxKeys) {
      const oldest = map.keys().next().value as string;
      map.delete(oldest);
      evicted++;
    }
  };

  const get = (key: string, nowMs: number): S | undefined => {
    assertNow(nowMs);
    const slot = take(key, nowMs);
    if (slot === undefined) return undefined;
    map.set(key, slot);
    return slot.state;
  };

  return Object.freeze({
    get,
    set: (key: string, state: S, nowMs: number): void => {
      assertNow(nowMs);
      put(key, take(key, nowMs), state, nowMs);
    },
    delete: (key: string): boolean => map.delete(key),
    hit<R extends HitResultBase<S>>(limiter: Limiter<S, R>, key: string, nowMs: number, cost = 1): R {
      assertNow(nowMs);
      const slot = take(key, nowMs);
      const result = limiter.hit(slot?.state, nowMs, cost);
      put(key, slot, result.state, nowMs);
      return result;
    },
    stats: (): KeyedStoreStats => ({ size: map.size, evicted, expired }),
  });
}
