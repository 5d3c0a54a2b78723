import type { Category, Strength } from './classification.js';

/**
 * Matches one header field. `header` is a lower-case field name, or a prefix ending in `*` (`x-mailgun-*`).
 * `pattern` is tested against the unfolded, trimmed value; without it, presence alone matches.
 */
export interface HeaderMatcher {
  readonly header: string;
  readonly pattern?: RegExp;
}

/** A vendor-neutral header rule: this header (with this value) is evidence for `category`. */
export interface HeaderSignature extends HeaderMatcher {
  /** Stable evidence id (listed in the README). */
  readonly signal: string;
  /** The category it supports; `null` when it only asks not to auto-reply. */
  readonly category: Category | null;
  readonly strength: Strength;
  /** True when the header also asks not to send an automatic reply. */
  readonly suppressAutoReply?: boolean;
  /** Where the marker is documented or seen. */
  readonly source: string;
}

/** How one helpdesk product marks the mail it sends. */
export interface HelpdeskFingerprint {
  /** Stable product id (`zendesk`). */
  readonly product: string;
  /** Display name (`Zendesk`). */
  readonly name: string;
  /** Any one of these identifies the product. */
  readonly markers: readonly HeaderMatcher[];
  /** Where the account or instance id is read: first capture group of `pattern` on `header`. */
  readonly accountId?: { readonly header: string; readonly pattern: RegExp };
  /**
   * Headers the product puts on EVERY outbound mail, agent replies included. On mail from this product these
   * alone do not make it automated (Zendesk stamps `Auto-Submitted: auto-generated` on agent replies).
   */
  readonly stamps?: readonly HeaderMatcher[];
  /** Headers only the product's own automatic mail carries (acknowledgements, notifications). */
  readonly automaticMarkers?: readonly HeaderMatcher[];
  /** Subject prefixes of the product's default automatic acknowledgements (lower-case compare). */
  readonly acknowledgementSubjects?: readonly string[];
  /** Where the markers are documented or seen. */
  readonly source: string;
}

/** A localized subject phrase. `strong` phrases classify alone; `weak` ones need corroborating evidence. */
export interface SubjectPhrase {
  readonly phrase: string;
  /** BCP 47 language tag. */
  readonly lang: string;
  readonly strength: 'strong' | 'weak';
  /** `prefix` (default): the subject starts with it; `contains`: anywhere (for phrases that are unambiguous). */
  readonly match?: 'prefix' | 'contains';
}

/** A subject phrase used by non-RFC bounces and delivery notices, with the category it indicates. */
export interface ReportSubjectPhrase extends SubjectPhrase {
  readonly category: 'bounce' | 'delivery-delay' | 'delivery-report' | 'read-receipt';
}

/** A marker left by an email service provider. `campaign` markers mean bulk; `transactional` ones machine mail. */
export interface EspMarker extends HeaderMatcher {
  readonly name: string;
  readonly kind: 'campaign' | 'transactional';
}

/** A sender local part that belongs to mail systems, not people. */
export interface SystemSender {
  /** Lower-case local part, compared whole; a trailing `*` compares a prefix. */
  readonly localPart: string;
  /** False for addresses people also read and write from (postmaster): these need corroboration. */
  readonly automated: boolean;
}

/** Every table a consumer can extend through `options.extraSignatures`. */
export interface SignatureTables {
  readonly headers: readonly HeaderSignature[];
  readonly helpdesks: readonly HelpdeskFingerprint[];
  readonly outOfOfficeSubjects: readonly SubjectPhrase[];
  readonly autoReplySubjects: readonly SubjectPhrase[];
  readonly reportSubjects: readonly ReportSubjectPhrase[];
  readonly espMarkers: readonly EspMarker[];
  readonly systemSenders: readonly SystemSender[];
  /** Compared against the local part with `.`, `-`, `_` and `+tags` removed, lower-cased, as a substring. */
  readonly noReplyLocalParts: readonly string[];
  /** Display names used by bounce senders (lower-case, compared whole). */
  readonly systemSenderNames: readonly string[];
  /** Wording of non-RFC bounces and delay warnings in the first text part (lower-case substrings). */
  readonly reportBodyPhrases: readonly ReportBodyPhrase[];
}

/** A phrase that non-RFC bounce and delay notices write in their first text part. */
export interface ReportBodyPhrase {
  /** Lower-case; compared as a substring of the whitespace-collapsed text. */
  readonly phrase: string;
  readonly category: 'bounce' | 'delivery-delay' | 'delivery-report' | 'feedback-report';
  /** Where the wording comes from (MTA or provider). */
  readonly source: string;
}

/** Additions to the default tables (appended, never replacing). */
export type ExtraSignatures = { readonly [K in keyof SignatureTables]?: SignatureTables[K] };

