import { addressKey, decodeEncodedWords, type HeaderList, parseAddressList } from '@mailroom/headers';
import { AddressMatcher } from './address-patterns.js';
import { findFailedRecipient } from './final-recipient.js';
import { DEFAULT_FORWARD_TABLES } from './forward-tables.js';
import {
  type CompiledForwardTables,
  compileForwardTables,
  forwardSubjectPrefix,
  scanForwardedBlock,
} from './forwarded-block.js';
import { FORWARDING_MARKERS, type ForwardingMarker, forwardingPathOf } from './forwarding-hops.js';
import { DEFAULT_RESOLVER_LIMITS } from './limits.js';
import {
  detectListSoftware,
  ENVELOPE_SENDER_FIELDS,
  LIST_SOFTWARE_SIGNATURES,
  type ListSoftwareSignature,
  listAddressCandidates,
  ORIGINAL_SENDER_FIELDS,
  viaAuthorName,
} from './list-rewriting.js';
import type {
  BounceRequesterMode,
  CcAddress,
  ExcludedAddress,
  ExclusionReason,
  RecipientSource,
  ReplyToPolicy,
  Requester,
  RequesterResolution,
  RequesterSource,
  ResolverContext,
  ResolverLimits,
  ResolverWarning,
  ResolverWarningCode,
  SupportRecipient,
} from './types.js';

/** The per-message part of a {@link ResolverContext}. */
export type MessageInputs = Pick<
  ResolverContext,
  'bodyText' | 'envelope' | 'reportText' | 'attachedMessages'
>;

/** A resolver bound to one helpdesk configuration; per-message inputs come with each call. */
export type RequesterResolver = (headers: HeaderList, message?: MessageInputs) => RequesterResolution;

interface Compiled {
  /** addressKey of a support address or alias → the configured support address. */
  readonly support: ReadonlyMap<string, string>;
  readonly system: AddressMatcher;
  readonly partner: AddressMatcher;
  readonly agent: AddressMatcher;
  readonly policy: ReplyToPolicy;
  readonly bounce: BounceRequesterMode;
  readonly tables: CompiledForwardTables;
  readonly limits: ResolverLimits;
  readonly listSoftware: readonly ListSoftwareSignature[];
  readonly markers: readonly ForwardingMarker[];
}

/** The default tables compiled once (immutable derived data). */
const DEFAULT_COMPILED_TABLES: CompiledForwardTables = compileForwardTables(DEFAULT_FORWARD_TABLES);

const POLICIES: readonly ReplyToPolicy[] = ['reply-to-first', 'from-only', 'reply-to-if-same-domain'];
const BOUNCE_MODES: readonly BounceRequesterMode[] = ['sender', 'final-recipient'];

function compile(context: ResolverContext): Compiled {
  const support = new Map<string, string>();
  for (const s of context.supportAddresses ?? []) {
    const address = typeof s === 'string' ? s : s?.address;
    if (typeof address !== 'string') {
      throw new TypeError('supportAddresses: each entry must be a string or { address, aliases? }');
    }
    const key = addressKey(address);
    if (key === null)
      throw new TypeError(`supportAddresses: ${JSON.stringify(address)} is not a valid address`);
    if (!support.has(key)) support.set(key, address.trim());
    for (const alias of typeof s === 'string' ? [] : (s.aliases ?? [])) {
      const ak = typeof alias === 'string' ? addressKey(alias) : null;
      if (ak === null)
        throw new TypeError(`supportAddresses: alias ${JSON.stringify(alias)} is not a valid address`);
      if (!support.has(ak)) support.set(ak, address.trim());
    }
  }
  const policy = context.replyToPolicy ?? 'reply-to-first';
  if (!POLICIES.includes(policy)) {
    throw new TypeError(`replyToPolicy must be one of ${POLICIES.join(', ')}; got ${JSON.stringify(policy)}`);
  }
  const bounce = context.bounceRequester ?? 'sender';
  if (!BOUNCE_MODES.includes(bounce)) {
    throw new TypeError(
      `bounceRequester must be one of ${BOUNCE_MODES.join(', ')}; got ${JSON.stringify(bounce)}`,
    );
  }
  const limits: ResolverLimits = { ...DEFAULT_RESOLVER_LIMITS, ...context.limits };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isInteger(value) || (value as number) < 1) {
      throw new TypeError(`limits.${name} must be a positive integer; got ${String(value)}`);
    }
  }
  return {
    support,
    system: new AddressMatcher(context.systemAddresses ?? [], 'systemAddresses'),
    partner: new AddressMatcher(context.partnerAddresses ?? [], 'partnerAddresses'),
    agent: new AddressMatcher(context.agentAddresses ?? [], 'agentAddresses'),
    policy,
    bounce,
    tables:
      context.tables === undefined
        ? DEFAULT_COMPILED_TABLES
        : compileForwardTables({ ...DEFAULT_FORWARD_TABLES, ...context.tables }),
    limits,
    listSoftware: context.listSoftware ?? LIST_SOFTWARE_SIGNATURES,
    markers: context.forwardingMarkers ?? FORWARDING_MARKERS,
  };
}

