export type {
  Category,
  Classification,
  DeliveryRecipient,
  Evidence,
  HelpdeskMatch,
  ReportSummary,
  Strength,
} from './classification.js';
export { CATEGORIES } from './classification.js';
export { classifyMessage } from './classify.js';
export { HELPDESK_FINGERPRINTS } from './helpdesks.js';
export type { ClassifierLimits, ClassifyOptions } from './options.js';
export { DEFAULT_CLASSIFIER_LIMITS } from './options.js';
export { CLASSIFIER_PATTERNS } from './patterns.js';
export type { SignalInfo } from './signals.js';
export { SIGNALS } from './signals.js';
export type {
  EspMarker,
  ExtraSignatures,
  HeaderMatcher,
  HeaderSignature,
  HelpdeskFingerprint,
  ReportBodyPhrase,
  ReportSubjectPhrase,
  SignatureTables,
  SubjectPhrase,
  SystemSender,
} from './signatures.js';
export {
  AUTO_REPLY_SUBJECTS,
  CALENDAR_RESPONSE_SUBJECTS,
  ESP_MARKERS,
  HEADER_SIGNATURES,
  NO_REPLY_LOCAL_PARTS,
  OUT_OF_OFFICE_SUBJECTS,
  REPORT_BODY_PHRASES,
  REPORT_SUBJECTS,
  SYSTEM_SENDER_NAMES,
  SYSTEM_SENDERS,
} from './signatures.js';
export type { Kind } from './summary.js';
export { summarizeKind } from './summary.js';