/** Vendor-neutral header rules (RFC 3834, vendor auto-reply flags, calendar and challenge-response systems). */
export const HEADER_SIGNATURES: readonly HeaderSignature[] = Object.freeze([
  {
    signal: 'x-autoreply',
    header: 'x-autoreply',
    pattern: /^(?:yes|true|1)\b/i,
    category: 'auto-reply',
    strength: 'strong',
    suppressAutoReply: true,
    source: 'Gmail, osTicket (`X-Autoreply: yes`); osTicket/Chatwoot check it',
  },
  {
    signal: 'x-autorespond',
    header: 'x-autorespond',
    category: 'auto-reply',
    strength: 'strong',
    suppressAutoReply: true,
    source: 'cPanel/Exim autoresponders; FreeScout and UVdesk check it',
  },
  {
    signal: 'x-autoresponder',
    header: 'x-autoresponder',
    category: 'auto-reply',
    strength: 'strong',
    suppressAutoReply: true,
    source: 'OpenSRS (`Will not send another autoreply for 86400 seconds`), freescout#4226',
  },
  {
    signal: 'x-autoresponse',
    header: 'x-autoresponse',
    category: 'auto-reply',
    strength: 'strong',
    suppressAutoReply: true,
    source: 'osTicket list',
  },
  {
    signal: 'x-autoreply-from',
    header: 'x-autoreply-from',
    category: 'auto-reply',
    strength: 'strong',
    suppressAutoReply: true,
    source: 'osTicket list',
  },
  {
    signal: 'x-mail-autoreply',
    header: 'x-mail-autoreply',
    category: 'auto-reply',
    strength: 'strong',
    suppressAutoReply: true,
    source: 'osTicket list',
  },
  {
    signal: 'x-autogenerated',
    header: 'x-autogenerated',
    pattern: /^reply\b/i,
    category: 'auto-reply',
    strength: 'strong',
    suppressAutoReply: true,
    source: 'osTicket, Jitbit (`X-Autogenerated: Reply`)',
  },
  {
    signal: 'x-autogenerated',
    header: 'x-autogenerated',
    pattern: /^(?:forward|group|letter|mirror|redirect)\b/i,
    category: 'auto-generated',
    strength: 'strong',
    suppressAutoReply: true,
    source: 'Exchange/Outlook auto-generated values',
  },
  {
    signal: 'x-apple-action',
    header: 'x-apple-action',
    pattern: /^vacation\b/i,
    category: 'out-of-office',
    strength: 'strong',
    suppressAutoReply: true,
    source: 'iCloud Mail vacation replies; sisimai RFC3834',
  },
  {
    signal: 'x-fc-machinegenerated',
    header: 'x-fc-machinegenerated',
    pattern: /^true\b/i,
    category: 'auto-generated',
    strength: 'strong',
    suppressAutoReply: true,
    source: 'FirstClass; Request Tracker checks it',
  },
  {
    signal: 'x-amazon-mail-relay-type',
    header: 'x-amazon-mail-relay-type',
    pattern: /^notification\b/i,
    category: 'auto-generated',
    strength: 'strong',
    suppressAutoReply: true,
    source: 'Amazon notifications; osTicket checks it',
  },
  {
    signal: 'zimbra-vacation',
    header: 'x-zimbra-autoreply',
    category: 'out-of-office',
    strength: 'strong',
    suppressAutoReply: true,
    source: 'Zimbra out-of-office replies',
  },
  {
    signal: 'delivered-to-autoresponder',
    header: 'delivered-to',
    pattern: /^autoresponder\b/i,
    category: 'auto-reply',
    strength: 'strong',
    suppressAutoReply: true,
    source: 'Plesk/qmail autoresponders; FreeScout checks it',
  },
  {
    signal: 'challenge-response',
    header: 'x-boxtrapper',
    category: 'challenge-response',
    strength: 'strong',
    suppressAutoReply: true,
    source: 'cPanel BoxTrapper verification mail',
  },
  {
    signal: 'challenge-response',
    header: 'x-tmda-confirm-done',
    category: 'challenge-response',
    strength: 'strong',
    suppressAutoReply: true,
    source: 'TMDA confirmation requests',
  },
  {
    signal: 'challenge-response',
    header: 'x-spamarrest-noauth',
    category: 'challenge-response',
    strength: 'strong',
    suppressAutoReply: true,
    source: 'SpamArrest verification mail',
  },
  {
    signal: 'challenge-response',
    header: 'x-asg-whitelist',
    pattern: /^challenge\b/i,
    category: 'challenge-response',
    strength: 'strong',
    suppressAutoReply: true,
    source: 'Barracuda sender verification',
  },
  {
    signal: 'x-apple-unsubscribe',
    header: 'x-apple-unsubscribe',
    pattern: /^true\b/i,
    category: 'feedback-report',
    strength: 'strong',
    suppressAutoReply: true,
    source: 'Apple Mail one-tap unsubscribe requests (sisimai arf-26)',
  },
  {
    signal: 'x-loop',
    header: 'x-loop',
    category: null,
    strength: 'weak',
    suppressAutoReply: true,
    source: 'Znuny/Zammad/procmail loop marker; a request not to answer, not proof of automation',
  },
  {
    signal: 'x-no-loop',
    header: 'x-no-loop',
    category: null,
    strength: 'weak',
    suppressAutoReply: true,
    source: 'Znuny checks it',
  },
  {
    signal: 'x-ms-exchange-generated-message-source',
    header: 'x-ms-exchange-generated-message-source',
    pattern: /^(?!mailbox rules agent)/i,
    category: 'auto-generated',
    strength: 'weak',
    suppressAutoReply: true,
    source: 'Exchange Online system-generated mail (NDRs, journal, quarantine notices)',
  },
]);

