import type { DecodeStateResult, HitResultBase, Limiter } from './limiter.js';
import { decodeExactState, encodeExactState } from './state-codec.js';
import { assertCost, assertNow, assertPositiveInteger } from './validate.js';

/** At most `limit` allowed hits within any `windowMs`. */
export interface WindowLimit {
  readonly windowMs: number;
  readonly limit: number;
}

/** State of a multi-window limiter: the times (ascending) of the most recent allowed hits, one per unit of cost,
 * at most the largest `limit` of them, and the latest time seen. */
export interface MultiWindowState {
  readonly kind: 'multi-window';
  readonly latestMs: number;
  readonly times: readonly number[];
}

/** What {@link MultiWindowLimiter.hit} decides. */
export interface MultiWindowHit extends HitResultBase<MultiWindowState> {
  readonly outcome: 'allow' | 'deny';
  /** Per window (same order as the options), allowed hits in it including this one's cost. */
  readonly counts: readonly number[];
  /** The count in the longest window (the same shape as a tiered hit's `count`). */
  readonly count: number;
  /** Indexes of the windows whose limit this hit would exceed (empty when allowed). */
  readonly blockedBy: readonly number[];
}

/** A limiter that must satisfy several windows at once (see {@link createMultiWindowLimiter}). */
export interface MultiWindowLimiter extends Limiter<MultiWindowState, MultiWindowHit> {
  readonly windows: readonly WindowLimit[];
}

const FIX = 'pass e.g. outboundAutoReplyLimits: [{ windowMs: 600_000, limit: 10 }, ...]';

/**
 * Creates a limiter that allows a hit only when every window still has room, e.g. automatic replies to one
 * recipient: 10 in 10 minutes, 25 in an hour, 100 in 10 hours. Denied hits do NOT count: the limit is on what is
 * actually sent, and what is denied is not sent. Exact sliding windows; memory bounded by the largest `limit`.
 * The clock is treated as monotonic (an earlier `nowMs` counts as the latest time seen). Limits the
 * notifications being sent, whatever channel triggered them (LOOP-8).
 *
 * @rule LOOP-8
 * @example
 * const limiter = createMultiWindowLimiter(outboundAutoReplyLimits);
 * const hit = limiter.hit(undefined, Date.now());
 * if (hit.outcome === 'deny') console.log(`windows ${hit.blockedBy.join(',')} are full`);
 */
export function createMultiWindowLimiter(windows: readonly WindowLimit[]): MultiWindowLimiter {
  if (!Array.isArray(windows) || windows.length === 0)
    throw new RangeError(`windows must be a non-empty array: ${FIX}`);
  for (const w of windows) {
    assertPositiveInteger(w?.windowMs, 'windows[].windowMs', FIX);
    assertPositiveInteger(w.limit, 'windows[].limit', FIX);
    if (w.limit > 100_000)
      throw new RangeError('windows[].limit above 100000: use a tiered approximate limiter');
  }
  const frozen = Object.freeze(windows.map((w) => Object.freeze({ windowMs: w.windowMs, limit: w.limit })));
  const spans = frozen.map((w) => w.windowMs);
  const limits = frozen.map((w) => w.limit);
  const capacity = Math.max(...limits);
  const longest = Math.max(...spans);
  const longestIndex = spans.indexOf(longest);
  const EMPTY: readonly number[] = Object.freeze([]);

  const hit = (state: MultiWindowState | undefined, nowMs: number, cost = 1): MultiWindowHit => {
    assertNow(nowMs);
    assertCost(cost);
    let times: readonly number[] = EMPTY;
    let latest = nowMs;
    if (state !== undefined) {
      if (state.kind !== 'multi-window') throw new TypeError('state is not a multi-window state');
      times = state.times;
      if (state.latestMs > latest) latest = state.latestMs;
    }
    const n = times.length;
    const firsts: number[] = [];
    const counts: number[] = [];
    const blockedBy: number[] = [];
    for (let w = 0; w < spans.length; w++) {
      const cutoff = latest - spans[w]!;
      let first = 0;
      while (first < n && times[first]! <= cutoff) first++;
      firsts.push(first);
      counts.push(n - first + cost);
      if (n - first + cost > limits[w]!) blockedBy.push(w);
    }
    const allowed = blockedBy.length === 0;
    const firstKept = firsts[longestIndex]!;
    let next: number[];
    if (allowed) {
      const add = Math.min(cost, capacity);
      const from = Math.max(firstKept, n + add - capacity);
      next = times.slice(from);
      for (let k = 0; k < add; k++) next.push(latest);
    } else {
      next = times.slice(firstKept);
    }
    let retryAfterMs = 0;
    for (const w of blockedBy) {
      const room = limits[w]! - cost;
      if (room < 0) {
        retryAfterMs = Number.POSITIVE_INFINITY;
        break;
      }
      const expire = next.length - room - 1;
      if (expire >= 0) retryAfterMs = Math.max(retryAfterMs, next[expire]! + spans[w]! - nowMs);
    }
    return {
      outcome: allowed ? 'allow' : 'deny',
      counts,
      count: counts[longestIndex]!,
      blockedBy,
      state: { kind: 'multi-window', latestMs: latest, times: next },
      retryAfterMs,
    };
  };

  return Object.freeze({
    windows: frozen,
    idleMs: longest,
    hit,
    encodeState: (state: MultiWindowState): string => {
      if (state?.kind !== 'multi-window') throw new TypeError('encodeState: not a multi-window state');
      return encodeExactState('m1', state.latestMs, state.times);
    },
    decodeState: (text: string): DecodeStateResult<MultiWindowState> => {
      const decoded = decodeExactState('m1', text, capacity);
      if (!decoded.ok) return decoded;
      return { ok: true, state: { kind: 'multi-window', latestMs: decoded.latestMs, times: decoded.times } };
    },
  });
}
