import { type Classification, classifyMessage } from '@mailroom/header-classifier';
import { addresses, addressKey, type HeaderList, parseHeaders } from '@mailroom/headers';
import { addressRole } from './address-role.js';
import { compilePolicy } from './compiled.js';
import type { LoopPolicy } from './policy.js';

/**
 * Sender local parts that belong to list and mail software, never answered (RFC 5230 §4.6, Pigeonhole).
 *
 * @example
 * RESPONDER_SYSTEM_LOCAL_PARTS.some((p) => p.text === '-request'); // true
 */
export const RESPONDER_SYSTEM_LOCAL_PARTS: readonly {
  readonly match: 'exact' | 'prefix' | 'contains';
  readonly text: string;
}[] = Object.freeze([
  { match: 'exact', text: 'mailer-daemon' },
  { match: 'exact', text: 'listserv' },
  { match: 'exact', text: 'majordomo' },
  { match: 'contains', text: '-request' },
  { match: 'prefix', text: 'owner-' },
]);

/** The message an automatic answer would reply to. */
export interface AutoReplyMessage {
  readonly headers: HeaderList | Uint8Array | string;
  /** SMTP envelope: `mailFrom` is where an answer goes (RFC 3834 §4); `''` is the null sender. */
  readonly envelope?: {
    readonly mailFrom?: string | null;
    /** The final envelope recipient (the responder's own mailbox). */
    readonly rcptTo?: string;
    /** The original envelope recipient before aliasing (Delivered-To/X-Original-To). */
    readonly originalRecipient?: string;
  };
  readonly classification?: Classification;
}

/** Who is answering, and its memory. */
export interface AutoReplyContext {
  /** The responder's own addresses (RFC 5230 `:addresses`, the user's configured address). */
  readonly ownAddresses?: readonly string[];
  /** Count the original recipient as one of ours (Pigeonhole `sieve_vacation_use_original_recipient`). */
  readonly useOriginalRecipient?: boolean;
  /** Require one of our addresses in To/Cc/Bcc/Resent-* (RFC 5230 §4.5; default true). */
  readonly checkRecipient?: boolean;
  /** When the last automatic answer went to this sender (epoch ms), if ever. */
  readonly lastReplyMs?: number | null;
  readonly nowMs?: number;
  /** At most one answer per sender per this period (default: the policy's `autoReplyPeriodMs`, else 7 days). */
  readonly periodMs?: number;
  /** A helpdesk policy: its support, system and partner addresses are never answered (LOOP-3, LOOP-4). */
  readonly policy?: LoopPolicy;
}

/** Why an automatic answer may not be sent. */
export interface AutoReplyReason {
  readonly code:
    | 'null-sender'
    | 'no-sender'
    | 'own-address'
    | 'helpdesk-address'
    | 'partner-address'
    | 'system-sender'
    | 'auto-submitted'
    | 'mailing-list'
    | 'bulk'
    | 'automated'
    | 'suppress-requested'
    | 'not-a-recipient'
    | 'already-answered';
  readonly rule: string;
  readonly detail: string;
}

/** The answer of {@link mayAutoReply}. */
export interface AutoReplyVerdict {
  readonly reply: boolean;
  /** The address the answer goes to (envelope sender, else From), when there is one. */
  readonly to: string | null;
  readonly reasons: readonly AutoReplyReason[];
}

const XARS_SILENCING: ReadonlySet<string> = new Set(['all', 'oof', 'autoreply']);
const RECIPIENT_FIELDS = ['to', 'cc', 'bcc', 'resent-to', 'resent-cc', 'resent-bcc'];
const DAY = 86_400_000;

function localPartIsSystem(key: string): string | null {
  const local = key.slice(0, key.lastIndexOf('@'));
  for (const p of RESPONDER_SYSTEM_LOCAL_PARTS) {
    if (
      p.match === 'exact'
        ? local === p.text
        : p.match === 'prefix'
          ? local.startsWith(p.text)
          : local.includes(p.text)
    ) {
      return p.text;
    }
  }
  return null;
}

/**
 * May an automatic answer (vacation reply, acknowledgement) be sent to this message? The RFC 3834 §2 and RFC 5230
 * rules: never to a null sender, to ourselves or to our helpdesk's own, partner and system addresses, to list and
 * system software senders, to list or bulk mail, to `Auto-Submitted` mail other than `no`, to mail that asks not
 * to be answered (`X-Auto-Response-Suppress: All/OOF`), when none of our addresses is among To/Cc/Bcc (unless
 * allowed), and at most once per sender per period. Classification comes from `classifyMessage`.
 *
 * @rule LOOP-1, LOOP-3, LOOP-4, LOOP-5
 * @example
 * const verdict = mayAutoReply(
 *   { headers: raw, envelope: { mailFrom: 'ann@example.com', rcptTo: 'bob@example.org' } },
 *   { ownAddresses: ['bob@example.org'], lastReplyMs: null, nowMs },
 * );
 * verdict.reply; // true for a plain personal message
 */
