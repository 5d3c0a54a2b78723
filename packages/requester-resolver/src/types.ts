import type { HeaderList } from '@mailroom/headers';
import type { ForwardingMarker } from './forwarding-hops.js';
import type { ListSoftwareSignature } from './list-rewriting.js';

/**
 * The public vocabulary of the resolver: what goes in (the context), what comes out (the resolution).
 * Every code here is stable: consumers (the loop detector, the CLI, a helpdesk) switch on them.
 */

/** How Reply-To takes part in choosing the requester (REQ-1). */
export type ReplyToPolicy =
  /** REQ-1 as written: the first valid Reply-To address, else From, else Sender. The default. */
  | 'reply-to-first'
  /** Reply-To is never used for the requester (still compared, for `reply-to-differs`). */
  | 'from-only'
  /** Reply-To is used only when its domain is From's domain (web forms on the sender's own domain). */
  | 'reply-to-if-same-domain';

/**
 * One of the helpdesk's own support addresses, with the other addresses that deliver into it (aliases,
 * forwarding sources such as `support@customer.example` forwarded to `acme@helpdesk.example`).
 * A plain string is a support address with no aliases.
 */
export type SupportAddressInput = string | { readonly address: string; readonly aliases?: readonly string[] };

/**
 * An address pattern for system, partner and agent addresses:
 * - an exact address: `noreply@atera.com`;
 * - any local part at a domain: `*@ticketing.atera.com`;
 * - any address at any sub-domain (one or more labels) of a domain: `*@*.zendesk.com`;
 * - a local part with ONE `*` (prefix and/or suffix match) at an exact or wildcard domain: `support@*.zendesk.com`,
 *   `noreply*@example.com`.
 * Matching is case-insensitive on the {@link @mailroom/headers!addressKey | addressKey} form (IDN domains in ASCII),
 * linear in the address length.
 */
export type AddressPattern = string;

/** The SMTP envelope of the delivery to the helpdesk, when the caller knows it. */
export interface SmtpEnvelope {
  /** `MAIL FROM` (the reverse path); `''` for the null sender `<>`. */
  readonly mailFrom?: string;
  /** `RCPT TO` addresses of this delivery (the most trusted evidence of the recipient, OUT-3). */
  readonly rcptTo?: readonly string[];
}

/** Who becomes the requester of a bounce (a DSN/NDR). */
export type BounceRequesterMode =
  /** The bounce is treated like any mail: REQ-1 on its headers (usually `MAILER-DAEMON`). The default. */
  | 'sender'
  /** The failed recipient (`Final-Recipient`, else `Original-Recipient`, else `X-Failed-Recipients`). */
  | 'final-recipient';

/** Bounds that keep resolution cheap on hostile input. */
export interface ResolverLimits {
  /** Characters of `bodyText` scanned for a forwarded block. */
  readonly maxBodyChars: number;
  /** Lines of `bodyText` scanned for a forwarded block. */
  readonly maxBodyLines: number;
  /** Characters of `reportText` (or body) scanned for `Final-Recipient`. */
  readonly maxReportChars: number;
  /** Addresses read from one header field (To, Cc, ...); the rest are ignored. */
  readonly maxAddressesPerField: number;
  /** Header fields of one name examined (Received, Delivered-To, ...). */
  readonly maxFieldsPerName: number;
  /** Characters of one header value examined. */
  readonly maxValueChars: number;
  /** Attached messages (`attachedMessages`) examined for a forward sent as an attachment. */
  readonly maxAttachedMessages: number;
}

/** The forwarded-block recognition tables; extend the exported defaults and pass them in {@link ResolverContext.tables}. */
export interface ForwardTables {
  readonly blockMarkers: readonly ForwardBlockMarker[];
  readonly headerLabels: readonly ForwardHeaderLabel[];
  readonly subjectPrefixes: readonly ForwardSubjectPrefix[];
}

