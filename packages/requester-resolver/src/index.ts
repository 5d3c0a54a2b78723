export { parseResolverContext } from './context.js';
export { DEFAULT_RESOLVER_LIMITS } from './limits.js';
export type { RequesterResolver } from './resolve.js';
export { createRequesterResolver, resolveRequester } from './resolve.js';
export type {
  AddressPattern,
  BounceRequesterMode,
  CcAddress,
  ExcludedAddress,
  ExclusionReason,
  ForwardBlockMarker,
  ForwardHeaderLabel,
  ForwardingHop,
  ForwardLabelField,
  ForwardSubjectPrefix,
  ForwardTables,
  RecipientSource,
  ReplyToPolicy,
  Requester,
  RequesterResolution,
  RequesterSource,
  ResolverContext,
  ResolverContextProblem,
  ResolverLimits,
  ResolverWarning,
  ResolverWarningCode,
  SmtpEnvelope,
  SupportAddressInput,
  SupportRecipient,
} from './types.js';