/** Subject phrases of out-of-office replies: the Outlook/Exchange prefix of each language, then common wording. */
export const OUT_OF_OFFICE_SUBJECTS: readonly SubjectPhrase[] = Object.freeze([
  // English
  { phrase: 'automatic reply:', lang: 'en', strength: 'strong' },
  { phrase: 'out of office:', lang: 'en', strength: 'strong' },
  { phrase: 'out of the office:', lang: 'en', strength: 'strong' },
  { phrase: 'out of office autoreply', lang: 'en', strength: 'strong' },
  { phrase: 'out of office reply', lang: 'en', strength: 'strong' },
  { phrase: 'ooo:', lang: 'en', strength: 'strong' },
  { phrase: 'oof:', lang: 'en', strength: 'strong' },
  { phrase: 'vacation reply', lang: 'en', strength: 'strong' },
  { phrase: 'vacation autoreply', lang: 'en', strength: 'strong' },
  { phrase: 'holiday autoreply', lang: 'en', strength: 'strong' },
  { phrase: 'away from the office:', lang: 'en', strength: 'strong' },
  { phrase: 'out of office', lang: 'en', strength: 'weak' },
  { phrase: 'out of the office', lang: 'en', strength: 'weak' },
  { phrase: 'on vacation', lang: 'en', strength: 'weak' },
  { phrase: 'on holiday', lang: 'en', strength: 'weak' },
  { phrase: 'away from my desk', lang: 'en', strength: 'weak' },
  { phrase: 'on leave', lang: 'en', strength: 'weak' },
  // German
  { phrase: 'automatische antwort:', lang: 'de', strength: 'strong' },
  { phrase: 'abwesenheitsnotiz:', lang: 'de', strength: 'strong' },
  { phrase: 'abwesenheitsnotiz', lang: 'de', strength: 'strong' },
  { phrase: 'automatische abwesenheitsnotiz', lang: 'de', strength: 'strong' },
  { phrase: 'autom. antwort:', lang: 'de', strength: 'strong' },
  { phrase: 'abwesend:', lang: 'de', strength: 'strong' },
  { phrase: 'abwesend', lang: 'de', strength: 'weak' },
  { phrase: 'nicht im büro', lang: 'de', strength: 'weak' },
  { phrase: 'außer haus', lang: 'de', strength: 'weak' },
  { phrase: 'ausser haus', lang: 'de', strength: 'weak' },
  { phrase: 'im urlaub', lang: 'de', strength: 'weak' },
  // French
  { phrase: 'réponse automatique :', lang: 'fr', strength: 'strong' },
  { phrase: 'réponse automatique:', lang: 'fr', strength: 'strong' },
  { phrase: "réponse automatique d'absence", lang: 'fr', strength: 'strong' },
  { phrase: 'absent du bureau :', lang: 'fr', strength: 'strong' },
  { phrase: 'absent du bureau', lang: 'fr', strength: 'weak' },
  { phrase: 'absence du bureau', lang: 'fr', strength: 'weak' },
  { phrase: "message d'absence", lang: 'fr', strength: 'weak' },
  { phrase: 'en congé', lang: 'fr', strength: 'weak' },
  // Spanish
  { phrase: 'respuesta automática:', lang: 'es', strength: 'strong' },
  { phrase: 'respuesta automatica:', lang: 'es', strength: 'strong' },
  { phrase: 'fuera de la oficina:', lang: 'es', strength: 'strong' },
  { phrase: 'fuera de la oficina', lang: 'es', strength: 'weak' },
  { phrase: 'fuera de oficina', lang: 'es', strength: 'weak' },
  { phrase: 'ausente de la oficina', lang: 'es', strength: 'weak' },
  // Italian
  { phrase: 'risposta automatica:', lang: 'it', strength: 'strong' },
  { phrase: 'risposta non al computer', lang: 'it', strength: 'strong' },
  { phrase: 'fuori sede:', lang: 'it', strength: 'strong' },
  { phrase: 'fuori sede', lang: 'it', strength: 'weak' },
  { phrase: "fuori dall'ufficio", lang: 'it', strength: 'weak' },
  { phrase: 'fuori ufficio', lang: 'it', strength: 'weak' },
  // Portuguese
  { phrase: 'resposta automática:', lang: 'pt', strength: 'strong' },
  { phrase: 'resposta automatica:', lang: 'pt', strength: 'strong' },
  { phrase: 'ausência temporária', lang: 'pt', strength: 'strong' },
  { phrase: 'fora do escritório', lang: 'pt', strength: 'weak' },
  { phrase: 'ausente do escritório', lang: 'pt', strength: 'weak' },
  // Dutch
  { phrase: 'automatisch antwoord:', lang: 'nl', strength: 'strong' },
  { phrase: 'automatisch antwoord', lang: 'nl', strength: 'strong' },
  { phrase: 'afwezigheidsbericht', lang: 'nl', strength: 'strong' },
  { phrase: 'afwezig:', lang: 'nl', strength: 'strong' },
  { phrase: 'afwezig', lang: 'nl', strength: 'weak' },
  { phrase: 'niet op kantoor', lang: 'nl', strength: 'weak' },
  // Swedish
  { phrase: 'automatiskt svar:', lang: 'sv', strength: 'strong' },
  { phrase: 'frånvaromeddelande', lang: 'sv', strength: 'strong' },
  { phrase: 'frånvaro:', lang: 'sv', strength: 'strong' },
  { phrase: 'frånvaro', lang: 'sv', strength: 'weak' },
  { phrase: 'inte på kontoret', lang: 'sv', strength: 'weak' },
  // Norwegian and Danish (Outlook writes "Automatisk svar:" for both)
  { phrase: 'automatisk svar:', lang: 'no', strength: 'strong' },
  { phrase: 'fraværsmelding', lang: 'no', strength: 'strong' },
  { phrase: 'ikke på kontoret', lang: 'no', strength: 'weak' },
  { phrase: 'automatisk svar:', lang: 'da', strength: 'strong' },
  { phrase: 'fraværsbesked', lang: 'da', strength: 'strong' },
  { phrase: 'fravær:', lang: 'da', strength: 'strong' },
  { phrase: 'fravær', lang: 'da', strength: 'weak' },
  // Finnish
  { phrase: 'automaattinen vastaus:', lang: 'fi', strength: 'strong' },
  { phrase: 'poissaoloviesti', lang: 'fi', strength: 'strong' },
  { phrase: 'poissa toimistosta', lang: 'fi', strength: 'weak' },
  { phrase: 'lomalla', lang: 'fi', strength: 'weak' },
  // Polish
  { phrase: 'odpowiedź automatyczna:', lang: 'pl', strength: 'strong' },
  { phrase: 'automatyczna odpowiedź:', lang: 'pl', strength: 'strong' },
  { phrase: 'poza biurem:', lang: 'pl', strength: 'strong' },
  { phrase: 'poza biurem', lang: 'pl', strength: 'weak' },
  { phrase: 'nieobecność', lang: 'pl', strength: 'weak' },
  // Czech
  { phrase: 'automatická odpověď:', lang: 'cs', strength: 'strong' },
  { phrase: 'mimo kancelář:', lang: 'cs', strength: 'strong' },
  { phrase: 'mimo kancelář', lang: 'cs', strength: 'weak' },
  { phrase: 'nepřítomnost', lang: 'cs', strength: 'weak' },
  // Hungarian
  { phrase: 'automatikus válasz:', lang: 'hu', strength: 'strong' },
  { phrase: 'házon kívül:', lang: 'hu', strength: 'strong' },
  { phrase: 'házon kívül', lang: 'hu', strength: 'weak' },
  { phrase: 'irodán kívül', lang: 'hu', strength: 'weak' },
  // Romanian
  { phrase: 'răspuns automat:', lang: 'ro', strength: 'strong' },
  { phrase: 'raspuns automat:', lang: 'ro', strength: 'strong' },
  { phrase: 'în afara biroului', lang: 'ro', strength: 'weak' },
  { phrase: 'in afara biroului', lang: 'ro', strength: 'weak' },
  // Turkish
  { phrase: 'otomatik yanıt:', lang: 'tr', strength: 'strong' },
  { phrase: 'otomatik yanit:', lang: 'tr', strength: 'strong' },
  { phrase: 'otomatik cevap:', lang: 'tr', strength: 'strong' },
  { phrase: 'ofis dışında', lang: 'tr', strength: 'weak' },
  // Russian
  { phrase: 'автоматический ответ:', lang: 'ru', strength: 'strong' },
  { phrase: 'автоответ:', lang: 'ru', strength: 'strong' },
  { phrase: 'автоответ', lang: 'ru', strength: 'strong' },
  { phrase: 'нет на месте', lang: 'ru', strength: 'weak' },
  { phrase: 'вне офиса', lang: 'ru', strength: 'weak' },
  { phrase: 'в отпуске', lang: 'ru', strength: 'weak' },
  // Japanese
  { phrase: '自動応答:', lang: 'ja', strength: 'strong' },
  { phrase: '自動応答：', lang: 'ja', strength: 'strong' },
  { phrase: '自動返信:', lang: 'ja', strength: 'strong' },
  { phrase: '自動返信：', lang: 'ja', strength: 'strong' },
  { phrase: '【自動返信】', lang: 'ja', strength: 'strong' },
  { phrase: '不在通知', lang: 'ja', strength: 'strong', match: 'contains' },
  { phrase: '不在のお知らせ', lang: 'ja', strength: 'strong', match: 'contains' },
  // Chinese (simplified and traditional)
  { phrase: '自动答复:', lang: 'zh', strength: 'strong' },
  { phrase: '自动答复：', lang: 'zh', strength: 'strong' },
  { phrase: '自动回复:', lang: 'zh', strength: 'strong' },
  { phrase: '自动回复：', lang: 'zh', strength: 'strong' },
  { phrase: '自動回覆:', lang: 'zh', strength: 'strong' },
  { phrase: '自動回覆：', lang: 'zh', strength: 'strong' },
  { phrase: '自動回复:', lang: 'zh', strength: 'strong' },
  { phrase: '不在办公室', lang: 'zh', strength: 'weak' },
  // Korean
  { phrase: '자동 회신:', lang: 'ko', strength: 'strong' },
  { phrase: '자동 응답:', lang: 'ko', strength: 'strong' },
  { phrase: '자동회신:', lang: 'ko', strength: 'strong' },
  { phrase: '부재중 자동', lang: 'ko', strength: 'strong' },
  { phrase: '부재중', lang: 'ko', strength: 'weak' },
]);

