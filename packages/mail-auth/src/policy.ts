import type { DnsLimits } from './dns-query-broker.js';

/**
 * How strictly sender authentication is enforced (AUTH-4). `off`: verdicts are computed and stamped, nothing
 * is held. `minimal`: only mail whose domain asks for it (DMARC quarantine/reject) and spoofs of protected
 * domains are held. `native` (the "Enhanced" mode): every unauthenticated message sent straight to the system
 * address is held. `native-and-forwarded`: the same for forwarded mail too.
 */
export type AuthMode = 'off' | 'minimal' | 'native' | 'native-and-forwarded';

/**
 * How the message reached the helpdesk, as the transport layer knows it: `native` = sent straight to the
 * system address, `forwarded` = auto-forwarded by the customer's server, `connector` = over the authenticated
 * SMTP connector.
 */
export type AuthRoute = 'native' | 'forwarded' | 'connector';

/** Which DKIM signatures may count toward DMARC. */
export interface DkimRules {
  /** RSA keys shorter than this are not accepted (mailauth reports `policy`). RFC 8301: at least 1024. */
  readonly minRsaBits: number;
  /** Whether a signature made with a key marked `t=y` (testing, RFC 6376 §3.6.1) counts. Default false. */
  readonly countTestingKeys: boolean;
  /** Whether a signature with `l=` counts when content follows the signed length. Default false. */
  readonly allowBodyLengthTag: boolean;
  /** DKIM-Signature fields verified per message at most (the topmost ones); the rest are not verified. */
  readonly maxSignatures: number;
  /**
   * mailauth's RFC-exact mode for DKIM (and so for ARC chain parsing): body-hash mismatch is `fail`,
   * malformed signatures and keys are `neutral`. Default true. SPF always runs strict (RFC 7208 suite 203/203).
   */
  readonly strict: boolean;
}

/** The local policy of one evaluation, with every default filled in. */
export interface AuthPolicy {
  /** Our authserv-id: the name we stamp into Authentication-Results (and strip when senders forge it). */
  readonly authservId: string;
  readonly mode: AuthMode;
  /** ARC sealer domains (ARC-Seal `d=`) whose newest results we accept (RFC 8617 §7.2). */
  readonly trustedArcSealers: readonly string[];
  /** authserv-ids of upstream servers (the customer's) whose Authentication-Results we accept for forwarded mail. */
  readonly trustedAuthservIds: readonly string[];
  readonly dkim: DkimRules;
  readonly dns: DnsLimits;
  /** Messages larger than this are not body-verified: DKIM and ARC are skipped, SPF and DMARC still run. */
  readonly maxMessageBytes: number;
  /** The helpdesk's own and agents' domains: never rescued by ARC or upstream results; spoofs are held. */
  readonly protectedDomains: readonly string[];
}

/** What {@link evaluateAuthentication} accepts as policy: `authservId` and `mode`, the rest optional. */
export interface AuthPolicyOptions {
  readonly authservId: string;
  readonly mode: AuthMode;
  readonly trustedArcSealers?: readonly string[];
  readonly trustedAuthservIds?: readonly string[];
  readonly dkim?: Partial<DkimRules>;
  readonly dns?: Partial<DnsLimits>;
  readonly maxMessageBytes?: number;
  readonly protectedDomains?: readonly string[];
}

/** Default DKIM rules: 1024-bit RSA floor, testing keys and `l=` with appended content do not count, 10 signatures. */
export const DEFAULT_DKIM_RULES: DkimRules = Object.freeze({
  minRsaBits: 1024,
  countTestingKeys: false,
  allowBodyLengthTag: false,
  maxSignatures: 10,
  strict: true,
});

/** Default DNS bounds: 2 s per query, 50 queries per message, 8 s for the whole evaluation. */
export const DEFAULT_DNS_LIMITS: DnsLimits = Object.freeze({
  queryTimeoutMs: 2000,
  maxQueries: 50,
  deadlineMs: 8000,
});

