// The small part of mailauth 7.1.0 that @mailroom/mail-auth calls, through its per-check modules only
// (they load neither undici nor the BIMI/MTA-STS fetchers). Written from the measured behaviour in
// MAILAUTH.md; fields we do not read are left out on purpose.

declare module 'mailauth/lib/dkim/verify.js' {
  /** mailauth's resolver contract: `dns.promises.resolve`, failures signalled by `err.code`. */
  export type MailauthResolver = (name: string, rrtype: string) => Promise<unknown>;

  export interface DkimStatus {
    result: 'pass' | 'fail' | 'neutral' | 'policy' | 'temperror' | 'none' | 'permerror';
    comment?: string;
    underSized?: number;
    testing?: boolean;
    policy?: { 'dkim-rules'?: string };
    warnings?: string[];
    header?: { i?: string | false; s?: string; a?: string; b?: string | false; d?: string | false };
  }

  export interface DkimSignatureResult {
    signingDomain?: string;
    selector?: string;
    algo?: string;
    modulusLength?: number;
    canonBodyLengthLimited?: boolean;
    status: DkimStatus;
  }

  export interface ArcChainEntry {
    i: number;
    'arc-seal'?: { parsed?: { d?: { value?: unknown }; s?: { value?: unknown }; cv?: { value?: unknown } } };
    messageSignature?: DkimSignatureResult;
  }

  /** The non-enumerable `arc` property of the result, handed to `arc()` as is. */
  export interface ArcData {
    chain: ArcChainEntry[] | false;
    lastEntry?: ArcChainEntry;
    error?: unknown;
  }

  export interface DkimVerifyResult {
    headerFrom: string[];
    fromFields: number;
    envelopeFrom: string | false;
    results: DkimSignatureResult[];
    readonly arc?: ArcData;
  }

  export function dkimVerify(
    input: Uint8Array | string,
    options: {
      resolver: MailauthResolver;
      sender?: string;
      minBitLength?: number;
      rejectRsaSha1?: boolean;
      curTime?: Date;
      strict?: boolean;
    },
  ): Promise<DkimVerifyResult>;
}

declare module 'mailauth/lib/spf/index.js' {
  import type { MailauthResolver } from 'mailauth/lib/dkim/verify.js';
  export interface SpfResult {
    domain: string;
    status: { result: string; comment?: string };
    explanation?: string;
    lookups?: { count: number; void: number };
  }
  export function spf(options: {
    ip: string;
    sender: string;
    helo: string;
    mta: string;
    resolver: MailauthResolver;
    strict?: boolean;
    maxResolveCount?: number;
    maxVoidCount?: number;
  }): Promise<SpfResult>;
}

declare module 'mailauth/lib/dmarc/index.js' {
  import type { MailauthResolver } from 'mailauth/lib/dkim/verify.js';
  export interface DmarcResponse {
    status: {
      result: 'pass' | 'fail' | 'none' | 'temperror' | 'neutral';
      comment?: string;
      header?: { from?: string };
    };
    domain?: string;
    policyDomain?: string;
    policy?: 'none' | 'quarantine' | 'reject';
    p?: string;
    testMode?: boolean;
    alignment?: {
      spf?: { result?: string | false; strict?: boolean };
      dkim?: { result?: string | false; strict?: boolean; underSized?: number };
    };
    error?: string;
  }
  export function evaluateDmarc(options: {
    headerFrom: string[];
    fromFields: number;
    spfDomains: string[];
    dkimDomains: { id?: string; domain: string; underSized?: number }[];
    arcResult?: { status: { result: string } };
    resolver: MailauthResolver;
    strict?: boolean;
  }): Promise<{ response: DmarcResponse | false; reason?: string; dkimAligned?: Set<string> }>;
}

declare module 'mailauth/lib/arc/index.js' {
  import type { ArcData, DkimSignatureResult, MailauthResolver } from 'mailauth/lib/dkim/verify.js';
  export interface ArcAuthResults {
    mta?: string;
    dmarc?: { result?: unknown; header?: { from?: unknown } };
  }
  export interface ArcResult {
    status: { result: 'pass' | 'fail' | 'none'; comment?: string };
    i?: number | false;
    signature?: DkimSignatureResult | false;
    authenticationResults?: ArcAuthResults;
  }
  export function arc(
    data: ArcData,
    options: { resolver: MailauthResolver; minBitLength?: number; strict?: boolean; ip?: string },
  ): Promise<ArcResult>;
}
