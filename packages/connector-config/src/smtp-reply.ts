import type { ConnectorRuleId } from './rules.js';

/**
 * One way to recognise a case: every condition present must hold. `enhanced` is an RFC 3463 code (`5.7.520`), or a
 * class/subject prefix ending in a dot (`4.7.`); `reply` a three-digit reply code; `text` regular expressions that
 * must all match (keep them linear: literals, no nested quantifiers).
 */
export interface SmtpReplySignal {
  readonly enhanced?: string | undefined;
  readonly reply?: number | undefined;
  readonly text?: readonly RegExp[] | undefined;
}

/** A known SMTP reply or bounce text: how to recognise it, the rule behind it, its cause and its fix. */
export interface SmtpReplyPattern {
  readonly id: string;
  readonly rule: ConnectorRuleId;
  /** Any one signal matching is enough. */
  readonly when: readonly SmtpReplySignal[];
  readonly cause: string;
  readonly fix: string;
}

/**
 * Replies and bounce texts admins paste in, most specific first. Sources: Microsoft's Exchange Online NDR
 * reference (5.7.520 AS(7555), 5.7.139, 5.7.57, 5.7.708, 5.7.750, 5.1.10, 5.7.60), Google's SMTP error reference
 * (5.7.8 BadCredentials, 5.4.5, 4.7.0, 5.7.26), RFC 3463 and common Postfix/Exim texts.
 */