/** Subject phrases of generic automatic replies (not specifically an absence). */
export const AUTO_REPLY_SUBJECTS: readonly SubjectPhrase[] = Object.freeze([
  { phrase: 'auto:', lang: 'en', strength: 'strong' },
  { phrase: 'auto reply:', lang: 'en', strength: 'strong' },
  { phrase: 'auto-reply:', lang: 'en', strength: 'strong' },
  { phrase: 'autoreply:', lang: 'en', strength: 'strong' },
  { phrase: 'auto response:', lang: 'en', strength: 'strong' },
  { phrase: 'auto-response:', lang: 'en', strength: 'strong' },
  { phrase: 'autoresponse:', lang: 'en', strength: 'strong' },
  { phrase: 'automatic response:', lang: 'en', strength: 'strong' },
  { phrase: 'automated response:', lang: 'en', strength: 'strong' },
  { phrase: 'automated reply:', lang: 'en', strength: 'strong' },
  { phrase: 'autosvar:', lang: 'sv', strength: 'strong' },
  { phrase: 'autosvar', lang: 'sv', strength: 'strong' },
  { phrase: 'auto-réponse', lang: 'fr', strength: 'strong' },
  { phrase: 'automatische antwort', lang: 'de', strength: 'weak' },
  { phrase: 'automatic reply', lang: 'en', strength: 'weak' },
  { phrase: 'auto reply', lang: 'en', strength: 'weak' },
  { phrase: 'autoreply', lang: 'en', strength: 'weak' },
  { phrase: 'auto response', lang: 'en', strength: 'weak' },
  { phrase: 'automatic response', lang: 'en', strength: 'weak' },
  { phrase: 'thank you for your email', lang: 'en', strength: 'weak' },
  { phrase: 'thank you for contacting', lang: 'en', strength: 'weak' },
]);

