export type {
  AuthResultEntry,
  AuthResultProperty,
  ParsedAuthenticationResults,
} from './authentication-results.js';
export {
  AUTH_RESULTS_LIMITS,
  authResultProperty,
  formatAuthComment,
  formatAuthValue,
  parseAuthenticationResults,
} from './authentication-results.js';
export type { AuthState, Disposition, DispositionTable, UnauthenticatedClass } from './disposition.js';
export { DISPOSITION_TABLE, decideDisposition } from './disposition.js';
export type { DnsLimits, DnsQueryLogEntry, DnsQueryOutcome, DnsStage } from './dns-query-broker.js';
export type {
  DnsAnswer,
  DnsErrorReason,
  DnsQueryOptions,
  DnsResolver,
  MxRecord,
  RecordsByType,
  RRType,
} from './dns-resolver.js';
export { evaluateAuthentication } from './evaluate.js';
export type { DnsZone, MemoryResolverOptions, ZoneEntry, ZoneFailure } from './memory-resolver.js';
export { createMemoryResolver } from './memory-resolver.js';
export type { AuthMode, AuthPolicy, AuthPolicyOptions, AuthRoute, DkimRules } from './policy.js';
export {
  DEFAULT_DKIM_RULES,
  DEFAULT_DNS_LIMITS,
  DEFAULT_MAX_MESSAGE_BYTES,
  resolveAuthPolicy,
} from './policy.js';
export type { AuthReasonCode, ReasonCodeInfo } from './reason-codes.js';
export { AUTH_REASON_CODES } from './reason-codes.js';
export type {
  ArcVerdict,
  AuthInput,
  AuthMethod,
  AuthVerdict,
  DkimNote,
  DkimSignatureVerdict,
  DmarcVerdict,
  RelayFacts,
  SmtpEnvelope,
  SpfVerdict,
  UpstreamVerdict,
} from './verdict.js';
