import type { AuthState, Disposition } from './disposition.js';
import type { DnsQueryLogEntry } from './dns-query-broker.js';
import type { AuthRoute } from './policy.js';
import type { AuthReasonCode } from './reason-codes.js';

/** The SMTP envelope as our edge received it. */
export interface SmtpEnvelope {
  /** The SMTP client's IP address (IPv4 or IPv6). */
  readonly clientIp: string;
  /** The EHLO/HELO name ('' when none was given). */
  readonly helo: string;
  /** MAIL FROM without angle brackets; null or '' for the null reverse-path `<>`. */
  readonly mailFrom: string | null;
  readonly rcptTo: readonly string[];
}

/** Facts about the authenticated SMTP connector that ONLY the transport layer may set (AUTH-3). */
export interface RelayFacts {
  /** The connection was authenticated (SMTP AUTH or mutual TLS) as this connector. */
  readonly authenticated: boolean;
  readonly connectorId: string;
  /** The From domains this connector may relay for (its customer's domains). */
  readonly allowedDomains: readonly string[];
  readonly method?: 'smtp-auth' | 'mtls';
}

/** One message to evaluate. */
export interface AuthInput {
  /** The raw message as received at our edge, before we added any header. */
  readonly message: Uint8Array | string;
  readonly envelope: SmtpEnvelope;
  readonly route: AuthRoute;
  /** Only for route `connector`, only from the transport layer; never derived from headers. */
  readonly relay?: RelayFacts;
  /** The clock for DKIM `t=`/`x=` checks. */
  readonly now: Date | number;
}

/** How the message was authenticated. */
export type AuthMethod = 'dkim' | 'spf' | 'arc' | 'trusted-upstream' | 'authenticated-relay';

/** Why a passing DKIM signature did not count, or why a signature was not accepted. */
export type DkimNote = 'testing-key' | 'body-length-appended' | 'weak-key' | 'rsa-sha1';

/** One verified DKIM signature. */
export interface DkimSignatureVerdict {
  readonly domain: string;
  readonly selector: string;
  readonly algorithm: string;
  /** mailauth's result: pass, fail, neutral, policy, temperror. */
  readonly result: string;
  /** Whether it was handed to DMARC (passing and acceptable under the DKIM rules). */
  readonly counted: boolean;
  /** Whether DMARC found it aligned with the From domain (only counted signatures can be). */
  readonly aligned: boolean;
  readonly note?: DkimNote;
  /** mailauth's comment (e.g. "body hash did not verify", "no key"). */
  readonly comment?: string;
}

/** The DMARC part of a verdict. `skipped`: no single author domain (see `skipReason`). */
export interface DmarcVerdict {
  readonly result: 'pass' | 'fail' | 'none' | 'temperror' | 'skipped';
  readonly policy?: 'none' | 'quarantine' | 'reject';
  readonly policyDomain?: string;
  readonly testMode?: boolean;
  readonly skipReason?: string;
}

/** The SPF part of a verdict (the MAIL FROM identity, or HELO for the null sender). */
export interface SpfVerdict {
  readonly result: string;
  readonly domain: string;
  readonly identity: 'mailfrom' | 'helo';
  /** Whether DMARC found the SPF domain aligned with From. */
  readonly aligned: boolean;
  /** The domain owner's explanation for a fail (third-party text, display only). */
  readonly explanation?: string;
}

/** The ARC part of a verdict. `skipped`: not verified (message over the size bound). */
export interface ArcVerdict {
  readonly result: 'pass' | 'fail' | 'none' | 'temperror' | 'skipped';
  readonly instance?: number;
  /** `d=` of the newest ARC-Seal. */
  readonly sealer?: string;
  /** Whether that sealer is in the policy's trusted ARC sealers. */
  readonly trusted: boolean;
  /** The DMARC result in the newest ARC-Authentication-Results, and its header.from. */
  readonly upstreamDmarc?: string;
  readonly upstreamFrom?: string;
  readonly comment?: string;
}

/** The upstream Authentication-Results the evaluator considered (forwarded mail, trusted authserv-ids). */
export interface UpstreamVerdict {
  /** authserv-id of the topmost trusted field, when there is one. */
  readonly authservId?: string;
  readonly dmarc?: string;
  readonly headerFrom?: string;
  /** Fields carrying our own authserv-id, ignored as forged. */
  readonly ignoredOwnFields: number;
}

/** The outcome of {@link evaluateAuthentication}. */
export interface AuthVerdict {
  readonly authenticated: boolean;
  readonly method: AuthMethod | null;
  /** The first From address (addr-spec), null when there is none. */
  readonly fromAddress: string | null;
  /** The author domain DMARC evaluated (lower case, A-label), null when there is no single one. */
  readonly fromDomain: string | null;
  /** The domain that authenticated the message (DKIM d=, SPF domain, ARC sealer, upstream authserv-id, connector id). */
  readonly alignedDomain: string | null;
  readonly disposition: Disposition;
  /** True when a temporary failure could change the answer (disposition `defer`). */
  readonly temporary: boolean;
  /** The state the disposition was read from. */
  readonly state: AuthState;
  readonly reasons: readonly AuthReasonCode[];
  readonly dmarc: DmarcVerdict;
  readonly spf: SpfVerdict;
  readonly dkim: readonly DkimSignatureVerdict[];
  /** DKIM-Signature fields beyond the cap that were not verified. */
  readonly dkimSignaturesNotVerified: number;
  readonly arc: ArcVerdict;
  readonly upstream: UpstreamVerdict;
  /** The AUTH-3 marker: the message came over the authenticated connector for one of its domains. */
  readonly relay: { readonly authenticated: boolean; readonly connectorId?: string };
  /** The Authentication-Results value to stamp (without the field name), one line. */
  readonly authenticationResults: string;
  readonly dnsLog: readonly DnsQueryLogEntry[];
  /** Queries sent to the resolver (cache hits and refused queries not included). */
  readonly dnsQueries: number;
}
