import type { DecodeStateResult, HitResultBase, Limiter, LimiterMode } from './limiter.js';
import { decodeBucketState, decodeExactState, encodeBucketState, encodeExactState } from './state-codec.js';
import { assertCost, assertNonNegativeInteger, assertNow, assertPositiveInteger } from './validate.js';

/** One step of a tiered limit: hits whose window count (this hit included) is at most `upTo` get `outcome`. */
export interface Tier<O extends string = string> {
  readonly upTo: number;
  readonly outcome: O;
}

/** Options of {@link createTieredLimiter}. */
export interface TieredLimiterOptions<O extends string = string> {
  /** Length of the sliding window in ms. */
  readonly windowMs: number;
  /** Steps in increasing `upTo` order; the first whose `upTo` is not exceeded decides. */
  readonly tiers: readonly Tier<O>[];
  /** Outcome once the count exceeds the last tier. */
  readonly beyond: O;
  /** `exact` (default): a true sliding window over hit times, at most `largest upTo` times kept.
   * `approximate`: per-bucket counters, O(buckets) memory, never more permissive than `exact` (see README). */
  readonly mode?: LimiterMode;
  /** Approximate mode only: buckets per window (default 10); `windowMs` must be a multiple of it. The window is
   * then effectively between `windowMs` and `windowMs + windowMs / buckets` long. */
  readonly buckets?: number;
  /** Whether hits that got the `beyond` outcome still count towards the window (default `true`: a sender that
   * keeps sending stays beyond; see docs/decisions/rate-limiter-rejected-hits.md). Quotas of things that were
   * not done (a send that fell back elsewhere) pass `false`. */
  readonly countBeyond?: boolean;
}

/** Exact-mode state: the times (ms, ascending) of the most recent counted hits, one entry per unit of cost, at
 * most the largest `upTo` of them, and the latest time seen (the limiter's clock never runs backwards). */
export interface ExactWindowState {
  readonly kind: 'exact';
  readonly latestMs: number;
  readonly times: readonly number[];
}

/** Approximate-mode state: `counts[i]` hits in bucket `bucket - buckets + i` (the last entry is the newest
 * bucket, `bucket` = floor(latest time / bucket length)); each count saturates at the largest `upTo`. */
export interface BucketWindowState {
  readonly kind: 'approximate';
  readonly bucket: number;
  readonly counts: readonly number[];
  /** Sum of `counts` (kept so a hit need not add them up). */
  readonly total: number;
}

/** State of a tiered limiter (of the mode it was created with). */
export type TieredState = ExactWindowState | BucketWindowState;

/** What {@link TieredLimiter.hit} decides. */
export interface TieredHit<O extends string = string> extends HitResultBase<TieredState> {
  readonly outcome: O;
  /** Index of the tier that decided, `tiers.length` for `beyond` (higher is stricter). */
  readonly tier: number;
  /** Hits in the window including this one's cost. Exact up to the largest `upTo`, beyond which it may be a
   * lower bound (the limiter only needs to know it is beyond). In approximate mode it counts whole buckets, so
   * it may include hits up to one bucket older than the window. */
  readonly count: number;
}

/** A tiered sliding-window limiter (see {@link createTieredLimiter}). */
export interface TieredLimiter<O extends string = string> extends Limiter<TieredState, TieredHit<O>> {
  readonly windowMs: number;
  readonly tiers: readonly Tier<O>[];
  readonly beyond: O;
  readonly mode: LimiterMode;
  /** Buckets per window (1 in exact mode, where it is meaningless). */
  readonly buckets: number;
  readonly countBeyond: boolean;
  /** Entries (exact) or per-bucket saturation (approximate) bound: the largest `upTo`. */
  readonly capacity: number;
}

const MAX_EXACT_CAPACITY = 100_000;
const MAX_BUCKETS = 1000;
const FIX = 'see TieredLimiterOptions (e.g. the preset inboundUpdateLimit)';

/**
 * Creates a tiered sliding-window limiter: within any `windowMs`, the first `tiers[0].upTo` hits get
 * `tiers[0].outcome`, the next up to `tiers[1].upTo` get `tiers[1].outcome`, and so on; beyond the last tier,
 * `beyond`. Pure: time comes in as `nowMs`, the state comes in and a new state goes out.
 *
 * The clock is treated as monotonic: a `nowMs` earlier than one already seen counts as the latest time seen,
 * so a clock stepping backwards never frees capacity.
 *
 * @rule LOOP-6
 * @example
 * const limiter = createTieredLimiter(inboundUpdateLimit);
 * let state: TieredState | undefined;
 * const hit = limiter.hit(state, Date.now());
 * state = hit.state; // store it under the sender's key
 * if (hit.outcome === 'reject') console.log(`retry in ${hit.retryAfterMs} ms`);
 */
