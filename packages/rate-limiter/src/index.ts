export type { KeyedStore, KeyedStoreOptions, KeyedStoreStats } from './keyed-store.js';
export { createKeyedStore } from './keyed-store.js';
export type { LimitKey, LimitKeyKind, LimitSubject } from './limit-keys.js';
export {
  fingerprintKey,
  limitKeyPrefixes,
  limitKeysFor,
  senderDomainKey,
  senderKey,
  strictestHit,
  threadKey,
} from './limit-keys.js';
export type { DecodeStateResult, HitResultBase, Limiter, LimiterMode, StateProblem } from './limiter.js';
export type {
  MultiWindowHit,
  MultiWindowLimiter,
  MultiWindowState,
  WindowLimit,
} from './multi-window-limiter.js';
export { createMultiWindowLimiter } from './multi-window-limiter.js';
export type { InboundOutcome } from './presets.js';
export { gmailQuota, googleWorkspaceQuota, inboundUpdateLimit, outboundAutoReplyLimits } from './presets.js';
export type { SendQuota, SendQuotaHit, SendQuotaOptions, SendQuotaOutcome } from './send-quota.js';
export { createSendQuota } from './send-quota.js';
export type {
  BucketWindowState,
  ExactWindowState,
  Tier,
  TieredHit,
  TieredLimiter,
  TieredLimiterOptions,
  TieredState,
} from './tiered-limiter.js';
export { createTieredLimiter } from './tiered-limiter.js';