/** One address as found in a header (or body, report), with its comparison key. */
interface Candidate {
  readonly address: string;
  readonly name: string;
  /** addressKey, null when the address is invalid or empty (`<>`). */
  readonly key: string | null;
  readonly field: string;
}

function readField(headers: HeaderList, field: string, limits: ResolverLimits): Candidate[] {
  const out: Candidate[] = [];
  if (!headers.has(field)) return out;
  for (const value of headers.getAll(field).slice(0, limits.maxFieldsPerName)) {
    let list: ReturnType<typeof parseAddressList>;
    try {
      list = parseAddressList(
        value.length > limits.maxValueChars ? value.slice(0, limits.maxValueChars) : value,
      );
    } catch {
      continue;
    }
    for (const m of list.slice(0, limits.maxAddressesPerField)) {
      const address = m.address.trim();
      out.push({ address, name: m.name, key: addressKey(address), field });
    }
  }
  return out;
}

function domainOf(key: string): string {
  return key.slice(key.lastIndexOf('@') + 1);
}

type Role = 'support-address' | 'system-address' | 'partner-address';

/** The decision for one message: mutable while it is built, frozen when returned. */
class Decision {
  readonly excluded: ExcludedAddress[] = [];
  readonly warnings: ResolverWarning[] = [];
  readonly explanation: string[] = [];
  readonly #excludedSeen = new Set<string>();
  readonly #warned = new Set<ResolverWarningCode>();