export function mayAutoReply(message: AutoReplyMessage, context: AutoReplyContext = {}): AutoReplyVerdict {
  if (message === null || typeof message !== 'object') throw new TypeError('mayAutoReply needs { headers }');
  const raw = message.headers;
  const headers = typeof raw === 'string' || raw instanceof Uint8Array ? parseHeaders(raw) : raw;
  const policy = context.policy;
  const classification =
    message.classification ??
    classifyMessage(
      headers,
      policy === undefined ? {} : { extraSignatures: policy.extraSignatures, allowlist: policy.allowlist },
    );
  const reasons: AutoReplyReason[] = [];
  const no = (code: AutoReplyReason['code'], rule: string, detail: string): void => {
    reasons.push({ code, rule, detail });
  };

  // Where the answer would go: the envelope sender (RFC 3834 §4), else From.
  const envFrom = message.envelope?.mailFrom;
  const fromHeader = addresses(headers, 'from')[0]?.address ?? null;
  let to: string | null = null;
  if (envFrom !== undefined && envFrom !== null) {
    const trimmed = envFrom.trim().replace(/^<|>$/g, '');
    if (trimmed === '') no('null-sender', 'RFC 3834', 'the envelope sender is null (<>): never answered');
    else to = trimmed;
  } else {
    to = fromHeader;
  }
  const toKey = to === null ? null : addressKey(to);
  if (to !== null && toKey === null) no('no-sender', 'RFC 3834', `the sender ${to} is not a valid address`);
  if (to === null && !reasons.some((r) => r.code === 'null-sender'))
    no('no-sender', 'RFC 3834', 'no sender address');

  // Our own addresses.
  const own = new Set<string>();
  for (const a of context.ownAddresses ?? []) {
    const k = addressKey(a);
    if (k !== null) own.add(k);
  }
  const final = message.envelope?.rcptTo;
  const original = message.envelope?.originalRecipient;
  if (final !== undefined) {
    const k = addressKey(final);
    if (k !== null) own.add(k);
  }
  if (context.useOriginalRecipient === true && original !== undefined) {
    const k = addressKey(original);
    if (k !== null) own.add(k);
  }
  if (toKey !== null) {
    if (own.has(toKey)) no('own-address', 'LOOP-4', `${to} is one of our own addresses`);
    if (policy !== undefined) {
      const role = addressRole(toKey, compilePolicy(policy));
      if (role === 'support-address' || role === 'system-address')
        no('helpdesk-address', 'LOOP-4', `${to} is a ${role.replace('-', ' ')} of the helpdesk`);
      if (role === 'partner-address') no('partner-address', 'LOOP-3', `${to} is a partner helpdesk address`);
    }
    const system = localPartIsSystem(toKey);
    if (system !== null)
      no('system-sender', 'RFC 5230', `the sender's local part (${system}) belongs to list or mail software`);
  }

  // What the classifier says.
  const cats = classification.categories;
  const autoSubmitted = classification.evidence.some(
    (e) => e.header === 'auto-submitted' && e.signal !== 'auto-submitted-no',
  );
  if (autoSubmitted) no('auto-submitted', 'RFC 3834', 'Auto-Submitted is present and not "no"');
  // List and bulk evidence counts here even when weak: the classifier wants corroboration before it calls a
  // message bulk (a ticket decision), but RFC 3834 §2 / RFC 5230 silence a responder on the header alone.
  const seen = (category: 'mailing-list' | 'bulk') =>
    classification.evidence.find((e) => e.category === category && e.discounted === undefined);
  const list = seen('mailing-list');
  const bulk = seen('bulk');
  if (list !== undefined)
    no('mailing-list', 'RFC 5230', `list mail (${list.header ?? list.signal}: ${list.value ?? ''})`);
  if (bulk !== undefined)
    no('bulk', 'RFC 3834', `bulk mail (${bulk.header ?? bulk.signal}: ${bulk.value ?? ''})`);
  if (classification.automated && !autoSubmitted && bulk === undefined) {
    no('automated', 'LOOP-5', `machine-written (${cats.join(', ')})`);
  } else if (cats.includes('system-sender') || cats.includes('no-reply-sender')) {
    if (!reasons.some((r) => r.code === 'system-sender')) no('system-sender', 'LOOP-5', `${cats.join(', ')}`);
  }
  // X-Auto-Response-Suppress is read token by token from the classifier's evidence: `None`, `DR`, `RN` do not
  // ask a vacation responder to stay silent; `All`, `OOF` and `AutoReply` do (Microsoft's definition).
  const xars = classification.evidence
    .filter((e) => e.signal === 'x-auto-response-suppress' && e.value !== undefined)
    .flatMap((e) =>
      (e.value ?? '')
        .toLowerCase()
        .split(',')
        .map((t) => t.trim()),
    );
  const asked = xars.find((t) => XARS_SILENCING.has(t));
  if (asked !== undefined) {
    no(
      'suppress-requested',
      'RFC 3834',
      `X-Auto-Response-Suppress: ${asked} asks not to be answered automatically`,
    );
  }

  // RFC 5230 §4.5: one of our addresses must be an explicit recipient.
  if (context.checkRecipient !== false) {
    let found = false;
    for (const field of RECIPIENT_FIELDS) {
      for (const m of addresses(headers, field)) {
        const k = addressKey(m.address);
        if (k !== null && own.has(k)) found = true;
      }
    }
    if (!found) no('not-a-recipient', 'RFC 5230', 'none of our addresses is in To, Cc, Bcc or Resent-*');
  }

  // RFC 3834 §2: at most once per sender per period.
  const period = context.periodMs ?? policy?.autoReplyPeriodMs ?? 7 * DAY;
  if (context.lastReplyMs !== undefined && context.lastReplyMs !== null) {
    const now = context.nowMs;
    if (now === undefined || !Number.isFinite(now)) throw new TypeError('nowMs is required with lastReplyMs');
    if (now - context.lastReplyMs < period) {
      no(
        'already-answered',
        'RFC 3834',
        `already answered this sender ${Math.round((now - context.lastReplyMs) / 60_000)} min ago`,
      );
    }
  }
  return {
    reply: reasons.length === 0,
    to: reasons.some((r) => r.code === 'null-sender') ? null : to,
    reasons,
  };
}
