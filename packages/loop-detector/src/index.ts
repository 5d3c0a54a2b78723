export type { AutoReplyContext, AutoReplyMessage, AutoReplyReason, AutoReplyVerdict } from './auto-reply.js';
export { mayAutoReply, RESPONDER_SYSTEM_LOCAL_PARTS } from './auto-reply.js';
export type { FingerprintOptions } from './fingerprint.js';
export {
  bodyShingleHash,
  contentFingerprint,
  DEFAULT_FINGERPRINT_OPTIONS,
  normalizeSubject,
  SUBJECT_PREFIXES,
} from './fingerprint.js';
export type { HelpdeskModel, MailroomEngine, ModelMail, ModelResult } from './helpdesk-model.js';
export { createHelpdeskModel, mailroomEngine } from './helpdesk-model.js';
export { hmacSha256, sha256, toHex } from './hmac.js';
export type {
  AuthVerdictLike,
  InboundAction,
  InboundDecision,
  InboundInput,
  LimitStateLookup,
  LimitUpdate,
  Suppression,
  TicketMarker,
} from './inbound.js';
export { decideInbound } from './inbound.js';
export type { MarkerPayload, NotificationKind } from './marker.js';
export { ownMessageId, signMarker, verifyMarker } from './marker.js';
export type {
  Notification,
  NotificationPlan,
  OutboundIds,
  RelayViolation,
  SuppressedRecipient,
  TicketFacts,
} from './outbound.js';
export {
  checkRelayedHeaders,
  NOTIFICATION_KIND_HEADER,
  outboundHeaders,
  outboundLimitKey,
  planNotification,
} from './outbound.js';
export type {
  AteraPolicyOptions,
  AuthenticationMode,
  HeaderPair,
  IdentificationPolicy,
  LoopPolicy,
  PolicyOptions,
  ZendeskPolicyOptions,
} from './policy.js';
export {
  ateraPolicy,
  createPolicy,
  DEFAULT_SUPPRESS_CATEGORIES,
  DEFAULT_SUSPEND_CATEGORIES,
  fingerprintLimitDefault,
  MAILROOM_LOOP_HEADER,
  MAILROOM_MARKER_HEADER,
  zendeskPolicy,
} from './policy.js';
export type { Reason, ReasonCode, ReasonCodeInfo } from './reasons.js';
export { REASON_CODES } from './reasons.js';
export type {
  LoadPolicyResult,
  PolicyProblem,
  TriageComputed,
  TriageDecider,
  TriageVerdict,
} from './triage.js';
export { createTriageDecider, loadPolicy } from './triage.js';
