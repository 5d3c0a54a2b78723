import type { Category, ExtraSignatures } from '@mailroom/header-classifier';
import {
  type InboundOutcome,
  inboundUpdateLimit,
  outboundAutoReplyLimits,
  type TieredLimiterOptions,
  type WindowLimit,
} from '@mailroom/rate-limiter';
import type { AddressPattern, ReplyToPolicy, SupportAddressInput } from '@mailroom/requester-resolver';

/** A header field name and value, as it is written on outbound mail. */
export interface HeaderPair {
  readonly name: string;
  readonly value: string;
}

/** How the helpdesk marks and recognises its own outbound mail (OUT-1, LOOP-4). */
export interface IdentificationPolicy {
  /** Static identification headers put on every outbound mail (`X-Mailer: Zendesk Mailer`, ...). */
  readonly headers: readonly HeaderPair[];
  /**
   * The header that says "this instance sent it", compared exactly (case-insensitive) on the way back in. Half of
   * LOOP-4 own-mail recognition; the other half is the signed marker.
   */
  readonly ownHeader: HeaderPair;
  /** A header carrying a per-message id (`X-Zendesk-Email-Id`); filled with the notification id. */
  readonly emailIdHeader: string | null;
  /** The header that carries the signed marker (it also rides in the Message-ID). */
  readonly markerHeader: string;
}

/** AUTH-4: what to do with the mail-auth verdict when one is given. */
export type AuthenticationMode =
  /** Ignore the verdict's disposition (markers only). */
  | 'off'
  /** Apply the verdict's disposition (`suspend`, `reject`, `defer` → suspend) to every message. */
  | 'enforce'
  /** Apply it only to mail sent straight to a system address (Zendesk's "Enhanced" mode); markers always. */
  | 'enhanced';

/** Everything a loop decision depends on. Build it with {@link createPolicy} or a preset; every field is data. */
export interface LoopPolicy {
  /** Preset name, shown in reasons (`mailroom`, `zendesk`, `atera`, or the caller's). */
  readonly name: string;
  /** The helpdesk's support addresses (with aliases). Never users, never notified, inbound from them is a loop. */
  readonly supportAddresses: readonly SupportAddressInput[];
  /** The helpdesk's native/system addresses (exact or patterns). Same treatment as support addresses. */
  readonly systemAddresses: readonly AddressPattern[];
  /** LOOP-3: support addresses of helpdesks with a sharing agreement. Rejected inbound, never notified. */
  readonly partnerAddresses: readonly AddressPattern[];
  /** The helpdesk's agents (forwarded mail, REQ-1). */
  readonly agentAddresses: readonly AddressPattern[];
  /** LOOP-5 allowlist: full addresses or `@domain` / `domain` (subdomains included). */
  readonly allowlist: readonly string[];
  /** OUT-3: the sender of notifications for tickets that did not come in by mail. */
  readonly defaultSender: string;
  readonly replyToPolicy: ReplyToPolicy;
  readonly identification: IdentificationPolicy;
  /** HMAC key of the signed marker (at least 16 bytes); `null` turns marker signing and checking off. */
  readonly markerKey: Uint8Array | null;
  /** Domain of the Message-IDs this helpdesk writes. */
  readonly messageIdDomain: string;
  /** LOOP-6 per-sender tiers (default: 20 accepted, 20 suspended, the rest rejected, per hour). */
  readonly inboundLimit: TieredLimiterOptions<InboundOutcome>;
  /** LOOP-7 per-content-fingerprint tiers; `null` turns the fingerprint limit off (not loop-safe). */
  readonly fingerprintLimit: TieredLimiterOptions<InboundOutcome> | null;
  /** Outbound automatic mail per recipient (multi-window). */
  readonly outboundAutoReplyLimits: readonly WindowLimit[];
  /** LOOP-5: categories that are suspended unless the sender is allowlisted. */
  readonly suspendCategories: readonly Category[];
  /** Categories whose tickets get no automatic notification, even when accepted (LOOP-5 and calendar replies). */
  readonly suppressCategories: readonly Category[];
  /** RFC 3834 §2 / RFC 5230 `:days`: at most one automatic reply per sender per this period. */
  readonly autoReplyPeriodMs: number;
  /** GMAIL-2: how many recent messages an initial import takes. */
  readonly initialImportLimit: number;
  /** AUTH-4. */
  readonly authentication: AuthenticationMode;
  /** Extra classifier tables (the helpdesk fingerprints of the mailroom instances are added by default). */
  readonly extraSignatures: ExtraSignatures;
}