export function createTieredLimiter<O extends string>(options: TieredLimiterOptions<O>): TieredLimiter<O> {
  if (options === null || typeof options !== 'object')
    throw new TypeError(`options must be an object: ${FIX}`);
  const { windowMs, tiers, beyond } = options;
  const mode = options.mode ?? 'exact';
  const countBeyond = options.countBeyond ?? true;
  assertPositiveInteger(windowMs, 'windowMs', FIX);
  if (mode !== 'exact' && mode !== 'approximate') {
    throw new RangeError(`mode must be 'exact' or 'approximate', got ${String(mode)}`);
  }
  if (!Array.isArray(tiers) || tiers.length === 0)
    throw new RangeError(`tiers must be a non-empty array: ${FIX}`);
  let previous = -1;
  for (const tier of tiers) {
    assertNonNegativeInteger(tier?.upTo, 'tiers[].upTo', FIX);
    if (tier.upTo <= previous) throw new RangeError(`tiers[].upTo must strictly increase: ${FIX}`);
    if (typeof tier.outcome !== 'string') throw new TypeError(`tiers[].outcome must be a string: ${FIX}`);
    previous = tier.upTo;
  }
  if (typeof beyond !== 'string') throw new TypeError(`beyond must be a string outcome: ${FIX}`);
  if (typeof countBeyond !== 'boolean') throw new TypeError('countBeyond must be a boolean');
  const capacity = previous;
  const frozenTiers = Object.freeze(tiers.map((t) => Object.freeze({ upTo: t.upTo, outcome: t.outcome })));
  const upTos = frozenTiers.map((t) => t.upTo);
  const outcomes = frozenTiers.map((t) => t.outcome);
  const firstUpTo = upTos[0]!;

  const classify = (count: number): number => {
    let i = 0;
    while (i < upTos.length && count > upTos[i]!) i++;
    return i;
  };

  if (mode === 'exact') {
    if (capacity > MAX_EXACT_CAPACITY) {
      throw new RangeError(
        `exact mode keeps one time per unit of the largest upTo (${capacity}); above ${MAX_EXACT_CAPACITY} use mode: 'approximate'`,
      );
    }
    if (options.buckets !== undefined) throw new RangeError("buckets applies to mode: 'approximate' only");
    const hit = (state: TieredState | undefined, nowMs: number, cost = 1): TieredHit<O> => {
      assertNow(nowMs);
      assertCost(cost);
      let times: readonly number[] = EMPTY;
      let latest = nowMs;
      if (state !== undefined) {
        if (state.kind !== 'exact') throw new TypeError('state belongs to an approximate-mode limiter');
        times = state.times;
        if (state.latestMs > latest) latest = state.latestMs;
      }
      const cutoff = latest - windowMs;
      const n = times.length;
      let first = 0;
      while (first < n && times[first]! <= cutoff) first++;
      const count = n - first + cost;
      const tier = classify(count);
      const counted = countBeyond || tier < upTos.length;
      let next: number[];
      if (counted) {
        const add = Math.min(cost, capacity);
        const from = Math.max(first, n + add - capacity);
        if (from >= add) {
          // A full or expiring window: copy into an array of the final length (no growth on push).
          next = times.slice(from - add);
          let j = 0;
          for (let i = from; i < n; i++) next[j++] = times[i]!;
          while (j < next.length) next[j++] = latest;
        } else {
          next = times.slice(from);
          for (let k = 0; k < add; k++) next.push(latest);
        }
      } else {
        next = times.slice(first);
      }
      let retryAfterMs = 0;
      if (tier > 0) {
        const allowed = firstUpTo - cost;
        if (allowed < 0) retryAfterMs = Number.POSITIVE_INFINITY;
        else {
          const expire = next.length - allowed - 1;
          retryAfterMs = expire < 0 ? 0 : next[expire]! + windowMs - nowMs;
        }
      }
      return {
        outcome: tier < outcomes.length ? outcomes[tier]! : beyond,
        tier,
        count,
        state: { kind: 'exact', latestMs: latest, times: next },
        retryAfterMs,
      };
    };
    return Object.freeze({
      windowMs,
      tiers: frozenTiers,
      beyond,
      mode,
      buckets: 1,
      countBeyond,
      capacity,
      idleMs: windowMs,
      hit,
      encodeState: (state: TieredState): string => {
        if (state?.kind !== 'exact') throw new TypeError('encodeState: not an exact-mode state');
        return encodeExactState('e1', state.latestMs, state.times);
      },
      decodeState: (text: string): DecodeStateResult<TieredState> => {
        const decoded = decodeExactState('e1', text, capacity);
        if (!decoded.ok) return decoded;
        return { ok: true, state: { kind: 'exact', latestMs: decoded.latestMs, times: decoded.times } };
      },
    });
  }

  const buckets = options.buckets ?? 10;
  assertPositiveInteger(buckets, 'buckets', 'use e.g. 10 (the window then runs up to 10% long)');
  if (buckets > MAX_BUCKETS)
    throw new RangeError(`buckets above ${MAX_BUCKETS}: use exact mode for that precision`);
  if (windowMs % buckets !== 0) {
    throw new RangeError(`windowMs (${windowMs}) must be a multiple of buckets (${buckets})`);
  }
  const bucketMs = windowMs / buckets;
  const slots = buckets + 1;
  // Not frozen: slicing a frozen array takes a slow path in V8, and this template never leaves the closure.
  const ZERO: readonly number[] = Array.from({ length: slots }, () => 0);
  const hit = (state: TieredState | undefined, nowMs: number, cost = 1): TieredHit<O> => {
    assertNow(nowMs);
    assertCost(cost);
    let bucket = Math.floor(nowMs / bucketMs);
    let counts: number[];
    let sum = 0;
    if (state === undefined) counts = ZERO.slice();
    else {
      if (state.kind !== 'approximate') throw new TypeError('state belongs to an exact-mode limiter');
      const old = state.counts;
      if (old.length !== slots) {
        throw new TypeError(
          `state has ${old.length - 1} buckets, this limiter ${buckets}: decode stored states instead`,
        );
      }
      if (state.bucket >= bucket) {
        // Same bucket, or the clock went back: charge the hit to the newest bucket seen.
        bucket = state.bucket;
        counts = old.slice();
        sum = state.total;
      } else {
        const shift = bucket - state.bucket;
        if (shift >= slots) counts = ZERO.slice();
        else {
          // Drop the `shift` oldest buckets, append as many empty ones.
          sum = state.total;
          for (let i = 0; i < shift; i++) sum -= old[i]!;
          counts = ZERO.slice();
          for (let i = shift; i < slots; i++) counts[i - shift] = old[i]!;
        }
      }
    }
    const count = sum + cost;
    const tier = classify(count);
    if (countBeyond || tier < upTos.length) {
      const before = counts[buckets]!;
      const after = Math.min(before + cost, capacity);
      counts[buckets] = after;
      sum += after - before;
    }
    let retryAfterMs = 0;
    if (tier > 0) {
      const allowed = firstUpTo - cost;
      if (allowed < 0) retryAfterMs = Number.POSITIVE_INFINITY;
      else {
        // Drop buckets oldest first until what remains fits; bucket i leaves at (bucket - buckets + i + 1 + buckets).
        let remaining = sum;
        let i = 0;
        while (remaining > allowed && i < slots) remaining -= counts[i++]!;
        retryAfterMs = i === 0 ? 0 : (bucket + i) * bucketMs - nowMs;
      }
    }
    return {
      outcome: tier < outcomes.length ? outcomes[tier]! : beyond,
      tier,
      count,
      state: { kind: 'approximate', bucket, counts, total: sum },
      retryAfterMs,
    };
  };
  return Object.freeze({
    windowMs,
    tiers: frozenTiers,
    beyond,
    mode,
    buckets,
    countBeyond,
    capacity,
    idleMs: windowMs + bucketMs,
    hit,
    encodeState: (state: TieredState): string => {
      if (state?.kind !== 'approximate') throw new TypeError('encodeState: not an approximate-mode state');
      return encodeBucketState('a1', state.bucket, state.counts);
    },
    decodeState: (text: string): DecodeStateResult<TieredState> => {
      const decoded = decodeBucketState('a1', text, slots, capacity);
      if (!decoded.ok) return decoded;
      let total = 0;
      for (const c of decoded.counts) total += c;
      return {
        ok: true,
        state: { kind: 'approximate', bucket: decoded.bucket, counts: decoded.counts, total },
      };
    },
  });
}

const EMPTY: readonly number[] = Object.freeze([]);