/** Subject phrases of bounces, delays and successful delivery notices, including non-RFC formats. */
export const REPORT_SUBJECTS: readonly ReportSubjectPhrase[] = Object.freeze([
  { phrase: 'undeliverable:', lang: 'en', strength: 'strong', category: 'bounce' },
  { phrase: 'there was an error sending your mail', lang: 'en', strength: 'strong', category: 'bounce' },
  { phrase: 'postfix smtp server: errors from', lang: 'en', strength: 'strong', category: 'bounce' },
  { phrase: 'undeliverable mail', lang: 'en', strength: 'strong', category: 'bounce' },
  { phrase: 'undeliverable message', lang: 'en', strength: 'strong', category: 'bounce' },
  { phrase: 'undelivered mail returned to sender', lang: 'en', strength: 'strong', category: 'bounce' },
  { phrase: 'undelivered mail', lang: 'en', strength: 'strong', category: 'bounce' },
  { phrase: 'undelivered message', lang: 'en', strength: 'strong', category: 'bounce' },
  { phrase: 'undeliverable', lang: 'en', strength: 'weak', category: 'bounce' },
  { phrase: 'delivery status notification (failure)', lang: 'en', strength: 'strong', category: 'bounce' },
  {
    phrase: 'delivery status notification (delay)',
    lang: 'en',
    strength: 'strong',
    category: 'delivery-delay',
  },
  {
    phrase: 'delivery status notification (success)',
    lang: 'en',
    strength: 'strong',
    category: 'delivery-report',
  },
  { phrase: 'delivery status notification', lang: 'en', strength: 'weak', category: 'bounce' },
  {
    phrase: 'delivery notification: delivery has failed',
    lang: 'en',
    strength: 'strong',
    category: 'bounce',
  },
  {
    phrase: 'delivery notification: delivery has been delayed',
    lang: 'en',
    strength: 'strong',
    category: 'delivery-delay',
  },
  { phrase: 'delivery failure', lang: 'en', strength: 'strong', category: 'bounce' },
  { phrase: 'delivery failed', lang: 'en', strength: 'strong', category: 'bounce' },
  { phrase: 'delivery has failed', lang: 'en', strength: 'strong', category: 'bounce' },
  { phrase: 'delivery problem', lang: 'en', strength: 'weak', category: 'bounce' },
  { phrase: 'delivery report', lang: 'en', strength: 'weak', category: 'bounce' },
  { phrase: 'delivery status', lang: 'en', strength: 'weak', category: 'bounce' },
  { phrase: 'delivery notification', lang: 'en', strength: 'weak', category: 'bounce' },
  { phrase: 'mail delivery failed', lang: 'en', strength: 'strong', category: 'bounce' },
  { phrase: 'mail delivery failure', lang: 'en', strength: 'strong', category: 'bounce' },
  { phrase: 'mail delivery error', lang: 'en', strength: 'strong', category: 'bounce' },
  { phrase: 'mail delivery system', lang: 'en', strength: 'weak', category: 'bounce' },
  { phrase: 'mail failure', lang: 'en', strength: 'strong', category: 'bounce' },
  { phrase: 'mail could not be delivered', lang: 'en', strength: 'strong', category: 'bounce' },
  { phrase: 'mail system error', lang: 'en', strength: 'strong', category: 'bounce' },
  { phrase: 'message delivery failure', lang: 'en', strength: 'strong', category: 'bounce' },
  { phrase: 'message delivery has failed', lang: 'en', strength: 'strong', category: 'bounce' },
  { phrase: 'message could not be delivered', lang: 'en', strength: 'strong', category: 'bounce' },
  { phrase: 'message not delivered', lang: 'en', strength: 'strong', category: 'bounce' },
  { phrase: 'message undeliverable', lang: 'en', strength: 'strong', category: 'bounce' },
  { phrase: 'could not send message', lang: 'en', strength: 'weak', category: 'delivery-delay' },
  { phrase: 'returned mail', lang: 'en', strength: 'strong', category: 'bounce' },
  { phrase: 'returned message', lang: 'en', strength: 'weak', category: 'bounce' },
  { phrase: 'failure notice', lang: 'en', strength: 'strong', category: 'bounce' },
  { phrase: 'failed delivery', lang: 'en', strength: 'strong', category: 'bounce' },
  { phrase: 'nondeliverable', lang: 'en', strength: 'strong', category: 'bounce' },
  { phrase: 'non-delivery', lang: 'en', strength: 'strong', category: 'bounce' },
  { phrase: 'non delivery', lang: 'en', strength: 'strong', category: 'bounce' },
  { phrase: 'permanent delivery failure', lang: 'en', strength: 'strong', category: 'bounce' },
  { phrase: 'sorry, we were unable to deliver', lang: 'en', strength: 'strong', category: 'bounce' },
  { phrase: 'unable to deliver', lang: 'en', strength: 'weak', category: 'bounce' },
  { phrase: 'unzustellbar', lang: 'de', strength: 'strong', category: 'bounce', match: 'contains' },
  { phrase: 'nicht zustellbar', lang: 'de', strength: 'strong', category: 'bounce', match: 'contains' },
  { phrase: 'non remis', lang: 'fr', strength: 'strong', category: 'bounce', match: 'contains' },
  { phrase: 'non distribuable', lang: 'fr', strength: 'strong', category: 'bounce', match: 'contains' },
  { phrase: 'no se puede entregar', lang: 'es', strength: 'strong', category: 'bounce', match: 'contains' },
  { phrase: 'non recapitabile', lang: 'it', strength: 'strong', category: 'bounce', match: 'contains' },
  { phrase: 'onbestelbaar', lang: 'nl', strength: 'strong', category: 'bounce', match: 'contains' },
  { phrase: '配信不能', lang: 'ja', strength: 'strong', category: 'bounce', match: 'contains' },
  { phrase: '退信', lang: 'zh', strength: 'strong', category: 'bounce', match: 'contains' },
  { phrase: 'warning: could not send message', lang: 'en', strength: 'strong', category: 'delivery-delay' },
  { phrase: 'warning: message', lang: 'en', strength: 'weak', category: 'delivery-delay' },
  { phrase: 'delayed mail', lang: 'en', strength: 'strong', category: 'delivery-delay' },
  { phrase: 'delivery delayed', lang: 'en', strength: 'strong', category: 'delivery-delay' },
  { phrase: 'delivery delay', lang: 'en', strength: 'strong', category: 'delivery-delay' },
  { phrase: 'message delayed', lang: 'en', strength: 'strong', category: 'delivery-delay' },
  { phrase: 'delivered:', lang: 'en', strength: 'strong', category: 'delivery-report' },
  { phrase: 'relayed:', lang: 'en', strength: 'strong', category: 'delivery-report' },
  { phrase: 'successful mail delivery report', lang: 'en', strength: 'strong', category: 'delivery-report' },
  { phrase: 'read:', lang: 'en', strength: 'weak', category: 'read-receipt' },
  { phrase: 'read receipt', lang: 'en', strength: 'weak', category: 'read-receipt' },
  { phrase: 'return receipt', lang: 'en', strength: 'weak', category: 'read-receipt' },
  { phrase: 'gelesen:', lang: 'de', strength: 'weak', category: 'read-receipt' },
  { phrase: 'lu :', lang: 'fr', strength: 'weak', category: 'read-receipt' },
]);