/**
 * Options of {@link createPolicy}: everything optional except the addresses you want to protect. `markerKey` may
 * also be given as a string (UTF-8) or hex via {@link loadPolicy}.
 */
export type PolicyOptions = {
  readonly [K in Exclude<keyof LoopPolicy, 'markerKey'>]?: LoopPolicy[K];
} & {
  readonly markerKey?: Uint8Array | string | null;
  /** The instance id written in the `X-Mailroom-Loop` header (default: the message-id domain). */
  readonly instanceId?: string;
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The header mailroom writes to say which instance sent a message.
 *
 * @example
 * MAILROOM_LOOP_HEADER; // 'X-Mailroom-Loop'
 */
export const MAILROOM_LOOP_HEADER = 'X-Mailroom-Loop';
/**
 * The header mailroom writes with the signed marker.
 *
 * @example
 * MAILROOM_MARKER_HEADER; // 'X-Mailroom-Marker'
 */
export const MAILROOM_MARKER_HEADER = 'X-Mailroom-Marker';

/**
 * LOOP-7: the default limit per content fingerprint. Same shape as LOOP-6, over a day rather than an hour, so a
 * slow address-rotating loop (one round every few minutes) still reaches the suspend tier within its first day.
 *
 * @rule LOOP-7
 * @example
 * createPolicy({ fingerprintLimit: { ...fingerprintLimitDefault, windowMs: 6 * 3_600_000 } });
 */
export const fingerprintLimitDefault: TieredLimiterOptions<InboundOutcome> = Object.freeze({
  windowMs: DAY,
  tiers: Object.freeze([
    Object.freeze({ upTo: 20, outcome: 'accept' as const }),
    Object.freeze({ upTo: 40, outcome: 'suspend' as const }),
  ]),
  beyond: 'reject',
  mode: 'exact',
});

/**
 * LOOP-5: categories suspended by default (bulk, lists, no-reply and system senders, auto-replies, reports).
 *
 * @rule LOOP-5
 * @example
 * createPolicy({ suspendCategories: DEFAULT_SUSPEND_CATEGORIES.filter((c) => c !== 'mailing-list') });
 */
export const DEFAULT_SUSPEND_CATEGORIES: readonly Category[] = Object.freeze([
  'bounce',
  'delivery-delay',
  'delivery-report',
  'feedback-report',
  'read-receipt',
  'out-of-office',
  'auto-reply',
  'challenge-response',
  'system-sender',
  'no-reply-sender',
  'auto-generated',
  'bulk',
  'mailing-list',
] satisfies Category[]);

/**
 * Categories whose tickets never get an automatic notification (LOOP-5), even when accepted or allowlisted.
 *
 * @rule LOOP-5
 * @example
 * DEFAULT_SUPPRESS_CATEGORIES.includes('calendar-response'); // true
 */
export const DEFAULT_SUPPRESS_CATEGORIES: readonly Category[] = Object.freeze([
  ...DEFAULT_SUSPEND_CATEGORIES,
  'calendar-response',
] satisfies Category[]);

/** Classifier fingerprint of mailroom's own identification header, so one mailroom instance sees another as a
 * helpdesk (LOOP-2). */
const MAILROOM_FINGERPRINT: ExtraSignatures = Object.freeze({
  helpdesks: Object.freeze([
    Object.freeze({
      product: 'mailroom',
      name: 'mailroom',
      markers: Object.freeze([Object.freeze({ header: 'x-mailroom-loop' })]),
      accountId: Object.freeze({ header: 'x-mailroom-loop', pattern: /^([\w.-]{1,200})$/ }),
      stamps: Object.freeze([
        Object.freeze({ header: 'auto-submitted', pattern: /^\s*auto-generated\b/i }),
        Object.freeze({ header: 'x-auto-response-suppress', pattern: /\ball\b/i }),
      ]),
      automaticMarkers: Object.freeze([
        Object.freeze({ header: 'x-mailroom-notification', pattern: /^\s*automatic\b/i }),
      ]),
      source: '@mailroom/loop-detector outboundHeaders (OUT-1)',
    }),
  ]),
}) as ExtraSignatures;

function keyBytes(key: Uint8Array | string | null | undefined): Uint8Array | null {
  if (key === undefined || key === null) return null;
  const bytes = typeof key === 'string' ? new TextEncoder().encode(key) : key;
  if (!(bytes instanceof Uint8Array)) throw new TypeError('markerKey must be a Uint8Array, a string or null');
  if (bytes.length < 16) {
    throw new RangeError(
      `markerKey must be at least 16 bytes (got ${bytes.length}): generate one with crypto.getRandomValues(new Uint8Array(32)) and keep it secret`,
    );
  }
  return bytes;
}

function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? address : address.slice(at + 1);
}

