/** Every reason code a decision can carry. Stable: consumers switch on them. */
export type ReasonCode =
  | 'own-mail-returned'
  | 'from-support-address'
  | 'from-system-address'
  | 'requester-is-support-address'
  | 'partner-address'
  | 'other-helpdesk'
  | 'auto-reply'
  | 'out-of-office'
  | 'bounce'
  | 'delivery-delay'
  | 'delivery-report'
  | 'read-receipt'
  | 'feedback-report'
  | 'challenge-response'
  | 'calendar-response'
  | 'system-sender'
  | 'no-reply-sender'
  | 'auto-generated'
  | 'bulk'
  | 'mailing-list'
  | 'allowlisted'
  | 'reply-to-automatic'
  | 'sender-rate-suspend'
  | 'sender-rate-reject'
  | 'content-rate-suspend'
  | 'content-rate-reject'
  | 'initial-import'
  | 'import-limit'
  | 'failed-authentication'
  | 'authentication-temporary'
  | 'no-requester';

/** One reason behind a decision: a stable code, the rule it applies, and the evidence in words. */
export interface Reason {
  readonly code: ReasonCode;
  readonly rule: string;
  readonly detail: string;
}

/** What a reason code means, which rule it applies and the familiar suspension cause it maps to. */
export interface ReasonCodeInfo {
  readonly rule: string;
  /** The Zendesk suspension cause (developer reference: id and name) it corresponds to, `null` when none. */
  readonly familiarCause: string | null;
  readonly meaning: string;
}

/**
 * The reason-code table: rule and familiar suspension cause of every code (listed in the README).
 *
 * @rule LOOP-2, LOOP-3, LOOP-4, LOOP-5, LOOP-6, LOOP-7, GMAIL-2, AUTH-4
 * @example
 * REASON_CODES['sender-rate-reject'].familiarCause; // '4 loop'
 */
export const REASON_CODES: Readonly<Record<ReasonCode, ReasonCodeInfo>> = Object.freeze({
  'own-mail-returned': {
    rule: 'LOOP-4',
    familiarCause: '4 loop',
    meaning: 'our own outbound mail came back (identification header and valid signed marker)',
  },
  'from-support-address': {
    rule: 'LOOP-4',
    familiarCause: '22 from_support_address',
    meaning: 'the sender is one of our support addresses',
  },
  'from-system-address': {
    rule: 'LOOP-4',
    familiarCause: '23 from_zendesk_account',
    meaning: 'the sender is one of our system addresses',
  },
  'requester-is-support-address': {
    rule: 'LOOP-4',
    familiarCause: '22 from_support_address',
    meaning: 'Reply-To names one of our own addresses, so every answer would come back to us',
  },
  'partner-address': {
    rule: 'LOOP-3',
    familiarCause: null,
    meaning: 'the sender is a partner helpdesk; the sharing agreement carries its updates',
  },
  'other-helpdesk': {
    rule: 'LOOP-2',
    familiarCause: null,
    meaning: 'sent by another helpdesk: accepted, automatic notifications suppressed',
  },
  'auto-reply': { rule: 'LOOP-5', familiarCause: '3 auto_mailer', meaning: 'an automatic reply' },
  'out-of-office': { rule: 'LOOP-5', familiarCause: '8 auto_vacation', meaning: 'an out-of-office reply' },
  bounce: {
    rule: 'LOOP-5',
    familiarCause: '7 auto_delivery_failure',
    meaning: 'a delivery failure (bounce)',
  },
  'delivery-delay': {
    rule: 'LOOP-5',
    familiarCause: '7 auto_delivery_failure',
    meaning: 'a delivery delay notice',
  },
  'delivery-report': {
    rule: 'LOOP-5',
    familiarCause: '3 auto_mailer',
    meaning: 'a successful delivery report',
  },
  'read-receipt': { rule: 'LOOP-5', familiarCause: '3 auto_mailer', meaning: 'a read receipt (MDN)' },
  'feedback-report': {
    rule: 'LOOP-5',
    familiarCause: '3 auto_mailer',
    meaning: 'an abuse/feedback report (ARF)',
  },
  'challenge-response': {
    rule: 'LOOP-5',
    familiarCause: '3 auto_mailer',
    meaning: 'a challenge-response (sender verification) request',
  },
  'calendar-response': {
    rule: 'LOOP-5',
    familiarCause: null,
    meaning: 'a calendar response: accepted, automatic notifications suppressed',
  },
  'system-sender': {
    rule: 'LOOP-5',
    familiarCause: '9 system_user',
    meaning: 'mailer-daemon, postmaster and the like',
  },
  'no-reply-sender': { rule: 'LOOP-5', familiarCause: '27 from_noreply', meaning: 'a no-reply sender' },
  'auto-generated': { rule: 'LOOP-5', familiarCause: '3 auto_mailer', meaning: 'machine-generated mail' },
  bulk: { rule: 'LOOP-5', familiarCause: '3 auto_mailer', meaning: 'bulk mail (newsletter, campaign)' },
  'mailing-list': { rule: 'LOOP-5', familiarCause: '3 auto_mailer', meaning: 'mailing-list mail' },
  allowlisted: {
    rule: 'LOOP-5',
    familiarCause: null,
    meaning: 'machine-like mail from an allowlisted sender: accepted, automatic notifications suppressed',
  },
  'reply-to-automatic': {
    rule: 'LOOP-1',
    familiarCause: null,
    meaning: 'a reply to one of our automatic notifications: threaded, and not answered automatically again',
  },
  'sender-rate-suspend': {
    rule: 'LOOP-6',
    familiarCause: '4 loop',
    meaning: 'too many updates from this sender in the window: suspended',
  },
  'sender-rate-reject': {
    rule: 'LOOP-6',
    familiarCause: '4 loop',
    meaning: 'far too many updates from this sender in the window: rejected',
  },
  'content-rate-suspend': {
    rule: 'LOOP-7',
    familiarCause: '4 loop',
    meaning: 'the same content keeps arriving (from any address): suspended',
  },
  'content-rate-reject': {
    rule: 'LOOP-7',
    familiarCause: '4 loop',
    meaning: 'the same content keeps arriving (from any address): rejected',
  },
  'initial-import': {
    rule: 'GMAIL-2',
    familiarCause: null,
    meaning: 'part of the initial mailbox import: triggers suppressed',
  },
  'import-limit': {
    rule: 'GMAIL-2',
    familiarCause: null,
    meaning: 'older than the most recent messages an initial import takes',
  },
  'failed-authentication': {
    rule: 'AUTH-4',
    familiarCause: '26 failed_email_authentication',
    meaning: 'the authentication verdict asks to suspend or reject',
  },
  'authentication-temporary': {
    rule: 'AUTH-4',
    familiarCause: '26 failed_email_authentication',
    meaning: 'authentication could not be decided (temporary DNS failure): held',
  },
  'no-requester': {
    rule: 'REQ-4',
    familiarCause: '10 unknown_author',
    meaning: 'no address can be the requester',
  },
});

/** Builds a reason from its code (the rule comes from {@link REASON_CODES}). */
export function reason(code: ReasonCode, detail: string): Reason {
  return {
    code,
    rule: REASON_CODES[code].rule,
    detail: detail.length > 300 ? `${detail.slice(0, 297)}...` : detail,
  };
}