/** A line that opens a forwarded block, e.g. Gmail's `---------- Forwarded message ---------`. */
export interface ForwardBlockMarker {
  /** The client that writes it (documentation only), e.g. `gmail`, `outlook-desktop`, `apple-mail`. */
  readonly client: string;
  /** BCP 47 language tag of the phrase. */
  readonly language: string;
  /**
   * The phrase as it appears, without the surrounding runs of `-`, `_`, `=`, `*`, spaces and the final colon;
   * compared case-insensitively.
   */
  readonly phrase: string;
  /**
   * `forward`: only forwards write it ("Forwarded message"), enough on its own. `original`: replies write it too
   * ("Original Message"), so it counts only when the subject has a forward prefix.
   */
  readonly kind: 'forward' | 'original';
}

/** Which header of the forwarded message a label names. */
export type ForwardLabelField = 'from' | 'to' | 'cc' | 'date' | 'subject';

/** A header label inside a forwarded block (`From:`, `De :`, `Von:`, `差出人:` ...). */
export interface ForwardHeaderLabel {
  readonly language: string;
  readonly field: ForwardLabelField;
  /** The label without the colon; compared case-insensitively. */
  readonly label: string;
}

/** A subject prefix that marks a forward (`Fwd:`, `WG:`, `TR:` ...). */
export interface ForwardSubjectPrefix {
  readonly language: string;
  /** The prefix without the colon; compared case-insensitively. */
  readonly prefix: string;
}

/** What the resolver needs to know about the helpdesk and about this delivery. */
export interface ResolverContext {
  /** The helpdesk's own support addresses with their aliases (LOOP-4, OUT-3). */
  readonly supportAddresses?: readonly SupportAddressInput[];
  /** The helpdesk's native/system addresses: exact addresses or patterns (LOOP-4). */
  readonly systemAddresses?: readonly AddressPattern[];
  /** Support addresses of partner helpdesks (LOOP-3). */
  readonly partnerAddresses?: readonly AddressPattern[];
  /** The helpdesk's agents (forwarded mail, `reply-to-is-agent`). */
  readonly agentAddresses?: readonly AddressPattern[];
  /** REQ-1 policy; default `'reply-to-first'`. */
  readonly replyToPolicy?: ReplyToPolicy;
  /** The decoded text part of the message, for forwarded mail (and bounces when no `reportText`). */
  readonly bodyText?: string;
  /**
   * The header blocks of the messages attached to this one (`message/rfc822` parts, in document order), for forwards
   * sent as attachments ("Forward as attachment" in Outlook, Thunderbird, Gmail). `attachedMessages(raw, headers)`
   * of `@mailroom/headers` finds them: pass `.map((a) => a.headers)`.
   */
  readonly attachedMessages?: readonly HeaderList[];
  /** The SMTP envelope of the delivery, when known. */
  readonly envelope?: SmtpEnvelope;
  /** Who is the requester of a bounce; default `'sender'`. */
  readonly bounceRequester?: BounceRequesterMode;
  /** The text of the `message/delivery-status` part of a DSN (or the whole bounce text), for `Final-Recipient`. */
  readonly reportText?: string;
  /** Replacement recognition tables (start from `DEFAULT_FORWARD_TABLES` and extend). */
  readonly tables?: Partial<ForwardTables>;
  /** Replacement list-software signatures (start from `LIST_SOFTWARE_SIGNATURES`). */
  readonly listSoftware?: readonly ListSoftwareSignature[];
  /** Replacement forwarding markers for REQ-2 (start from `FORWARDING_MARKERS`). */
  readonly forwardingMarkers?: readonly ForwardingMarker[];
  /** Bounds; defaults in `DEFAULT_RESOLVER_LIMITS`. */
  readonly limits?: Partial<ResolverLimits>;
}

/** Where the requester was found. */
export type RequesterSource =
  | 'reply-to'
  | 'from'
  | 'sender'
  /** An agent forwarded a customer's mail: the author inside the forwarded block. */
  | 'forwarded-original'
  /** List software rewrote From (Mailman, Google Groups, DMARC "via"): the original author. */
  | 'list-original-sender'
  /** A bounce, with `bounceRequester: 'final-recipient'`: the recipient whose delivery failed. */
  | 'dsn-final-recipient';

