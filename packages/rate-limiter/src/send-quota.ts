import type { DecodeStateResult, HitResultBase, Limiter, LimiterMode } from './limiter.js';
import { createTieredLimiter, type TieredLimiter, type TieredState } from './tiered-limiter.js';
import { assertPositiveInteger } from './validate.js';

/** Options of {@link createSendQuota}. */
export interface SendQuotaOptions {
  /** Sends allowed within any `windowMs` through the provider. */
  readonly limit: number;
  /** The provider's rolling window (Gmail: 24 hours). */
  readonly windowMs: number;
  /** From the send that brings the window's count to `warnAt`, the outcome is `send-and-warn`. */
  readonly warnAt: number;
  /** `exact` (default) or `approximate` (smaller state; may fall back up to one bucket early). */
  readonly mode?: LimiterMode;
  /** Approximate mode only: buckets per window (default 24). */
  readonly buckets?: number;
}

/** What a send quota decides for one outgoing message. */
export type SendQuotaOutcome = 'send' | 'send-and-warn' | 'fallback';

/** What {@link SendQuota.hit} decides. */
export interface SendQuotaHit extends HitResultBase<TieredState> {
  /** `send` through the provider; `send-and-warn`: send, and warn the admin the quota is near;
   * `fallback`: the quota is used up, send through the helpdesk's own servers instead (not counted). */
  readonly outcome: SendQuotaOutcome;
  /** Sends still possible through the provider in the current window after this decision. */
  readonly remaining: number;
  /** Provider sends in the window including this one (when sent). */
  readonly count: number;
}

/** A provider send quota (see {@link createSendQuota}). */
export interface SendQuota extends Limiter<TieredState, SendQuotaHit> {
  readonly limit: number;
  readonly windowMs: number;
  readonly warnAt: number;
}

/**
 * Creates a provider send quota such as Gmail's 500 messages a day: sends are counted in a rolling window; from
 * `warnAt` on the admin is warned; past `limit` the message falls back to the helpdesk's own servers, and that
 * fallback send does not count against the provider.
 *
 * @rule GMAIL-5
 * @example
 * const quota = createSendQuota(gmailQuota);
 * const decision = quota.hit(undefined, Date.now());
 * if (decision.outcome === 'fallback') console.log('send through our own servers');
 */
export function createSendQuota(options: SendQuotaOptions): SendQuota {
  const fix = 'see SendQuotaOptions (e.g. the preset gmailQuota)';
  if (options === null || typeof options !== 'object')
    throw new TypeError(`options must be an object: ${fix}`);
  const { limit, windowMs, warnAt } = options;
  assertPositiveInteger(limit, 'limit', fix);
  assertPositiveInteger(warnAt, 'warnAt', fix);
  if (warnAt > limit) throw new RangeError(`warnAt (${warnAt}) must not exceed limit (${limit}): ${fix}`);
  const mode = options.mode ?? 'exact';
  if (mode !== 'approximate' && options.buckets !== undefined) {
    throw new RangeError("buckets applies to mode: 'approximate' only");
  }
  const tiered = createTieredLimiter<SendQuotaOutcome>({
    windowMs,
    tiers: [
      { upTo: warnAt - 1, outcome: 'send' },
      { upTo: limit, outcome: 'send-and-warn' },
    ],
    beyond: 'fallback',
    mode,
    countBeyond: false,
    ...(mode === 'approximate' ? { buckets: options.buckets ?? 24 } : {}),
  });
  const hit = (state: TieredState | undefined, nowMs: number, cost = 1): SendQuotaHit => {
    const r = tiered.hit(state, nowMs, cost);
    const used = r.outcome === 'fallback' ? r.count - cost : r.count;
    return {
      outcome: r.outcome,
      remaining: Math.max(0, limit - used),
      count: used,
      state: r.state,
      retryAfterMs: r.outcome === 'fallback' ? fallbackRetry(tiered, r.state, nowMs, cost) : 0,
    };
  };
  return Object.freeze({
    limit,
    windowMs,
    warnAt,
    idleMs: tiered.idleMs,
    hit,
    encodeState: (state: TieredState): string => tiered.encodeState(state),
    decodeState: (text: string): DecodeStateResult<TieredState> => tiered.decodeState(text),
  });
}

// For a quota the useful wait is until the provider takes a send again (not until the `send` tier is back),
// found by probing the limiter: a fallback does not change the state, so probing is side-effect free.
function fallbackRetry(
  tiered: TieredLimiter<SendQuotaOutcome>,
  state: TieredState,
  nowMs: number,
  cost: number,
): number {
  if (cost > tiered.capacity) return Number.POSITIVE_INFINITY;
  if (state.kind === 'exact') {
    const times = state.times;
    const cutoff = state.latestMs - tiered.windowMs;
    let first = 0;
    while (first < times.length && times[first]! <= cutoff) first++;
    const expire = times.length - (tiered.capacity - cost) - 1;
    return expire < first ? 0 : times[expire]! + tiered.windowMs - nowMs;
  }
  const bucketMs = tiered.windowMs / tiered.buckets;
  let remaining = 0;
  for (const c of state.counts) remaining += c;
  let i = 0;
  while (remaining > tiered.capacity - cost && i < state.counts.length) remaining -= state.counts[i++]!;
  return i === 0 ? 0 : (state.bucket + i) * bucketMs - nowMs;
}