/** Subject prefixes of calendar replies (Outlook, Google Calendar, Apple), English and the common locales. */
export const CALENDAR_RESPONSE_SUBJECTS: readonly SubjectPhrase[] = Object.freeze([
  { phrase: 'accepted:', lang: 'en', strength: 'strong' },
  { phrase: 'declined:', lang: 'en', strength: 'strong' },
  { phrase: 'tentative:', lang: 'en', strength: 'strong' },
  { phrase: 'tentatively accepted:', lang: 'en', strength: 'strong' },
  { phrase: 'angenommen:', lang: 'de', strength: 'strong' },
  { phrase: 'abgelehnt:', lang: 'de', strength: 'strong' },
  { phrase: 'mit vorbehalt angenommen:', lang: 'de', strength: 'strong' },
  { phrase: 'accepté :', lang: 'fr', strength: 'strong' },
  { phrase: 'refusé :', lang: 'fr', strength: 'strong' },
  { phrase: 'aceptado:', lang: 'es', strength: 'strong' },
  { phrase: 'rechazado:', lang: 'es', strength: 'strong' },
]);

/** Email service provider markers. `campaign` = marketing/newsletter; `transactional` = machine notification. */
export const ESP_MARKERS: readonly EspMarker[] = Object.freeze([
  { name: 'Mailgun', header: 'x-mailgun-sid', kind: 'transactional' },
  { name: 'Mailgun', header: 'x-mailgun-variables', kind: 'transactional' },
  { name: 'Mailgun', header: 'x-mailgun-tag', kind: 'campaign' },
  { name: 'Mailgun', header: 'x-mailgun-campaign-id', kind: 'campaign' },
  { name: 'Amazon SES', header: 'x-ses-outgoing', kind: 'transactional' },
  { name: 'Amazon SES', header: 'x-ses-configuration-set', kind: 'transactional' },
  { name: 'SendGrid', header: 'x-sg-eid', kind: 'transactional' },
  { name: 'SendGrid', header: 'x-sg-id', kind: 'transactional' },
  { name: 'Mailchimp', header: 'x-mc-user', kind: 'campaign' },
  { name: 'Mailchimp', header: 'x-mailer', pattern: /^mailchimp mailer/i, kind: 'campaign' },
  { name: 'Mailchimp', header: 'x-campaign', kind: 'campaign' },
  { name: 'Mailchimp', header: 'x-campaignid', kind: 'campaign' },
  { name: 'Mandrill', header: 'x-mandrill-user', kind: 'transactional' },
  { name: 'Mailjet', header: 'x-mj-mid', kind: 'transactional' },
  { name: 'Mailjet', header: 'x-mailjet-campaign', kind: 'campaign' },
  { name: 'Brevo', header: 'x-mailin-campaign', kind: 'campaign' },
  { name: 'Brevo', header: 'x-mailin-client', kind: 'transactional' },
  { name: 'Postmark', header: 'x-pm-message-id', kind: 'transactional' },
  { name: 'SparkPost', header: 'x-msys-api', kind: 'transactional' },
  { name: 'Salesforce Marketing Cloud', header: 'x-sfmc-stack', kind: 'campaign' },
  { name: 'Campaign Monitor', header: 'x-cmail-*', kind: 'campaign' },
  { name: 'Constant Contact', header: 'x-roving-id', kind: 'campaign' },
  { name: 'HubSpot', header: 'x-hs-cid', kind: 'campaign' },
  { name: 'Klaviyo', header: 'x-kmail-account', kind: 'campaign' },
  { name: 'MailerLite', header: 'x-mailerlite-*', kind: 'campaign' },
  { name: 'Certified Senders Alliance', header: 'x-csa-complaints', kind: 'campaign' },
  { name: 'generic', header: 'x-campaign-id', kind: 'campaign' },
  { name: 'generic', header: 'x-job', kind: 'campaign' },
  { name: 'Google FBL', header: 'feedback-id', kind: 'transactional' },
]);

