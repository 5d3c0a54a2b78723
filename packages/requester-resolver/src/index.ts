export { addressPatternProblem, MAX_PATTERN_LENGTH, MAX_PATTERNS } from './address-patterns.js';
export type { ResolutionColumns } from './columns.js';
export { resolutionColumns } from './columns.js';
export type { ResolverCliInput } from './context.js';
export { parseResolverContext, resolverContextFromCli } from './context.js';
export type { FailedRecipient } from './final-recipient.js';
export { findFailedRecipient } from './final-recipient.js';
export {
  DEFAULT_FORWARD_TABLES,
  FORWARD_BLOCK_MARKERS,
  FORWARD_HEADER_LABELS,
  FORWARD_SUBJECT_PREFIXES,
} from './forward-tables.js';
export type { ForwardedOriginal } from './forwarded-block.js';
export { findForwardedOriginal, isForwardSubject } from './forwarded-block.js';
export type { ForwardingAnalysis, ForwardingMarker } from './forwarding-hops.js';
export { analyseForwarding, FORWARDING_MARKERS, ROUTING_DOMAIN_SUFFIXES } from './forwarding-hops.js';
export { DEFAULT_RESOLVER_LIMITS } from './limits.js';
export type { ListSoftwareSignature } from './list-rewriting.js';
export {
  ENVELOPE_SENDER_FIELDS,
  LIST_SOFTWARE_SIGNATURES,
  ORIGINAL_SENDER_FIELDS,
} from './list-rewriting.js';
export type { MessageInputs, RequesterResolver } from './resolve.js';
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