export const SMTP_REPLY_PATTERNS: readonly SmtpReplyPattern[] = Object.freeze([
  {
    id: 'm365-external-forwarding-blocked',
    rule: 'FWD-2',
    when: [
      { enhanced: '5.7.520' },
      { text: [/AS\(7555\)/i] },
      { text: [/does not allow external forwarding/i] },
    ],
    cause: "Microsoft 365's outbound anti-spam policy blocks automatic forwarding to outside addresses.",
    fix: 'Set automatic forwarding to "On" in the outbound anti-spam policy for the forwarding mailbox, or forward with a transport (mail flow) rule instead of a forwarding rule.',
  },
  {
    id: 'm365-smtp-auth-disabled',
    rule: 'SMTP-14',
    when: [
      { text: [/SmtpClientAuthentication is disabled/i] },
      { text: [/basic authentication is disabled/i] },
      { text: [/security defaults policy/i] },
    ],
    cause: 'SMTP AUTH (authenticated client submission) is disabled for the tenant or the mailbox.',
    fix: 'Enable Authenticated SMTP for the mailbox (Microsoft 365 admin center > user > Mail > Manage email apps); if security defaults block it, ask your Microsoft admin for an exception.',
  },
  {
    id: 'm365-client-not-authenticated',
    rule: 'SMTP-14',
    when: [{ enhanced: '5.7.57' }, { text: [/Client was not authenticated/i] }],
    cause: 'Microsoft 365 received mail without a successful SMTP login.',
    fix: 'Use host smtp.office365.com, port 587 with STARTTLS, and the mailbox address and password as credentials.',
  },
  {
    id: 'm365-traffic-not-accepted',
    rule: 'FWD-2',
    when: [{ enhanced: '5.7.708' }, { text: [/traffic not accepted from this IP/i] }],
    cause:
      'Microsoft 365 refuses to relay or forward mail from this tenant (typical of new tenants or tenants with a low sending reputation).',
    fix: 'Verify your domain in Microsoft 365 and ask Microsoft support to lift the restriction; meanwhile forward to the helpdesk with a transport rule from a verified domain.',
  },
  {
    id: 'm365-unregistered-domain',
    rule: 'SMTP-14',
    when: [{ enhanced: '5.7.750' }, { text: [/unregistered domains/i] }],
    cause: 'The From domain is not an accepted domain of the Microsoft 365 tenant.',
    fix: 'Add and verify the sending domain in Microsoft 365, or send from an address on an accepted domain.',
  },
  {
    id: 'send-as-denied',
    rule: 'CSMTP-2',
    when: [
      { enhanced: '5.7.60' },
      { text: [/SendAsDenied/i] },
      { text: [/permissions? to send as/i] },
      { text: [/not owned by user/i] },
    ],
    cause: 'The SMTP login may not send as the From address (missing Send As permission).',
    fix: 'Grant the SMTP mailbox Send As permission on the support address, or log in as the support address itself.',
  },
  {
    id: 'gmail-bad-credentials',
    rule: 'SMTP-8',
    when: [{ text: [/Username and Password not accepted/i] }, { text: [/BadCredentials/i] }],
    cause: 'Google rejected the login; accounts with 2-Step Verification need an app password for SMTP.',
    fix: 'Create an app password for the mailbox (Google Account > Security > App passwords) and use it as the SMTP password.',
  },
  {
    id: 'auth-mechanism-unsupported',
    rule: 'SMTP-6',
    when: [
      { text: [/Unrecognized authentication type/i] },
      { enhanced: '5.5.4', text: [/AUTH/i] },
      { enhanced: '5.7.4' },
      { text: [/mechanism not supported/i] },
    ],
    cause: 'The server does not offer the authentication mechanism used (the connector uses PLAIN).',
    fix: 'Enable AUTH PLAIN on the server (over TLS), and make sure TLS starts before AUTH.',
  },
  {
    id: 'tls-required',
    rule: 'SMTP-1',
    when: [
      { text: [/Must issue a STARTTLS command first/i] },
      { text: [/STARTTLS is required/i] },
      { text: [/TLS required/i] },
      { enhanced: '5.7.10' },
    ],
    cause: 'The server requires TLS before it accepts a login or mail.',
    fix: 'Turn TLS on: "starttls" on port 587 (or 25), "implicit" on port 465.',
  },
  {
    id: 'auth-failed',
    rule: 'SMTP-8',
    when: [
      { text: [/Authentication unsuccessful/i] },
      { text: [/authentication failed/i] },
      { enhanced: '5.7.8' },
      { enhanced: '5.7.3' },
      { reply: 535 },
    ],
    cause: 'The server rejected the username or password.',
    fix: 'Check username (often the full email address) and password; reset the password if unsure, and check that the account is not locked or blocked for SMTP.',
  },
  {
    id: 'relay-denied',
    rule: 'CSMTP-3',
    when: [
      { text: [/relay access denied/i] },
      { text: [/relaying denied/i] },
      { text: [/unable to relay/i] },
      { text: [/not permitted to relay/i] },
      { enhanced: '5.7.54' },
      { enhanced: '5.7.64' },
    ],
    cause:
      "The server will not relay for this client: the login did not happen, or the helpdesk's sending IP is not allowed to relay.",
    fix: "Authenticate (SMTP AUTH over TLS) and allowlist the helpdesk's sending networks on the server.",
  },
  {
    id: 'unknown-recipient',
    rule: 'SMTP-8',
    when: [
      { enhanced: '5.1.1' },
      { enhanced: '5.1.10' },
      { text: [/RecipientNotFound/i] },
      { text: [/user unknown/i] },
      { text: [/no such user/i] },
    ],
    cause:
      'The address does not exist on the receiving server (for a verification mail: the support address is not a mailbox yet).',
    fix: 'Create the mailbox on your mail server (an alias or distribution group is not enough for the connector), then verify again.',
  },
  {
    id: 'gmail-sending-limit',
    rule: 'GMAIL-5',
    when: [
      { enhanced: '5.4.5' },
      { text: [/Daily user sending limit exceeded/i] },
      { text: [/sending quota exceeded/i] },
    ],
    cause: "The account reached Google's daily sending limit (500 for Gmail, 2,000 for Google Workspace).",
    fix: 'Wait for the quota to reset; for lasting volume, switch to forwarding and add the helpdesk to your SPF record.',
  },
  {
    id: 'dmarc-rejected',
    rule: 'AUTH-1',
    when: [{ enhanced: '5.7.26' }, { text: [/DMARC/i] }, { text: [/unauthenticated email/i] }],
    cause: 'The recipient rejected the message because it failed DMARC for the From domain.',
    fix: 'DKIM-sign relayed mail with your own domain (d=your domain) and include your relay in SPF, so DMARC passes.',
  },
  {
    id: 'spf-failed',
    rule: 'AUTH-1',
    when: [{ enhanced: '5.7.23' }, { text: [/Sender Policy Framework/i] }, { text: [/SPF check failed/i] }],
    cause: 'The recipient rejected the message because the sending server is not in the domain’s SPF record.',
    fix: 'Add your relay (or the helpdesk, when it sends directly) to the SPF record of the From domain.',
  },
  {
    id: 'hop-count-exceeded',
    rule: 'FWD-3',
    when: [
      { enhanced: '5.4.14' },
      { enhanced: '5.4.6' },
      { text: [/hop count exceeded/i] },
      { text: [/routing loop/i] },
      { text: [/mail loop/i] },
    ],
    cause: 'The message went round a forwarding loop or through too many hops.',
    fix: 'Forward the support address directly (one hop) to the helpdesk and make sure the helpdesk does not forward back.',
  },
  {
    id: 'greylisting',
    rule: 'SMTP-12',
    when: [
      { text: [/greylist/i] },
      { text: [/graylist/i] },
      { enhanced: '4.7.' },
      { reply: 450, text: [/try again later/i] },
      { reply: 451, text: [/try again later/i] },
    ],
    cause:
      'The server deferred the message temporarily (greylisting or rate limiting); verification mails time out.',
    fix: "Exempt the helpdesk's sending IP addresses from greylisting, then verify again.",
  },
]);

