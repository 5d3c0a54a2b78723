export type { ConnectorValidationResult, ConnectorValidator } from './connector-kind.js';
export {
  CONNECTOR_VALIDATORS,
  detectConnectorKind,
  validateConnectorConfig,
  WARNING_ONLY_FIELDS,
} from './connector-kind.js';
export type {
  CredentialRotationEvent,
  CredentialRotationState,
  CredentialRotationTransition,
  CredentialSetRef,
} from './credential-rotation.js';
export { CREDENTIAL_ROTATION_STATUSES, transitionCredentials } from './credential-rotation.js';
export type { CustomSmtpContext } from './custom-smtp.js';
export { validateCustomSmtp } from './custom-smtp.js';
export { EXCHANGE_ONLINE_HOSTS, validateExchangeConnector } from './exchange-connector.js';
export type { FieldRule } from './field-rules.js';
export { SCHEMA_FIELD_RULES } from './field-rules.js';
export { validateForwarding } from './forwarding.js';
export {
  GMAIL_INITIAL_IMPORT_LIMIT,
  GMAIL_POLL_INTERVAL_SECONDS,
  validateGmailConnector,
} from './gmail-connector.js';
export type {
  MailboxImportOptions,
  MailboxImportPlan,
  MailboxMessageSummary,
  MailboxSkipReason,
  PlannedImport,
  SkippedMessage,
} from './import-plan.js';
export { INITIAL_IMPORT_LIMIT, planMailboxImport } from './import-plan.js';
export type { IpAllowlist, IpAllowlistEntry, RejectedIpAllowlistEntry } from './ip-allowlist.js';
export { createIpAllowlist, MAX_ALLOWLIST_ENTRIES } from './ip-allowlist.js';
export type {
  MailProvider,
  MailProviderProfile,
  PortProfile,
  SmtpConnectorLimits,
  TlsMode,
} from './presets.js';
export {
  DEFAULT_ROTATION_OVERLAP_MS,
  DEFAULT_SMTP_CONNECTOR_LIMITS,
  GMAIL_CONSUMER_DOMAINS,
  GMAIL_DAILY_SENDING_LIMITS,
  GMAIL_LIMIT_WARNING_SHARE,
  MAIL_PROVIDERS,
  PRIVATE_HOST_SUFFIXES,
  providerOfHost,
  SENDING_NETWORK_PRESETS,
  SMTP_PORTS,
} from './presets.js';
export type {
  ConfigProblem,
  ExistingSupportAddress,
  ProblemSeverity,
  SupportAddressChannel,
  ValidationContext,
  ValidationResult,
} from './problem.js';
export { DEFAULT_SYSTEM_ADDRESS_PATTERNS, jsonPath } from './problem.js';
export type { ConnectorRule, ConnectorRuleId } from './rules.js';
export { CONNECTOR_RULES, isConnectorRuleId } from './rules.js';
export type {
  ConnectorConfig,
  ConnectorKind,
  CustomSmtpConfig,
  ExchangeConnectorConfig,
  ForwardingConfig,
  GmailAccount,
  GmailConnectorConfig,
  InboundCredentialSet,
  JsonSchemaDocument,
  SmtpConnectorAddress,
  SmtpConnectorConfig,
  SmtpConnectorDomain,
  SmtpConnectorMode,
  SmtpOutboundSettings,
  VerificationStatus,
} from './schemas.js';
export {
  CONNECTOR_KINDS,
  CONNECTOR_SCHEMAS,
  connectorConfigSchema,
  connectorJsonSchema,
  customSmtpSchema,
  exchangeConnectorSchema,
  forwardingSchema,
  gmailConnectorSchema,
  smtpConnectorSchema,
} from './schemas.js';
export type { SmtpConnectorContext } from './smtp-connector.js';
export { validateSmtpConnector } from './smtp-connector.js';
export type { SmtpReplyDiagnosis, SmtpReplyMatch, SmtpReplyPattern, SmtpReplySignal } from './smtp-reply.js';
export { diagnoseSmtpReply, MAX_DIAGNOSED_LENGTH, SMTP_REPLY_PATTERNS } from './smtp-reply.js';
export { isPrivateHost } from './transport.js';
export { MAX_CONFIG_DEPTH, MAX_CONFIG_NODES } from './validate-common.js';
export type {
  AddressVerificationState,
  VerificationCheck,
  VerificationCheckState,
  VerificationEvent,
  VerificationTransition,
} from './verification.js';
export {
  DEFAULT_VERIFICATION_TIMEOUT_MS,
  initialVerification,
  transitionVerification,
  VERIFICATION_CHECKS_BY_MODE,
  VERIFICATION_STATUSES,
  verificationStatus,
} from './verification.js';