/** Local parts of mail-system senders (RFC 2142, MTA defaults, list managers). */
export const SYSTEM_SENDERS: readonly SystemSender[] = Object.freeze([
  { localPart: 'mailer-daemon', automated: true },
  { localPart: 'mailer_daemon', automated: true },
  { localPart: 'mailerdaemon', automated: true },
  { localPart: 'mail-daemon', automated: true },
  { localPart: 'maildaemon', automated: true },
  { localPart: 'mdaemon', automated: true },
  { localPart: 'mailer', automated: true },
  { localPart: 'daemon', automated: true },
  { localPart: 'double-bounce', automated: true },
  { localPart: 'bounce', automated: true },
  { localPart: 'bounces', automated: true },
  { localPart: 'bounce-*', automated: true },
  { localPart: 'bounces-*', automated: true },
  { localPart: 'microsoftexchange*', automated: true },
  { localPart: 'root', automated: true },
  { localPart: 'nobody', automated: true },
  { localPart: 'listserv', automated: true },
  { localPart: 'majordomo', automated: true },
  { localPart: 'mailman', automated: true },
  { localPart: 'owner-*', automated: false },
  { localPart: 'postmaster', automated: false },
  { localPart: 'post-master', automated: false },
  { localPart: 'post_master', automated: false },
  { localPart: 'abuse', automated: false },
]);

/** Substrings of no-reply local parts (after removing `.`, `-`, `_` and the `+tag`). */
export const NO_REPLY_LOCAL_PARTS: readonly string[] = Object.freeze([
  'noreply',
  'donotreply',
  'dontreply',
  'noresponse',
  'donotrespond',
  'norespond',
  'noanswer',
  'nepasrepondre',
  'nichtantworten',
  'keineantwort',
  'norisposta',
  'noresponder',
  'naoresponda',
  'geenantwoord',
]);

