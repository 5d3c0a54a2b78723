/**
 * The category names a message can carry. Empty list = mail from a person.
 * Order here is the order {@link summarizeKind} uses to pick the one-word summary.
 */
export const CATEGORIES = [
  'bounce',
  'delivery-delay',
  'delivery-report',
  'feedback-report',
  'read-receipt',
  'out-of-office',
  'auto-reply',
  'challenge-response',
  'calendar-response',
  'system-sender',
  'no-reply-sender',
  'auto-generated',
  'bulk',
  'helpdesk',
  'mailing-list',
] as const;

/** One of {@link CATEGORIES}. */
export type Category = (typeof CATEGORIES)[number];

/**
 * How much a signal proves on its own: `definitive` (a standard says so: RFC 3834 `Auto-Submitted`, a DSN report),
 * `strong` (a vendor marker or a pattern that is very rarely wrong), `weak` (only counts with corroboration).
 */
export type Strength = 'definitive' | 'strong' | 'weak';

/** One reason behind a classification. `signal` ids are stable and listed in the package README. */
export interface Evidence {
  /** Stable machine-readable id of the signal, e.g. `auto-submitted`, `dsn-action-failed`. */
  readonly signal: string;
  /** The category this evidence supports; `null` when it only informs `suppressAutoReply` or is explanatory. */
  readonly category: Category | null;
  /** The header field that carried it (lower-case), when it came from a header. */
  readonly header?: string;
  /** The value that matched (at most 200 characters). */
  readonly value?: string;
  readonly strength: Strength;
  /** Why the evidence did not count, when it was recorded but overruled (e.g. a helpdesk stamps it on all mail). */
  readonly discounted?: string;
}

/** Which helpdesk product sent the message. */
export interface HelpdeskMatch {
  /** Stable product id from {@link HELPDESK_FINGERPRINTS} (e.g. `zendesk`, `jira-service-management`). */
  readonly product: string;
  /** The sending account or instance, when a header names it (Zendesk account id, RT instance name, ...). */
  readonly accountId?: string;
}

/** The per-recipient outcome read from a `message/delivery-status` part (RFC 3464). */
export interface DeliveryRecipient {
  /** `failed` | `delayed` | `delivered` | `relayed` | `expanded`, lower-cased as written. */
  readonly action: string;
  /** The DSN status code (`5.1.1`), when present. */
  readonly status?: string;
  /** The `Final-Recipient` address, when present. */
  readonly finalRecipient?: string;
}

/** What the report part (RFC 6522 `multipart/report`) said, when the body was given and one was found. */
export interface ReportSummary {
  /** `delivery-status`, `disposition-notification`, `feedback-report`, ... as written (lower-cased). */
  readonly reportType: string;
  /** Per-recipient DSN fields (delivery-status only), at most `limits.maxRecipients`. */
  readonly recipients: readonly DeliveryRecipient[];
  /** ARF `Feedback-Type` (feedback-report only). */
  readonly feedbackType?: string;
  /** MDN `Disposition` (disposition-notification only). */
  readonly disposition?: string;
}

/** The result of {@link classifyMessage}. */
export interface Classification {
  /** Zero or more categories, in {@link CATEGORIES} order. Empty = mail from a person. */
  readonly categories: readonly Category[];
  /** True when a machine wrote it without a person acting (a helpdesk agent's reply is not automated). */
  readonly automated: boolean;
  /** Set when a helpdesk product sent the message. */
  readonly helpdesk?: HelpdeskMatch;
  /** True when no automatic reply should be sent to this message (RFC 3834 §2, XARS, lists, bulk, reports). */
  readonly suppressAutoReply: boolean;
  /** True when `options.allowlist` matched the sender: categories stay informative, `automated` is false (LOOP-5). */
  readonly allowlisted: boolean;
  /** Every signal seen, in the order it was found. */
  readonly evidence: readonly Evidence[];
  /** The report part, when a body was given and it was a `multipart/report`. */
  readonly report?: ReportSummary;
  /** True when a bound stopped the classifier reading part of the input (header block or body). */
  readonly truncated: boolean;
}
