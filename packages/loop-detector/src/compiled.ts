import type { Category } from '@mailroom/header-classifier';
import {
  createMultiWindowLimiter,
  createTieredLimiter,
  type InboundOutcome,
  type MultiWindowLimiter,
  type TieredLimiter,
} from '@mailroom/rate-limiter';
import { createRequesterResolver, type RequesterResolver } from '@mailroom/requester-resolver';
import type { LoopPolicy } from './policy.js';

/** What a policy compiles to: limiters, the resolver and lookup sets, built once per policy object. */
export interface CompiledPolicy {
  readonly senderLimiter: TieredLimiter<InboundOutcome>;
  readonly fingerprintLimiter: TieredLimiter<InboundOutcome> | null;
  readonly outboundLimiter: MultiWindowLimiter;
  readonly resolve: RequesterResolver;
  readonly suspend: ReadonlySet<Category>;
  readonly suppress: ReadonlySet<Category>;
}

// Memoisation of a pure derivation, keyed by the (frozen) policy object: same policy in, same limiters out. It
// keeps no state about messages, so decisions stay pure.
const cache = new WeakMap<LoopPolicy, CompiledPolicy>();

/** Compiles (once) the parts of a policy that are costly to build per message. */
export function compilePolicy(policy: LoopPolicy): CompiledPolicy {
  if (policy === null || typeof policy !== 'object' || !Array.isArray(policy.supportAddresses)) {
    throw new TypeError('policy must come from createPolicy(), zendeskPolicy() or ateraPolicy()');
  }
  const hit = cache.get(policy);
  if (hit !== undefined) return hit;
  const compiled: CompiledPolicy = {
    senderLimiter: createTieredLimiter(policy.inboundLimit),
    fingerprintLimiter:
      policy.fingerprintLimit === null ? null : createTieredLimiter(policy.fingerprintLimit),
    outboundLimiter: createMultiWindowLimiter(policy.outboundAutoReplyLimits),
    resolve: createRequesterResolver({
      supportAddresses: policy.supportAddresses,
      systemAddresses: policy.systemAddresses,
      partnerAddresses: policy.partnerAddresses,
      agentAddresses: policy.agentAddresses,
      replyToPolicy: policy.replyToPolicy,
    }),
    suspend: new Set(policy.suspendCategories),
    suppress: new Set(policy.suppressCategories),
  };
  cache.set(policy, compiled);
  return compiled;
}