/** The person the ticket is from. */
export interface Requester {
  /** The address as written (`local@domain`), trimmed. */
  readonly address: string;
  /** The decoded display name, `''` when none. */
  readonly name: string;
  readonly source: RequesterSource;
  /** The `addressKey` form (lower case, ASCII domain): what to store and compare. */
  readonly key: string;
}

/** Which evidence named the support address (OUT-3), in decreasing order of trust. */
export type RecipientSource = 'envelope' | 'delivered-to' | 'x-original-to' | 'x-forwarded-to' | 'to' | 'cc';

/** The support address the mail was sent to (OUT-3). */
export interface SupportRecipient {
  /** The configured support address (the canonical one, even when an alias matched). */
  readonly address: string;
  /** The address found in the evidence (a support address or one of its aliases), as written. */
  readonly matched: string;
  readonly source: RecipientSource;
}

/** A copied person (EXCH-3). */
export interface CcAddress {
  readonly address: string;
  readonly name: string;
  readonly key: string;
}

/** Why an address was kept out of requester and CCs. */
export type ExclusionReason = 'support-address' | 'system-address' | 'partner-address' | 'invalid';

/** An address that was kept out, with the reason and where it was found. */
export interface ExcludedAddress {
  /** As written (may be `''` for `<>`, or the raw text of an invalid entry). */
  readonly address: string;
  readonly reason: ExclusionReason;
  /** The header (or `envelope`, `forwarded-block`, `report`) it came from. */
  readonly field: string;
}

/** Stable warning codes. */
export type ResolverWarningCode =
  /** From and Reply-To name different people. */
  | 'reply-to-differs'
  /** An outsider put an agent's address in Reply-To; Reply-To was not used (Zendesk flags this). */
  | 'reply-to-is-agent'
  /** LOOP-4: From is one of the helpdesk's own support or system addresses (a loop). */
  | 'from-is-support-address'
  /** LOOP-4: the address REQ-1 would pick is a support address; it was skipped. */
  | 'requester-is-support-address'
  /** LOOP-4: the address REQ-1 would pick is a system address; it was skipped. */
  | 'requester-is-system-address'
  /** LOOP-3: the requester (or From) is a partner address: the mail should be rejected. */
  | 'requester-is-partner'
  /** REQ-2: more than one forwarding hop before the helpdesk; `hops` lists them. */
  | 'multiple-forwarding-hops'
  /** No address could become the requester. */
  | 'no-valid-requester'
  /** An agent forwarded mail but no original author could be read from the body. */
  | 'forwarded-original-not-found'
  /** `bounceRequester: 'final-recipient'` was asked for but no failed recipient was found. */
  | 'final-recipient-not-found';

/** One address on the delivery path, with the evidence that names it (REQ-2). */
export interface ForwardingHop {
  /** The `addressKey` of the address mail was delivered or forwarded to. */
  readonly address: string;
  /** The evidence, e.g. `{ field: 'Delivered-To', value: 'support@acme.example' }`. */
  readonly evidence: readonly { readonly field: string; readonly value: string }[];
}

/** A warning with a human-readable detail and the rule it cites. */
export interface ResolverWarning {
  readonly code: ResolverWarningCode;
  readonly detail: string;
  /** Rule ids of RULES.md this warning is about. */
  readonly rules: readonly string[];
  /** For `multiple-forwarding-hops`: the delivery path, roughly oldest first (see `analyseForwarding`). */
  readonly hops?: readonly ForwardingHop[];
}

/** Everything the resolver decided, with the reasons. */
export interface RequesterResolution {
  readonly requester: Requester | null;
  readonly recipient: SupportRecipient | null;
  readonly ccs: readonly CcAddress[];
  readonly excluded: readonly ExcludedAddress[];
  readonly warnings: readonly ResolverWarning[];
  /** The delivery path found (REQ-2), roughly oldest first; one entry per distinct address. */
  readonly forwardingPath: readonly ForwardingHop[];
  /** One sentence per choice made, in order, for an admin who asks "why this requester?". */
  readonly explanation: readonly string[];
}

/** One thing wrong in a JSON context given to {@link parseResolverContext}. */
export interface ResolverContextProblem {
  /** JSON path, e.g. `supportAddresses[2].aliases[0]`. */
  readonly path: string;
  readonly message: string;
}
