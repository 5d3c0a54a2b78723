/** What one reason code means, and the rule it belongs to. */
export interface ReasonCodeInfo {
  readonly summary: string;
  readonly rule?: string;
}

/** A stable reason code of a verdict. */
export type AuthReasonCode =
  | 'relay-authenticated'
  | 'relay-domain-not-allowed'
  | 'relay-not-authenticated'
  | 'dmarc-pass'
  | 'dmarc-fail'
  | 'dmarc-none'
  | 'dmarc-temperror'
  | 'dmarc-policy-reject'
  | 'dmarc-policy-quarantine'
  | 'dmarc-policy-none'
  | 'dmarc-test-mode'
  | 'no-author-domain'
  | 'multiple-author-domains'
  | 'multiple-from-fields'
  | 'invalid-author-domain'
  | 'dkim-testing-key-ignored'
  | 'dkim-body-length-ignored'
  | 'dkim-weak-key'
  | 'dkim-rsa-sha1-rejected'
  | 'dkim-too-many-signatures'
  | 'dkim-temperror'
  | 'spf-temperror'
  | 'arc-pass-trusted-sealer'
  | 'arc-untrusted-sealer'
  | 'arc-results-not-dmarc-pass'
  | 'arc-fail'
  | 'arc-temperror'
  | 'arc-protected-domain'
  | 'upstream-trusted-pass'
  | 'upstream-not-dmarc-pass'
  | 'upstream-own-authserv-id-ignored'
  | 'upstream-protected-domain'
  | 'protected-domain-unauthenticated'
  | 'dns-budget-exceeded'
  | 'dns-deadline'
  | 'dns-permanent-error'
  | 'dns-temperror-irrelevant'
  | 'message-too-large'
  | 'evaluation-error'
  | 'evaluation-deadline'
  | 'mode-off';

/**
 * Every reason code a verdict can carry, with its meaning. Codes are stable: consumers may key on them
 * (suspension causes, admin explanations, metrics).
 */
export const AUTH_REASON_CODES: Readonly<Record<AuthReasonCode, ReasonCodeInfo>> = Object.freeze({
  'relay-authenticated': {
    summary: 'arrived over the authenticated connector; From domain is one of its domains',
    rule: 'AUTH-3',
  },
  'relay-domain-not-allowed': {
    summary: 'arrived over the authenticated connector, but From is not one of its domains',
    rule: 'AUTH-3',
  },
  'relay-not-authenticated': {
    summary: 'connector route without an authenticated relay (e.g. disconnected connector)',
    rule: 'AUTH-5',
  },
  'dmarc-pass': { summary: 'DMARC pass with counted DKIM signatures or aligned SPF' },
  'dmarc-fail': { summary: 'DMARC fail: no counted aligned DKIM signature and no aligned SPF pass' },
  'dmarc-none': { summary: 'the From domain publishes no DMARC policy' },
  'dmarc-temperror': { summary: 'DMARC could not be evaluated because of a DNS failure' },
  'dmarc-policy-reject': { summary: 'the effective DMARC policy is reject' },
  'dmarc-policy-quarantine': { summary: 'the effective DMARC policy is quarantine' },
  'dmarc-policy-none': { summary: 'the effective DMARC policy is none' },
  'dmarc-test-mode': { summary: 'the DMARC record has t=y (policy applied one level lower)' },
  'no-author-domain': { summary: 'no From address with a domain' },
  'multiple-author-domains': { summary: 'From addresses of more than one domain' },
  'multiple-from-fields': { summary: 'more than one From header field' },
  'invalid-author-domain': { summary: 'the From domain is not a valid domain' },
  'dkim-testing-key-ignored': {
    summary: 'a passing signature made with a t=y (testing) key was not counted',
  },
  'dkim-body-length-ignored': {
    summary: 'a passing signature with l= and content after the signed length was not counted',
  },
  'dkim-weak-key': { summary: 'a signature key shorter than the minimum RSA size was not accepted' },
  'dkim-rsa-sha1-rejected': { summary: 'an rsa-sha1 signature was not accepted (RFC 8301)' },
  'dkim-too-many-signatures': {
    summary: 'more DKIM-Signature fields than the cap; only the topmost were verified',
  },
  'dkim-temperror': { summary: 'a DKIM key lookup that could align failed temporarily' },
  'spf-temperror': { summary: 'the SPF check of an aligned MAIL FROM failed temporarily' },
  'arc-pass-trusted-sealer': {
    summary: 'ARC pass, newest sealer trusted, its results show DMARC pass for From (RFC 8617 §7.2)',
  },
  'arc-untrusted-sealer': { summary: 'ARC pass, but the newest sealer is not trusted' },
  'arc-results-not-dmarc-pass': {
    summary: 'ARC pass from a trusted sealer whose newest results do not show DMARC pass for From',
  },
  'arc-fail': { summary: 'the ARC chain did not validate' },
  'arc-temperror': { summary: 'ARC validation failed on a temporary DNS error' },
  'arc-protected-domain': { summary: 'ARC cannot authenticate a protected domain' },
  'upstream-trusted-pass': {
    summary: 'forwarded mail; the trusted upstream Authentication-Results show DMARC pass for From',
  },
  'upstream-not-dmarc-pass': {
    summary: 'forwarded mail; the trusted upstream Authentication-Results do not show DMARC pass for From',
  },
  'upstream-own-authserv-id-ignored': {
    summary: 'Authentication-Results carrying our own authserv-id were ignored (forged)',
  },
  'upstream-protected-domain': { summary: 'upstream results cannot authenticate a protected domain' },
  'protected-domain-unauthenticated': {
    summary: 'From is a protected domain and the message is not authenticated',
  },
  'dns-budget-exceeded': { summary: 'the per-message DNS query budget ran out' },
  'dns-deadline': { summary: 'the evaluation deadline passed while DNS queries were pending' },
  'dns-permanent-error': { summary: 'a DNS query failed permanently' },
  'dns-temperror-irrelevant': { summary: 'a temporary DNS failure could not change the disposition' },
  'message-too-large': { summary: 'the message is over maxMessageBytes: DKIM and ARC were not verified' },
  'evaluation-error': { summary: 'a check failed unexpectedly; the message is treated as unverifiable' },
  'evaluation-deadline': { summary: 'the checks did not finish by the deadline' },
  'mode-off': { summary: 'sender authentication is off: nothing is held' },
});