function firstAddress(support: readonly SupportAddressInput[]): string | undefined {
  const first = support[0];
  return first === undefined ? undefined : typeof first === 'string' ? first : first.address;
}

function checkTiers(options: TieredLimiterOptions<InboundOutcome>, name: string): void {
  if (options === null || typeof options !== 'object' || !Array.isArray(options.tiers)) {
    throw new TypeError(
      `${name} must be tiered limiter options, e.g. inboundUpdateLimit from @mailroom/rate-limiter`,
    );
  }
}

/**
 * Builds a complete policy: mailroom's recommended defaults (LOOP-6 20/40 per hour, LOOP-7 20/40 per content
 * fingerprint per day, outbound 10/10 min, 25/h, 100/10 h per recipient, RFC 3834 7-day auto-reply period,
 * GMAIL-2 import of 50), overridden field by field by `options`. Throws a RangeError/TypeError for a bad option.
 *
 * @rule LOOP-3, LOOP-4, LOOP-5, LOOP-6, LOOP-7, OUT-1, GMAIL-2
 * @example
 * const policy = createPolicy({
 *   supportAddresses: ['help@acme.example'],
 *   markerKey: secretBytes,
 *   partnerAddresses: ['support@partner.example'],
 * });
 */
export function createPolicy(options: PolicyOptions = {}): LoopPolicy {
  if (options === null || typeof options !== 'object')
    throw new TypeError('createPolicy options must be an object');
  const supportAddresses = options.supportAddresses ?? [];
  const defaultSender = options.defaultSender ?? firstAddress(supportAddresses) ?? 'support@helpdesk.invalid';
  const messageIdDomain = options.messageIdDomain ?? domainOf(defaultSender);
  const instanceId = options.instanceId ?? messageIdDomain;
  const inboundLimit = options.inboundLimit ?? inboundUpdateLimit;
  checkTiers(inboundLimit, 'inboundLimit');
  const fingerprintLimit =
    options.fingerprintLimit === undefined ? fingerprintLimitDefault : options.fingerprintLimit;
  if (fingerprintLimit !== null) checkTiers(fingerprintLimit, 'fingerprintLimit');
  const autoReplyPeriodMs = options.autoReplyPeriodMs ?? 7 * DAY;
  if (!Number.isFinite(autoReplyPeriodMs) || autoReplyPeriodMs < 0) {
    throw new RangeError(
      'autoReplyPeriodMs must be a non-negative number of milliseconds (RFC 5230 default: 7 days)',
    );
  }
  const initialImportLimit = options.initialImportLimit ?? 50;
  if (!Number.isInteger(initialImportLimit) || initialImportLimit < 0) {
    throw new RangeError('initialImportLimit must be a non-negative integer (GMAIL-2 default: 50)');
  }
  const authentication = options.authentication ?? 'off';
  if (!['off', 'enforce', 'enhanced'].includes(authentication)) {
    throw new RangeError("authentication must be 'off', 'enforce' or 'enhanced'");
  }
  const extra = options.extraSignatures ?? {};
  return Object.freeze({
    name: options.name ?? 'mailroom',
    supportAddresses: Object.freeze([...supportAddresses]),
    systemAddresses: Object.freeze([...(options.systemAddresses ?? [])]),
    partnerAddresses: Object.freeze([...(options.partnerAddresses ?? [])]),
    agentAddresses: Object.freeze([...(options.agentAddresses ?? [])]),
    allowlist: Object.freeze([...(options.allowlist ?? [])]),
    defaultSender,
    replyToPolicy: options.replyToPolicy ?? 'reply-to-first',
    identification: options.identification ?? {
      headers: Object.freeze([]),
      ownHeader: { name: MAILROOM_LOOP_HEADER, value: instanceId },
      emailIdHeader: null,
      markerHeader: MAILROOM_MARKER_HEADER,
    },
    markerKey: keyBytes(options.markerKey),
    messageIdDomain,
    inboundLimit,
    fingerprintLimit,
    outboundAutoReplyLimits: options.outboundAutoReplyLimits ?? outboundAutoReplyLimits,
    suspendCategories: Object.freeze([...(options.suspendCategories ?? DEFAULT_SUSPEND_CATEGORIES)]),
    suppressCategories: Object.freeze([...(options.suppressCategories ?? DEFAULT_SUPPRESS_CATEGORIES)]),
    autoReplyPeriodMs,
    initialImportLimit,
    authentication,
    extraSignatures: {
      ...extra,
      helpdesks: [...(MAILROOM_FINGERPRINT.helpdesks ?? []), ...(extra.helpdesks ?? [])],
    },
  });
}