  exclude(c: Candidate, reason: ExclusionReason): void {
    const id = `${reason}\u0000${c.key ?? c.address}`;
    if (this.#excludedSeen.has(id)) return;
    this.#excludedSeen.add(id);
    this.excluded.push({ address: c.address, reason, field: c.field });
  }

  warn(
    code: ResolverWarningCode,
    detail: string,
    rules: readonly string[],
    extra?: Partial<ResolverWarning>,
  ): void {
    if (this.#warned.has(code)) return;
    this.#warned.add(code);
    this.warnings.push({ code, detail, rules, ...extra });
  }

  explain(line: string): void {
    this.explanation.push(line);
  }
}

function roleOf(key: string, c: Compiled): Role | null {
  if (c.support.has(key)) return 'support-address';
  if (c.system.match(key) !== null) return 'system-address';
  if (c.partner.match(key) !== null) return 'partner-address';
  return null;
}

/** An agent, unless the address is a support/system/partner address (those are never users, LOOP-4). */
function isAgent(key: string, c: Compiled): boolean {
  return roleOf(key, c) === null && c.agent.match(key) !== null;
}

/** What happened when a candidate was offered as requester. */
type Offer =
  | { readonly kind: 'accepted'; readonly requester: Requester }
  | { readonly kind: 'skipped' | 'stop' };

/** REQ-4: a requester goes through LOOP-3 and LOOP-4 before it becomes a user. */
function offer(cand: Candidate, source: RequesterSource, c: Compiled, d: Decision): Offer {
  if (cand.key === null) {
    d.exclude(cand, 'invalid');
    d.explain(`${cand.field} ${JSON.stringify(cand.address)} is not a valid address: skipped.`);
    return { kind: 'skipped' };
  }
  const role = roleOf(cand.key, c);
  if (role === 'support-address' || role === 'system-address') {
    d.exclude(cand, role);
    const code = role === 'support-address' ? 'requester-is-support-address' : 'requester-is-system-address';
    d.warn(code, `${cand.field} <${cand.address}> is one of the helpdesk's own ${role}es: never a user`, [
      'LOOP-4',
      'REQ-4',
    ]);
    d.explain(`${cand.field} <${cand.address}> is a ${role} (LOOP-4): skipped.`);
    return { kind: 'skipped' };
  }
  if (role === 'partner-address') {
    d.exclude(cand, role);
    d.warn(
      'requester-is-partner',
      `${cand.field} <${cand.address}> is a partner helpdesk's address: reject the mail`,
      ['LOOP-3', 'REQ-4'],
    );
    d.explain(
      `${cand.field} <${cand.address}> is a partner address (LOOP-3): no requester, the mail is to be rejected.`,
    );
    return { kind: 'stop' };
  }
  d.explain(`Requester ${cand.address} from ${cand.field} (source ${source}).`);
  return { kind: 'accepted', requester: { address: cand.address, name: cand.name, source, key: cand.key } };
}

function firstValid(list: readonly Candidate[], skip?: ReadonlySet<string>): Candidate | null {
  for (const x of list) if (x.key !== null && !skip?.has(x.key)) return x;
  return null;
}

const RECIPIENT_SOURCES: readonly (readonly [RecipientSource, string])[] = [
  ['delivered-to', 'Delivered-To'],
  ['x-original-to', 'X-Original-To'],
  ['x-forwarded-to', 'X-Forwarded-To'],
  ['to', 'To'],
  ['cc', 'Cc'],
];

/** OUT-3: the support address the mail was sent to, by decreasing trust of the evidence. */
function findRecipient(
  read: (field: string) => Candidate[],
  rcptTo: readonly string[],
  c: Compiled,
  d: Decision,
): SupportRecipient | null {
  if (c.support.size === 0) return null;
  const fromEnvelope: Candidate[] = rcptTo.slice(0, c.limits.maxAddressesPerField).map((r) => {
    const address = typeof r === 'string' ? r.trim().replace(/^<|>$/g, '') : '';
    return { address, name: '', key: addressKey(address), field: 'envelope' };
  });
  const sources: (readonly [RecipientSource, () => Candidate[]])[] = [
    ['envelope', () => fromEnvelope],
    ...RECIPIENT_SOURCES.map(([source, field]) => [source, () => read(field)] as const),
  ];
  for (const [source, read] of sources) {
    for (const cand of read()) {
      if (cand.key === null) continue;
      const address = c.support.get(cand.key);
      if (address !== undefined) {
        d.explain(`Recipient ${address} found in ${cand.field} <${cand.address}> (OUT-3).`);
        return { address, matched: cand.address, source };
      }
    }
  }
  d.explain(
    'No support address found among envelope, Delivered-To, X-Original-To, X-Forwarded-To, To and Cc.',
  );
  return null;
}

function decodedSubject(headers: HeaderList): string {
  const raw = headers.get('Subject');
  if (raw === undefined) return '';
  try {
    return decodeEncodedWords(raw.slice(0, 2000));
  } catch {
    return raw.slice(0, 2000);
  }
}

/** A subject without forward/reply prefixes, folded, to compare a forward's subject with the attached original's. */
function bareSubject(headers: HeaderList, prefixes: ReadonlySet<string>): string {
  let subject = decodedSubject(headers).trim();
  for (let i = 0; i < 8; i++) {
    const prefix = forwardSubjectPrefix(subject, prefixes);
    const colon = subject.search(/[:：]/);
    if (prefix === null && !/^re\s*[:：]/i.test(subject)) break;
    if (colon === -1) break;
    subject = subject.slice(colon + 1).trim();
  }
  return subject.replace(/\s+/g, ' ').toLocaleLowerCase('und');
}

/**
 * REQ-1: whether the first valid Reply-To may name the requester, or why not: the policy (`from-only`, or
 * `reply-to-if-same-domain` with From on another domain or absent), or the agent guard (Reply-To names an agent
 * while From is absent or an outsider).
 */
function replyToUse(
  replyMb: Candidate,
  fromMb: Candidate | null,
  c: Compiled,
): 'use' | 'from-only' | 'other-domain' | 'agent-guard' {
  if (c.policy === 'from-only') return 'from-only';
  if (
    c.policy === 'reply-to-if-same-domain' &&
    (fromMb === null || domainOf(replyMb.key!) !== domainOf(fromMb.key!))
  )
    return 'other-domain';
  if (
    isAgent(replyMb.key!, c) &&
    (fromMb === null || (fromMb.key !== replyMb.key && !isAgent(fromMb.key!, c)))
  )
    return 'agent-guard';
  return 'use';
}

/**
 * REQ-1 applied to a message attached to a forward: its Reply-To (per the policy, with the agent guard), else its
 * From, else its Sender. An attachment counts as the forwarded original when the subject has a forward prefix, or
 * when the attached message has the same subject (clients that keep it when forwarding as an attachment).
 */
function attachedOriginal(
  attached: readonly HeaderList[],
  outer: HeaderList,
  forwardSubject: boolean,
  c: Compiled,
  limits: ResolverLimits,
): { candidate: Candidate; index: number; others: number } | null {
  if (attached.length === 0) return null;
  const outerSubject = forwardSubject ? '' : bareSubject(outer, c.tables.prefixes);
  let found: { candidate: Candidate; index: number; others: number } | null = null;
  for (let index = 0; index < attached.length; index++) {
    const h = attached[index]!;
    if (!forwardSubject && (outerSubject === '' || bareSubject(h, c.tables.prefixes) !== outerSubject))
      continue;
    const tag = (list: Candidate[], field: string): Candidate[] =>
      list.map((x) => ({ ...x, field: `attached-message ${field}` }));
    const fromMb = firstValid(tag(readField(h, 'From', limits), 'From'));
    const replyMb =
      c.policy === 'from-only' ? null : firstValid(tag(readField(h, 'Reply-To', limits), 'Reply-To'));
    const candidate =
      (replyMb !== null && replyToUse(replyMb, fromMb, c) === 'use' ? replyMb : null) ??
      fromMb ??
      firstValid(tag(readField(h, 'Sender', limits), 'Sender'));
    if (candidate === null) continue;
    if (found === null) found = { candidate, index, others: 0 };
    else if (candidate.key !== found.candidate.key) found.others++;
  }
  return found;
}

function resolveWith(headers: HeaderList, message: MessageInputs, c: Compiled): RequesterResolution {
  const d = new Decision();
  const { limits } = c;
  const cache = new Map<string, Candidate[]>();
  const read = (field: string): Candidate[] => {
    let got = cache.get(field);
    if (got === undefined) {
      got = readField(headers, field, limits);
      cache.set(field, got);
    }
    return got;
  };
  const from = read('From');
  const replyTo = read('Reply-To');
  const sender = read('Sender');
  const fromMb = firstValid(from);
  // Envelope and texts come from the mail server: keep only what has the documented type.
  const rcptTo = Array.isArray(message.envelope?.rcptTo)
    ? message.envelope.rcptTo.filter((r): r is string => typeof r === 'string')
    : [];
  const bodyText = typeof message.bodyText === 'string' ? message.bodyText : undefined;
  const reportText = typeof message.reportText === 'string' ? message.reportText : undefined;
  const attached = Array.isArray(message.attachedMessages)
    ? message.attachedMessages
        .filter((h): h is HeaderList => typeof (h as Partial<HeaderList> | null)?.getAll === 'function')
        .slice(0, limits.maxAttachedMessages)
    : [];

  for (const f of from) if (f.key === null) d.exclude(f, 'invalid');
  const fromRole = fromMb === null ? null : roleOf(fromMb.key!, c);

  let requester: Requester | null = null;
  let stopped = false;
  const take = (cand: Candidate, source: RequesterSource): void => {
    if (requester !== null || stopped) return;
    const o = offer(cand, source, c, d);
    if (o.kind === 'accepted') requester = o.requester;
    else if (o.kind === 'stop') stopped = true;
  };

  // A bounce, when the caller asked for the failed recipient.
  if (c.bounce === 'final-recipient') {
    const failed = findFailedRecipient(headers, reportText ?? bodyText, limits.maxReportChars);
    if (failed !== null) {
      take(
        { address: failed.address, name: '', key: failed.key, field: failed.field },
        'dsn-final-recipient',
      );
    } else {
      d.warn(
        'final-recipient-not-found',
        'bounceRequester is final-recipient but no failed recipient was found',
        ['REQ-1'],
      );
      d.explain(
        'No Final-Recipient, Original-Recipient or X-Failed-Recipients found: falling back to REQ-1.',
      );
    }
  }

  // List software that rewrote From for DMARC: the original author.
  let listRewriteResolved = false;
  const list = detectListSoftware(headers, c.listSoftware);
  const listKeys = new Set<string>();
  if (list !== null) {
    for (const a of listAddressCandidates(headers)) {
      const k = addressKey(a);
      if (k !== null) listKeys.add(k);
    }
    const viaName = fromMb === null ? null : viaAuthorName(fromMb.name);
    const rewritten = fromMb !== null && (listKeys.has(fromMb.key!) || viaName !== null);
    if (rewritten && requester === null && !stopped) {
      const skip = new Set([...listKeys, fromMb.key!]);
      let original: Candidate | null = null;
      for (const field of ORIGINAL_SENDER_FIELDS) {
        original = firstValid(readField(headers, field, limits), skip);
        if (original !== null) break;
      }
      const replyOriginal = firstValid(replyTo, skip);
      if (original !== null && replyOriginal !== null && replyOriginal.key === original.key) {
        d.explain(
          `Reply-To <${replyOriginal.address}> equals ${original.field}: the list kept the author there too.`,
        );
      }
      original ??= replyOriginal;
      // Mailman 3 puts the original From in Cc when Reply-To already points to the list: match it by name.
      if (original === null && viaName !== null && viaName !== '') {
        original = read('Cc').find((x) => x.key !== null && !skip.has(x.key) && x.name === viaName) ?? null;
      }
      for (const field of ENVELOPE_SENDER_FIELDS) {
        original ??= firstValid(readField(headers, field, limits), skip);
      }
      if (original !== null) listRewriteResolved = true;
      if (original !== null) {
        d.explain(`List software (${list.software}, ${list.field}) rewrote From <${fromMb.address}>.`);
        take(original, 'list-original-sender');
      } else {
        d.explain(
          `List software (${list.software}) rewrote From but kept no original author: REQ-1 applies.`,
        );
      }
    }
  }

  // LOOP-4: mail from the helpdesk's own address loops, unless list software put it there (a support address that
  // is itself a Google Group or a Mailman list rewrites From to itself).
  if (
    fromMb !== null &&
    (fromRole === 'support-address' || fromRole === 'system-address') &&
    !listRewriteResolved
  ) {
    d.warn(
      'from-is-support-address',
      `From <${fromMb.address}> is one of the helpdesk's own ${fromRole}es: the mail may be looping`,
      ['LOOP-4'],
    );
  }

  // LOOP-3: inbound mail from a partner helpdesk is rejected, whatever its Reply-To says.
  if (fromMb !== null && fromRole === 'partner-address' && !listRewriteResolved && requester === null) {
    take(fromMb, 'from');
  }

  // An agent (or a support mailbox) forwarded a customer's mail: the author inside the forwarded block.
  if (requester === null && !stopped && fromMb !== null) {
    const byAgent = isAgent(fromMb.key!, c);
    const prefix =
      byAgent || fromRole === 'support-address'
        ? forwardSubjectPrefix(decodedSubject(headers), c.tables.prefixes)
        : null;
    // A support mailbox forwards only by rule ("forward inline"), always with a forward subject: require it, so that
    // our own notifications quoting a customer are not taken for forwards.
    if (byAgent || (fromRole === 'support-address' && !listRewriteResolved && prefix !== null)) {
      const original =
        bodyText === undefined ? null : scanForwardedBlock(bodyText, c.tables, limits, prefix !== null);
      const fromAttachment =
        original === null ? attachedOriginal(attached, headers, prefix !== null, c, limits) : null;
      if (original !== null) {
        d.explain(
          `${byAgent ? 'Agent' : 'Support address'} <${fromMb.address}> forwarded a message (${original.format}` +
            `${prefix === null ? '' : `, subject prefix ${prefix}:`}); its author is on body line ${original.line}.`,
        );
        take({ ...original, field: 'forwarded-block' }, 'forwarded-original');
      } else if (fromAttachment !== null) {
        d.explain(
          `${byAgent ? 'Agent' : 'Support address'} <${fromMb.address}> forwarded a message as an attachment ` +
            `(message/rfc822 #${fromAttachment.index + 1}${prefix === null ? ', same subject' : `, subject prefix ${prefix}:`}); ` +
            `its author is the attached message's ${fromAttachment.candidate.field.slice('attached-message '.length)}.`,
        );
        if (fromAttachment.others > 0)
          d.explain(
            `${fromAttachment.others} more attached message(s) name other authors: the first one is the requester.`,
          );
        take(fromAttachment.candidate, 'forwarded-original');
      } else if (prefix !== null && byAgent) {
        d.warn(
          'forwarded-original-not-found',
          `Agent <${fromMb.address}> forwarded a message (subject prefix ${prefix}:) but no original author was found in the body`,
          ['REQ-1'],
        );
      }
    }
  }

  // REQ-1 with the configured Reply-To policy.
  const replyMb = firstValid(replyTo, listKeys);
  if (replyMb !== null && fromMb !== null && replyMb.key !== fromMb.key) {
    d.warn(
      'reply-to-differs',
      `From <${fromMb.address}> and Reply-To <${replyMb.address}> name different people`,
      ['REQ-1'],
    );
  }
  if (requester === null && !stopped) {
    const use = replyMb === null ? null : replyToUse(replyMb, fromMb, c);
    const useReplyTo = use === null ? c.policy !== 'from-only' : use === 'use';
    if (use === 'other-domain')
      d.explain('Reply-To is on another domain than From: not used (policy reply-to-if-same-domain).');
    if (use === 'agent-guard' && replyMb !== null) {
      d.warn(
        'reply-to-is-agent',
        `Reply-To <${replyMb.address}> is an agent but From <${fromMb?.address ?? ''}> is not: Reply-To not used`,
        ['REQ-1'],
      );
      d.explain(
        'Reply-To names an agent while From is an outsider: Reply-To ignored (agent spoofing guard).',
      );
    }
    const order: [Candidate[], RequesterSource][] = [
      ...(useReplyTo
        ? [
            [replyTo.filter((x) => x.key === null || !listKeys.has(x.key)), 'reply-to'] as [
              Candidate[],
              RequesterSource,
            ],
          ]
        : []),
      [from, 'from'],
      [sender, 'sender'],
    ];
    for (const [cands, source] of order) {
      for (const cand of cands) {
        if (cand.key === null) {
          if (source !== 'from') d.exclude(cand, 'invalid');
          continue;
        }
        take(cand, source);
        if (requester !== null || stopped) break;
      }
      if (requester !== null || stopped) break;
    }
  }
  const chosen = requester as Requester | null;
  if (chosen === null) {
    d.warn('no-valid-requester', 'No address could become the requester', ['REQ-1', 'REQ-4']);
  }

  const recipient = findRecipient(read, rcptTo, c, d);

  // EXCH-3: everybody else in To and Cc, once, minus the requester and the helpdesk's own and partner addresses.
  const ccs: CcAddress[] = [];
  const seen = new Set<string>();
  if (chosen !== null) seen.add(chosen.key);
  for (const cand of [...read('To'), ...read('Cc')]) {
    if (cand.key === null) {
      d.exclude(cand, 'invalid');
      continue;
    }
    if (seen.has(cand.key)) continue;
    seen.add(cand.key);
    const role = roleOf(cand.key, c);
    if (role !== null) {
      d.exclude(cand, role);
      continue;
    }
    ccs.push({ address: cand.address, name: cand.name, key: cand.key });
  }

  // REQ-2: more than one forwarding hop.
  const forwarding = forwardingPathOf(headers, rcptTo, c.markers, limits);
  if (forwarding.hopCount > 1) {
    d.warn(
      'multiple-forwarding-hops',
      `The message was forwarded ${forwarding.hopCount} times before reaching the helpdesk (${forwarding.path
        .map((h) => h.address)
        .join(' → ')}); the requester may be wrong`,
      ['REQ-2', 'REQ-3'],
      { hops: forwarding.path },
    );
  }

  return {
    requester: chosen,
    recipient,
    ccs,
    excluded: d.excluded,
    warnings: d.warnings,
    forwardingPath: forwarding.path,
    explanation: d.explanation,
  };
}

/**
 * Decides who a ticket is from, which support address it was sent to and who is copied, and says why.
 * Never throws on message input; throws a TypeError only for a malformed `context` (validate JSON contexts with
 * `parseResolverContext`). For many messages with one configuration use {@link createRequesterResolver}.
 *
 * @rule REQ-1, REQ-2, REQ-4, OUT-3, LOOP-3, LOOP-4, EXCH-3
 * @example
 * const r = resolveRequester(parseHeaders(raw), { supportAddresses: ['help@acme.example'] });
 * r.requester?.address; // 'ann@example.com'
 * r.recipient?.address; // 'help@acme.example'
 */
export function resolveRequester(headers: HeaderList, context: ResolverContext = {}): RequesterResolution {
  return resolveWith(headers, context, compile(context));
}

/**
 * Compiles the helpdesk part of a context once (address sets, patterns, tables) and returns a resolver for many
 * messages; per-message inputs (`bodyText`, `attachedMessages`, `envelope`, `reportText`) come with each call (those in `context`
 * are defaults). Throws a TypeError for
 * a malformed context (a programmer error).
 *
 * @rule REQ-1, REQ-2, REQ-4, OUT-3, LOOP-3, LOOP-4, EXCH-3
 * @example
 * const resolve = createRequesterResolver({ supportAddresses: ['help@acme.example'], agentAddresses: ['*@acme.example'] });
 * resolve(parseHeaders(raw), { bodyText }).requester?.source; // 'forwarded-original'
 */
export function createRequesterResolver(context: ResolverContext): RequesterResolver {
  const compiled = compile(context);
  // Per-message inputs given in the shared context are defaults for every call.
  const defaults: MessageInputs = {
    ...(context.bodyText === undefined ? {} : { bodyText: context.bodyText }),
    ...(context.envelope === undefined ? {} : { envelope: context.envelope }),
    ...(context.reportText === undefined ? {} : { reportText: context.reportText }),
    ...(context.attachedMessages === undefined ? {} : { attachedMessages: context.attachedMessages }),
  };
  return (headers, message = {}) => resolveWith(headers, { ...defaults, ...message }, compiled);
}