/** One pattern that matched a reply. */
export interface SmtpReplyMatch {
  readonly id: string;
  readonly rule: ConnectorRuleId;
  readonly cause: string;
  readonly fix: string;
}

/** What a pasted reply or bounce text says. */
export interface SmtpReplyDiagnosis {
  /** First basic reply code found (`550`), or `null`. */
  readonly replyCode: number | null;
  /** First enhanced status code found (`5.7.520`), or `null`. */
  readonly enhancedCode: string | null;
  /** `true` for 4xx (retry later), `false` for 5xx (permanent), `null` when unknown. */
  readonly temporary: boolean | null;
  /** Matching patterns, most specific first; empty when nothing is recognised. */
  readonly matches: readonly SmtpReplyMatch[];
}

/** Longest text looked at; bounce messages put the reply near the top. */
export const MAX_DIAGNOSED_LENGTH = 16_384;

const ENHANCED_CODE = /(?<![\d.])([245]\.[0-7]\.\d{1,3})(?![\d.])/g;
const REPLY_CODE = /(?<![\d.])([245]\d\d)(?=[ -]|$)/gm;

function signalHolds(
  signal: SmtpReplySignal,
  text: string,
  enhanced: readonly string[],
  replies: readonly number[],
) {
  const conditions = [signal.enhanced, signal.reply, signal.text].filter((c) => c !== undefined).length;
  if (conditions === 0) return false;
  if (signal.enhanced !== undefined) {
    const want = signal.enhanced;
    const ok = want.endsWith('.') ? enhanced.some((c) => c.startsWith(want)) : enhanced.includes(want);
    if (!ok) return false;
  }
  if (signal.reply !== undefined && !replies.includes(signal.reply)) return false;
  if (signal.text !== undefined) {
    for (const re of signal.text) {
      re.lastIndex = 0;
      if (!re.test(text)) return false;
    }
  }
  return true;
}

/**
 * Explains an SMTP reply or bounce text an admin pasted: which rule it concerns, why it happened, what to do.
 * Recognises Microsoft's `550 5.7.520 ... AS(7555)` (external forwarding blocked), SMTP AUTH disabled, `5.7.708`,
 * greylisting `4.7.x`, unknown recipient `5.1.1`, relay denied, TLS required, authentication failures, Send As
 * denied, sending limits, DMARC/SPF rejections and mail loops. Reads at most {@link MAX_DIAGNOSED_LENGTH}
 * characters; never throws.
 *
 * @rule FWD-2, SMTP-14, SMTP-12, SMTP-8, SMTP-6, SMTP-1, CSMTP-2, CSMTP-3, GMAIL-5, AUTH-1, FWD-3
 * @example
 * const d = diagnoseSmtpReply('550 5.7.520 Access denied, Your organization does not allow external forwarding. AS(7555)');
 * d.matches[0]?.rule; // 'FWD-2'
 * d.temporary; // false
 */
export function diagnoseSmtpReply(
  text: string,
  patterns: readonly SmtpReplyPattern[] = SMTP_REPLY_PATTERNS,
): SmtpReplyDiagnosis {
  const input = typeof text === 'string' ? text.slice(0, MAX_DIAGNOSED_LENGTH) : '';
  const enhanced = [...input.matchAll(ENHANCED_CODE)].map((m) => m[1]!);
  const replies = [...input.matchAll(REPLY_CODE)].map((m) => Number(m[1]));
  const replyCode = replies[0] ?? null;
  const enhancedCode = enhanced[0] ?? null;
  const klass =
    replyCode !== null ? Math.floor(replyCode / 100) : enhancedCode !== null ? Number(enhancedCode[0]) : 0;
  const matches: SmtpReplyMatch[] = [];
  for (const p of patterns) {
    if (p.when.some((s) => signalHolds(s, input, enhanced, replies))) {
      matches.push({ id: p.id, rule: p.rule, cause: p.cause, fix: p.fix });
    }
  }
  return { replyCode, enhancedCode, temporary: klass === 4 ? true : klass === 5 ? false : null, matches };
}