/** Options of {@link zendeskPolicy}. */
export interface ZendeskPolicyOptions extends PolicyOptions {
  /** The account's subdomain (`acme` for `acme.zendesk.com`). Required: it names the system address. */
  readonly subdomain: string;
  /** The account id written in `X-Zendesk-From-Account-Id` (7 hex digits in the wild). */
  readonly accountId?: string;
}

/**
 * The Zendesk preset (RULES.md): system addresses `*@<subdomain>.zendesk.com`, default sender
 * `support@<subdomain>.zendesk.com`, identification headers `X-Mailer: Zendesk Mailer`,
 * `X-Zendesk-From-Account-Id`, `X-Zendesk-Email-Id` (OUT-1), LOOP-6 20/40 per hour. Every field can be overridden.
 *
 * @rule LOOP-4, LOOP-6, OUT-1
 * @example
 * const policy = zendeskPolicy({ subdomain: 'acme', accountId: '1a2b3c4', markerKey: secretBytes });
 * policy.defaultSender; // 'support@acme.zendesk.com'
 */
export function zendeskPolicy(options: ZendeskPolicyOptions): LoopPolicy {
  if (options === null || typeof options !== 'object' || typeof options.subdomain !== 'string') {
    throw new TypeError("zendeskPolicy needs { subdomain: 'acme' } (the account's <subdomain>.zendesk.com)");
  }
  const sub = options.subdomain.toLowerCase();
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(sub))
    throw new RangeError(`not a Zendesk subdomain: ${options.subdomain}`);
  const accountId = options.accountId ?? '0000000';
  const defaultSender = options.defaultSender ?? `support@${sub}.zendesk.com`;
  const { subdomain: _s, accountId: _a, ...rest } = options;
  return createPolicy({
    name: 'zendesk',
    messageIdDomain: `${sub}.zendesk.com`,
    ...rest,
    defaultSender,
    supportAddresses: options.supportAddresses ?? [defaultSender],
    systemAddresses: options.systemAddresses ?? [`*@${sub}.zendesk.com`],
    identification: options.identification ?? {
      headers: [{ name: 'X-Mailer', value: 'Zendesk Mailer' }],
      ownHeader: { name: 'X-Zendesk-From-Account-Id', value: accountId },
      emailIdHeader: 'X-Zendesk-Email-Id',
      markerHeader: MAILROOM_MARKER_HEADER,
    },
  });
}

/** Options of {@link ateraPolicy}. */
export interface AteraPolicyOptions extends PolicyOptions {
  /** The company part of `<company>@ticketing.atera.com`. Required: it names the ingestion (system) address. */
  readonly company: string;
}

/**
 * The Atera preset (RULES.md, FWD-1, CSMTP-1): system addresses `<company>@ticketing.atera.com` and the default
 * no-reply sender `noreply@atera.com`, which is also the default sender; mailroom's own identification header;
 * LOOP-6 20/40 per hour. Every field can be overridden.
 *
 * @rule LOOP-4, LOOP-6, OUT-1
 * @example
 * const policy = ateraPolicy({ company: 'acme', supportAddresses: ['support@acme.example'] });
 * policy.defaultSender; // 'noreply@atera.com'
 */
export function ateraPolicy(options: AteraPolicyOptions): LoopPolicy {
  if (options === null || typeof options !== 'object' || typeof options.company !== 'string') {
    throw new TypeError("ateraPolicy needs { company: 'acme' } (the <company>@ticketing.atera.com address)");
  }
  const company = options.company.toLowerCase();
  if (!/^[a-z0-9][a-z0-9._-]{0,63}$/.test(company))
    throw new RangeError(`not an Atera company id: ${options.company}`);
  const { company: _c, ...rest } = options;
  return createPolicy({
    name: 'atera',
    messageIdDomain: 'ticketing.atera.com',
    instanceId: `${company}.ticketing.atera.com`,
    ...rest,
    defaultSender: options.defaultSender ?? 'noreply@atera.com',
    supportAddresses: options.supportAddresses ?? [`${company}@ticketing.atera.com`],
    systemAddresses: options.systemAddresses ?? [`${company}@ticketing.atera.com`, 'noreply@atera.com'],
  });
}
