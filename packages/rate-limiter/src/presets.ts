// Presets: the limits the rules name, as data a consumer can read, copy and change.
import type { WindowLimit } from './multi-window-limiter.js';
import type { SendQuotaOptions } from './send-quota.js';
import type { TieredLimiterOptions } from './tiered-limiter.js';

/** Outcomes of the inbound update limit. */
export type InboundOutcome = 'accept' | 'suspend' | 'reject';

const HOUR = 3_600_000;

/**
 * LOOP-6: per sender and hour, 20 updates accepted, the 21st to 40th suspended, beyond rejected. Exact mode; pass
 * `{ ...inboundUpdateLimit, mode: 'approximate' }` for O(1) state.
 *
 * @rule LOOP-6
 * @example
 * const limiter = createTieredLimiter(inboundUpdateLimit);
 */
export const inboundUpdateLimit: TieredLimiterOptions<InboundOutcome> = Object.freeze({
  windowMs: HOUR,
  tiers: Object.freeze([
    Object.freeze({ upTo: 20, outcome: 'accept' as const }),
    Object.freeze({ upTo: 40, outcome: 'suspend' as const }),
  ]),
  beyond: 'reject',
  mode: 'exact',
});

/**
 * Automatic replies to one recipient: at most 10 in 10 minutes, 25 in an hour, 100 in 10 hours.
 *
 * @rule LOOP-8
 * @example
 * const limiter = createMultiWindowLimiter(outboundAutoReplyLimits);
 */
export const outboundAutoReplyLimits: readonly WindowLimit[] = Object.freeze([
  Object.freeze({ windowMs: 10 * 60_000, limit: 10 }),
  Object.freeze({ windowMs: HOUR, limit: 25 }),
  Object.freeze({ windowMs: 10 * HOUR, limit: 100 }),
]);

/**
 * GMAIL-5: a Gmail account sends at most 500 messages in a rolling day; the admin is warned from the 450th (90%).
 *
 * @rule GMAIL-5
 * @example
 * const quota = createSendQuota(gmailQuota);
 */
export const gmailQuota: SendQuotaOptions = Object.freeze({ limit: 500, windowMs: 24 * HOUR, warnAt: 450 });

/**
 * GMAIL-5: a Google Workspace account sends at most 2,000 messages in a rolling day; warned from the 1,800th.
 *
 * @rule GMAIL-5
 * @example
 * const quota = createSendQuota(googleWorkspaceQuota);
 */
export const googleWorkspaceQuota: SendQuotaOptions = Object.freeze({
  limit: 2000,
  windowMs: 24 * HOUR,
  warnAt: 1800,
});