/** Display names that bounce and system senders use. */
export const SYSTEM_SENDER_NAMES: readonly string[] = Object.freeze([
  'mail delivery system',
  'mail delivery subsystem',
  'mail delivery service',
  'internet mail delivery',
  'mailer-daemon',
  'mailer daemon',
  'mail administrator',
  'ndr administrator',
  'system administrator',
  'postmaster',
  'post office',
  'mail system',
  'microsoft outlook',
  'microsoft exchange',
  'mail delivery notification',
  'delivery subsystem',
]);

/** Wording of bounces and delay warnings, from the MTAs and providers that write them (sisimai's parsers list many). */
export const REPORT_BODY_PHRASES: readonly ReportBodyPhrase[] = Object.freeze([
  { phrase: 'this is the mail system at host', category: 'bounce', source: 'Postfix' },
  {
    phrase: "i'm sorry to have to inform you that your message could not",
    category: 'bounce',
    source: 'Postfix',
  },
  {
    phrase: 'this message was created automatically by mail delivery software',
    category: 'bounce',
    source: 'Exim',
  },
  { phrase: 'a message that you sent could not be delivered', category: 'bounce', source: 'Exim' },
  { phrase: 'message not yet delivered', category: 'delivery-delay', source: 'Exim delay warning' },
  { phrase: "i'm afraid i wasn't able to deliver your message", category: 'bounce', source: 'qmail' },
  { phrase: 'this is a permanent error', category: 'bounce', source: 'qmail' },
  { phrase: 'delivery to the following recipient failed permanently', category: 'bounce', source: 'Gmail' },
  { phrase: 'delivery to the following recipients failed', category: 'bounce', source: 'Gmail' },
  { phrase: "message wasn't delivered", category: 'bounce', source: 'Gmail' },
  {
    phrase: 'delivery to the following recipient has been delayed',
    category: 'delivery-delay',
    source: 'Gmail',
  },
  {
    phrase: 'your message did not reach some or all of the intended recipients',
    category: 'bounce',
    source: 'Exchange 2003',
  },
  {
    phrase: 'delivery has failed to these recipients or groups',
    category: 'bounce',
    source: 'Exchange 2007+',
  },
  { phrase: "your message couldn't be delivered", category: 'bounce', source: 'Exchange Online' },
  { phrase: 'delivery has failed to these recipients', category: 'bounce', source: 'Exchange' },
  { phrase: 'delivery is delayed to these recipients', category: 'delivery-delay', source: 'Exchange' },
  { phrase: 'the following addresses had permanent fatal errors', category: 'bounce', source: 'Sendmail' },
  { phrase: 'the original message was received at', category: 'bounce', source: 'Sendmail' },
  { phrase: 'warning: message still undelivered', category: 'delivery-delay', source: 'Sendmail' },
  {
    phrase: 'this is a warning message only',
    category: 'delivery-delay',
    source: 'Sendmail/Postfix delay warning',
  },
  { phrase: 'your message was not delivered to', category: 'bounce', source: 'Lotus Notes / Domino' },
  { phrase: 'was not delivered to:', category: 'bounce', source: 'Lotus Notes / Domino' },
  { phrase: 'sorry, we were unable to deliver your message', category: 'bounce', source: 'Yahoo' },
  { phrase: 'message from yahoo', category: 'bounce', source: 'Yahoo' },
  { phrase: 'could not be delivered to one or more recipients', category: 'bounce', source: 'various' },
  { phrase: 'could not be delivered to the following recipient', category: 'bounce', source: 'various' },
  { phrase: 'could not be delivered to', category: 'bounce', source: 'various' },
  { phrase: 'undeliverable to the following', category: 'bounce', source: 'various' },
  { phrase: 'message delivery to the following recipients failed', category: 'bounce', source: 'various' },
  { phrase: 'permanent failure', category: 'bounce', source: 'various' },
  { phrase: 'delivery failed', category: 'bounce', source: 'various' },
  { phrase: 'unable to deliver', category: 'bounce', source: 'various' },
  { phrase: 'user unknown', category: 'bounce', source: 'various' },
  { phrase: 'mailbox unavailable', category: 'bounce', source: 'various' },
  { phrase: 'no such user', category: 'bounce', source: 'various' },
  { phrase: 'returned to sender', category: 'bounce', source: 'various' },
  { phrase: 'has not yet been delivered', category: 'delivery-delay', source: 'various' },
  { phrase: 'will continue to try', category: 'delivery-delay', source: 'various' },
  { phrase: 'delivery attempts will continue', category: 'delivery-delay', source: 'various' },
  { phrase: 'still being retried', category: 'delivery-delay', source: 'various' },
  { phrase: 'transcript of session follows', category: 'bounce', source: 'Sendmail/Postfix' },
  { phrase: 'we had trouble delivering your message', category: 'bounce', source: 'X6 / Critical Path' },
  { phrase: 'returned permanent errors', category: 'bounce', source: 'X6 / Critical Path' },
  { phrase: 'no such user here', category: 'bounce', source: 'Verizon / Apache James' },
  { phrase: '"notificationtype":"bounce"', category: 'bounce', source: 'Amazon SES notification via SNS' },
  {
    phrase: '"notificationtype":"delivery"',
    category: 'delivery-report',
    source: 'Amazon SES notification via SNS',
  },
  {
    phrase: '"notificationtype":"complaint"',
    category: 'feedback-report',
    source: 'Amazon SES notification via SNS',
  },
]);