/** Default size bound for body verification: 25 MiB. */
export const DEFAULT_MAX_MESSAGE_BYTES: number = 25 * 1024 * 1024;

const MODES: readonly AuthMode[] = ['off', 'minimal', 'native', 'native-and-forwarded'];
// An authserv-id is a value (RFC 8601 §2.2): a token; we accept host names and similar tokens.
const AUTHSERV_ID = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,252})$/;

function positiveInteger(value: number, what: string, min = 1): number {
  if (!Number.isInteger(value) || value < min) {
    throw new TypeError(`mail-auth policy: ${what} must be an integer >= ${min} (got ${String(value)})`);
  }
  return value;
}

function domainList(list: readonly string[] | undefined, what: string): readonly string[] {
  if (list === undefined) return Object.freeze([]);
  if (!Array.isArray(list) || !list.every((d) => typeof d === 'string' && d.trim() !== '')) {
    throw new TypeError(
      `mail-auth policy: ${what} must be an array of non-empty strings such as ['example.com']`,
    );
  }
  return Object.freeze(list.map((d) => d.trim().toLowerCase().replace(/\.$/, '')));
}

/**
 * Fills in the defaults of a policy and checks it. Throws a TypeError that says how to fix a bad option
 * (these are programmer errors, not attacker input). Resolve once and pass the result to every
 * {@link evaluateAuthentication} call: a resolved policy is not checked again.
 *
 * @example
 * const policy = resolveAuthPolicy({ authservId: 'mx.helpdesk.example', mode: 'native' });
 * policy.dkim.maxSignatures; // 10
 */
export function resolveAuthPolicy(options: AuthPolicyOptions): AuthPolicy {
  // A policy this function returned is already checked and frozen: pass it through (callers resolve once
  // and reuse it for every message).
  if (resolvedPolicies.has(options as AuthPolicy)) return options as AuthPolicy;
  const policy = checkAndFill(options);
  resolvedPolicies.add(policy);
  return policy;
}

const resolvedPolicies = new WeakSet<AuthPolicy>();

function checkAndFill(options: AuthPolicyOptions): AuthPolicy {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(
      "mail-auth policy: pass an object such as { authservId: 'mx.example.com', mode: 'native' }",
    );
  }
  if (typeof options.authservId !== 'string' || !AUTHSERV_ID.test(options.authservId)) {
    throw new TypeError('mail-auth policy: authservId must be a host name such as "mx.helpdesk.example"');
  }
  if (!MODES.includes(options.mode)) {
    throw new TypeError(`mail-auth policy: mode must be one of ${MODES.join(', ')}`);
  }
  const dkim = { ...DEFAULT_DKIM_RULES, ...options.dkim };
  positiveInteger(dkim.minRsaBits, 'dkim.minRsaBits', 512);
  positiveInteger(dkim.maxSignatures, 'dkim.maxSignatures');
  for (const flag of ['countTestingKeys', 'allowBodyLengthTag', 'strict'] as const) {
    if (typeof dkim[flag] !== 'boolean')
      throw new TypeError(`mail-auth policy: dkim.${flag} must be a boolean`);
  }
  const dns = { ...DEFAULT_DNS_LIMITS, ...options.dns };
  positiveInteger(dns.queryTimeoutMs, 'dns.queryTimeoutMs');
  positiveInteger(dns.maxQueries, 'dns.maxQueries');
  positiveInteger(dns.deadlineMs, 'dns.deadlineMs');
  const maxMessageBytes = positiveInteger(
    options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES,
    'maxMessageBytes',
  );
  return Object.freeze({
    authservId: options.authservId,
    mode: options.mode,
    trustedArcSealers: domainList(options.trustedArcSealers, 'trustedArcSealers'),
    trustedAuthservIds: domainList(options.trustedAuthservIds, 'trustedAuthservIds'),
    dkim: Object.freeze(dkim),
    dns: Object.freeze(dns),
    maxMessageBytes,
    protectedDomains: domainList(options.protectedDomains, 'protectedDomains'),
  });
}
