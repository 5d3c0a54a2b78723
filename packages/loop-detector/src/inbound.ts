import { type Classification, classifyMessage } from '@mailroom/header-classifier';
import {
  addresses,
  addressKey,
  decodeEncodedWords,
  type HeaderList,
  inReplyTo,
  messageId,
  parseHeaders,
  references,
} from '@mailroom/headers';
import {
  fingerprintKey,
  type InboundOutcome,
  senderKey,
  type TieredHit,
  type TieredState,
} from '@mailroom/rate-limiter';
import type { RequesterResolution, SmtpEnvelope } from '@mailroom/requester-resolver';
import { addressRole } from './address-role.js';
import { compilePolicy } from './compiled.js';
import { contentFingerprint } from './fingerprint.js';
import { type MarkerPayload, verifyMarker } from './marker.js';
import type { LoopPolicy } from './policy.js';
import { type Reason, type ReasonCode, reason } from './reasons.js';

/** What to do with an inbound message. */
export type InboundAction = 'accept' | 'suspend' | 'reject';

/** Which notifications the ticket must not send. */
export interface Suppression {
  /** No automatic notification (LOOP-1): acknowledgements, trigger mail without an agent action. */
  readonly automatic: boolean;
  /** No notification at all, agent ones included (GMAIL-2 import). */
  readonly all: boolean;
}

/** A note for the ticket, shown to agents. */
export interface TicketMarker {
  readonly code:
    | 'automatic-notifications-suppressed'
    | 'securely-relayed'
    | 'unauthenticated-update'
    | 'imported'
    | 'other-helpdesk'
    | 'reply-to-automatic';
  readonly rule: string;
  readonly text: string;
}

/**
 * The AUTH-4 input: any authentication verdict of this shape (the `AuthVerdict` of @mailroom/mail-auth fits;
 * this package does not depend on it).
 */
export interface AuthVerdictLike {
  readonly authenticated: boolean;
  readonly disposition?: 'accept' | 'suspend' | 'reject' | 'defer';
  readonly reasons?: readonly string[];
  readonly relay?: { readonly authenticated: boolean; readonly connectorId?: string };
}

/** Rate-limit states by limit key (`sender:…`, `fp:…`): a Map, a plain object, or any lookup. */
export type LimitStateLookup =
  | ReadonlyMap<string, TieredState>
  | { readonly [key: string]: TieredState | undefined }
  | ((key: string) => TieredState | undefined);

/** One limiter state to store after the decision (state passed in, state returned). */
export interface LimitUpdate {
  readonly kind: 'sender' | 'fingerprint';
  readonly key: string;
  readonly state: TieredState;
  readonly outcome: InboundOutcome;
  readonly count: number;
}

/** Everything {@link decideInbound} looks at. Only `headers` and `nowMs` are required. */
export interface InboundInput {
  /** The parsed header block, or the raw message (then the body is read from it). */
  readonly headers: HeaderList | Uint8Array | string;
  /** The body when `headers` is a HeaderList (bounce reports, fingerprint). */
  readonly body?: Uint8Array | string;
  /** The decoded text part (forwarded mail, fingerprint); defaults to the body as text. */
  readonly bodyText?: string;
  /** Time of arrival, epoch ms (the limiters' clock). */
  readonly nowMs: number;
  readonly envelope?: SmtpEnvelope;
  /** Current limiter states (LOOP-6, LOOP-7); absent keys are fresh. */
  readonly limitState?: LimitStateLookup;
  /** AUTH-4: the authentication verdict, when the caller has one. */
  readonly authentication?: AuthVerdictLike;
  /** GMAIL-2: this message comes from the initial mailbox import; `index` 0 is the most recent. */
  readonly initialImport?: { readonly index: number };
  /** A classification already computed (else `classifyMessage` runs). */
  readonly classification?: Classification;
  /** A requester resolution already computed (else `resolveRequester` runs). */
  readonly resolution?: RequesterResolution;
}

/** The decision about one inbound message, with every reason. */
export interface InboundDecision {
  readonly action: InboundAction;
  readonly reasons: readonly Reason[];
  readonly suppress: Suppression;
  readonly markers: readonly TicketMarker[];
  /** The requester's canonical address (`addressKey`), `null` when none. */
  readonly requester: string | null;
  /** The LOOP-7 content fingerprint, `null` when the content is too small to tell. */
  readonly fingerprint: string | null;
  /** Our own notification this message answers (signed marker in In-Reply-To/References), if any. */
  readonly repliesTo: MarkerPayload | null;
  /** Limiter states to store (keys hit by this message). */
  readonly limitUpdates: readonly LimitUpdate[];
  readonly classification: Classification;
  readonly resolution: RequesterResolution;
}

const SEVERITY: Readonly<Record<InboundAction, number>> = { accept: 0, suspend: 1, reject: 2 };
const MAX_BODY_TEXT = 16_384;

function lookup(state: LimitStateLookup | undefined, key: string): TieredState | undefined {
  if (state === undefined) return undefined;
  if (typeof state === 'function') return state(key);
  if (state instanceof Map) return state.get(key);
  return Object.hasOwn(state, key)
    ? (state as { readonly [key: string]: TieredState | undefined })[key]
    : undefined;
}

function split(input: InboundInput): { headers: HeaderList; body: Uint8Array | string | undefined } {
  const h = input.headers;
  if (typeof h === 'string' || h instanceof Uint8Array) {
    const headers = parseHeaders(h);
    return { headers, body: headers.bodyOffset === null ? undefined : h.slice(headers.bodyOffset) };
  }
  return { headers: h, body: input.body };
}

function textOf(body: Uint8Array | string | undefined): string {
  if (body === undefined) return '';
  if (typeof body === 'string') return body.slice(0, MAX_BODY_TEXT);
  return new TextDecoder('utf-8', { fatal: false }).decode(body.subarray(0, MAX_BODY_TEXT));
}

/** Our own notification that this message answers, read from In-Reply-To and References (signed markers only). */
function answeredNotification(headers: HeaderList, policy: LoopPolicy): MarkerPayload | null {
  if (policy.markerKey === null) return null;
  const ids = [...inReplyTo(headers), ...references(headers).slice(-20)];
  for (const id of ids) {
    const payload = verifyMarker(id, policy);
    if (payload !== null) return payload;
  }
  return null;
}

/** LOOP-4: our own outbound mail, by our identification header AND a valid signed marker. */
function ownMail(
  headers: HeaderList,
  policy: LoopPolicy,
): { marker: MarkerPayload; evidence: string } | null {
  if (policy.markerKey === null) return null;
  const own = policy.identification.ownHeader;
  const values = headers.getAll(own.name).slice(0, 8);
  if (!values.some((v) => v.trim().toLowerCase() === own.value.toLowerCase())) return null;
  const candidates = [messageId(headers), ...headers.getAll(policy.identification.markerHeader).slice(0, 4)];
  for (const c of candidates) {
    if (c === null) continue;
    const marker = verifyMarker(c, policy);
    if (marker !== null)
      return { marker, evidence: `${own.name}: ${own.value} and signed marker ${c.slice(0, 80)}` };
  }
  return null;
}

/**
 * Decides what to do with one inbound message: accept, suspend (held for review) or reject, which notifications
 * its ticket must not send, and the ticket markers, every reason citing its rule. Composes `classifyMessage`
 * (header-classifier), `resolveRequester` (requester-resolver) and the tiered limiters (rate-limiter) per sender
 * (LOOP-6) and per content fingerprint (LOOP-7). Pure: time and limiter state come in, new states go out in
 * `limitUpdates`. Never throws on message content.
 *
 * Order: LOOP-4 (own mail, own addresses) and LOOP-3 (partners) reject; AUTH-4; LOOP-2 (other helpdesk); LOOP-5
 * (machine mail suspended unless allowlisted); LOOP-6/LOOP-7 limits; GMAIL-2 import. The strictest action wins and
 * all reasons are kept.
 *
 * @rule LOOP-1, LOOP-2, LOOP-3, LOOP-4, LOOP-5, LOOP-6, LOOP-7, GMAIL-2, AUTH-3, AUTH-4
 * @example
 * const decision = decideInbound({ headers: raw, nowMs: Date.parse('2026-11-22T10:00:00Z') }, policy);
 * decision.action; // 'accept' | 'suspend' | 'reject'
 * for (const u of decision.limitUpdates) store.set(u.key, u.state);
 */
export function decideInbound(input: InboundInput, policy: LoopPolicy): InboundDecision {
  const compiled = compilePolicy(policy);
  if (input === null || typeof input !== 'object')
    throw new TypeError('decideInbound needs { headers, nowMs }');
  if (typeof input.nowMs !== 'number' || !Number.isFinite(input.nowMs)) {
    throw new TypeError('input.nowMs must be a finite epoch-ms number (the arrival time)');
  }
  const { headers, body } = split(input);
  const text = input.bodyText ?? textOf(body);
  const classification =
    input.classification ??
    classifyMessage(headers, {
      ...(body === undefined ? {} : { body }),
      allowlist: policy.allowlist,
      extraSignatures: policy.extraSignatures,
    });
  const resolution =
    input.resolution ??
    compiled.resolve(headers, {
      bodyText: text,
      ...(input.envelope === undefined ? {} : { envelope: input.envelope }),
    });

  const reasons: Reason[] = [];
  const markers: TicketMarker[] = [];
  let action: InboundAction = 'accept';
  let suppressAutomatic = false;
  let suppressAll = false;
  const suppressRules = new Set<string>();
  const decide = (a: InboundAction, code: ReasonCode, detail: string): void => {
    reasons.push(reason(code, detail));
    if (SEVERITY[a] > SEVERITY[action]) action = a;
  };
  const marker = (m: TicketMarker): void => {
    if (!markers.some((x) => x.code === m.code)) markers.push(m);
  };

  const fromList = addresses(headers, 'from');
  const from = fromList[0]?.address ?? '';
  const fromKey = from === '' ? null : addressKey(from);
  const requester = resolution.requester?.key ?? null;

  // --- LOOP-4: our own mail coming back, and our own addresses as senders.
  const own = ownMail(headers, policy);
  if (own !== null) {
    decide(
      'reject',
      'own-mail-returned',
      `our notification ${own.marker.id} for ticket ${own.marker.ticket} came back (${own.evidence})`,
    );
  }
  // The resolver already checked From against our and our partners' addresses; ask which role only when it
  // warned (saves a second resolution for ordinary mail).
  const fromFlagged = resolution.warnings.some(
    (w) => w.code === 'from-is-support-address' || w.code === 'requester-is-partner',
  );
  if (fromKey !== null && fromFlagged) {
    const role = addressRole(fromKey, compiled);
    if (role === 'support-address')
      decide('reject', 'from-support-address', `From: ${from} is one of our support addresses`);
    else if (role === 'system-address')
      decide('reject', 'from-system-address', `From: ${from} is one of our system addresses`);
    else if (role === 'partner-address')
      decide('reject', 'partner-address', `From: ${from} is a partner helpdesk address`);
  }
  for (const w of resolution.warnings) {
    if (w.code === 'requester-is-support-address' || w.code === 'requester-is-system-address') {
      if (!reasons.some((r) => r.code === 'from-support-address' || r.code === 'from-system-address')) {
        // From is not ours but Reply-To is: every answer would come back to us. Held (recoverable), not dropped:
        // a misconfigured web form is the usual cause.
        decide('suspend', 'requester-is-support-address', w.detail);
      }
    } else if (w.code === 'requester-is-partner' && !reasons.some((r) => r.code === 'partner-address')) {
      decide('reject', 'partner-address', w.detail);
    }
  }

  // --- AUTH-3 / AUTH-4: the authentication verdict, when given.
  const auth = input.authentication;
  if (auth !== undefined && auth !== null && typeof auth === 'object') {
    if (auth.relay?.authenticated === true) {
      marker({
        code: 'securely-relayed',
        rule: 'AUTH-3',
        text: 'securely relayed over the authenticated connector',
      });
    } else if (auth.authenticated !== true) {
      marker({ code: 'unauthenticated-update', rule: 'AUTH-3', text: 'unauthenticated update' });
    }
    const native = resolution.excluded.some(
      (e) => e.reason === 'system-address' && e.field.toLowerCase() !== 'from',
    );
    const applies = policy.authentication === 'enforce' || (policy.authentication === 'enhanced' && native);
    const why = (auth.reasons ?? []).slice(0, 6).join(', ') || 'no reason given';
    if (applies && auth.disposition === 'reject')
      decide('reject', 'failed-authentication', `authentication verdict: reject (${why})`);
    else if (applies && auth.disposition === 'suspend')
      decide('suspend', 'failed-authentication', `authentication verdict: suspend (${why})`);
    else if (applies && auth.disposition === 'defer')
      decide('suspend', 'authentication-temporary', `authentication verdict: defer (${why})`);
  }

  // --- LOOP-1: a reply to one of our automatic notifications is never answered automatically.
  const repliesTo = answeredNotification(headers, policy);
  if (repliesTo?.kind === 'automatic') {
    suppressAutomatic = true;
    suppressRules.add('LOOP-1');
    reasons.push(
      reason(
        'reply-to-automatic',
        `answers our automatic notification ${repliesTo.id} (ticket ${repliesTo.ticket})`,
      ),
    );
    marker({
      code: 'reply-to-automatic',
      rule: 'LOOP-1',
      text: 'reply to an automatic notification: automatic notifications suppressed',
    });
  }

  // --- LOOP-2: another helpdesk.
  if (classification.helpdesk !== undefined && own === null) {
    suppressAutomatic = true;
    suppressRules.add('LOOP-2');
    const who =
      classification.helpdesk.accountId === undefined
        ? classification.helpdesk.product
        : `${classification.helpdesk.product} account ${classification.helpdesk.accountId}`;
    reasons.push(reason('other-helpdesk', `sent by ${who}`));
    marker({ code: 'other-helpdesk', rule: 'LOOP-2', text: `sent by another helpdesk (${who})` });
  }

  // --- LOOP-5: machine mail.
  const machine = classification.categories.filter((c) => compiled.suspend.has(c) && c !== 'helpdesk');
  const quiet = classification.categories.filter((c) => compiled.suppress.has(c) && c !== 'helpdesk');
  if (quiet.length > 0) {
    suppressAutomatic = true;
    suppressRules.add('LOOP-5');
  }
  if (machine.length > 0) {
    const evidence = classification.evidence
      .filter((e) => e.discounted === undefined && e.category !== null && machine.includes(e.category))
      .slice(0, 3)
      .map((e) => (e.header === undefined ? e.signal : `${e.header}: ${e.value ?? ''}`.slice(0, 100)))
      .join('; ');
    if (classification.allowlisted) {
      reasons.push(
        reason('allowlisted', `${machine.join(', ')} from allowlisted sender ${from} (${evidence})`),
      );
    } else {
      for (const c of machine)
        decide('suspend', c as ReasonCode, `${c}: ${evidence || 'classifier evidence'}`);
    }
  } else if (quiet.length > 0) {
    for (const c of quiet)
      reasons.push(reason(c as ReasonCode, `${c}: accepted, automatic notifications suppressed`));
  }
  if (requester === null && action === 'accept') {
    decide(
      'suspend',
      'no-requester',
      resolution.warnings.find((w) => w.code === 'no-valid-requester')?.detail ?? 'no valid sender address',
    );
  }

  // --- LOOP-6 / LOOP-7: rate limits per sender and per content fingerprint (not for imported history).
  const subject = decodeEncodedWords(headers.get('subject') ?? '');
  const fingerprint = contentFingerprint(subject, text);
  const limitUpdates: LimitUpdate[] = [];
  if (input.initialImport === undefined) {
    const sKey = senderKey(requester ?? fromKey);
    const hits: { kind: 'sender' | 'fingerprint'; hit: TieredHit<InboundOutcome> }[] = [];
    if (sKey !== null) {
      const hit = compiled.senderLimiter.hit(lookup(input.limitState, sKey), input.nowMs);
      hits.push({ kind: 'sender', hit });
      limitUpdates.push({
        kind: 'sender',
        key: sKey,
        state: hit.state,
        outcome: hit.outcome,
        count: hit.count,
      });
    }
    const fKey = fingerprintKey(fingerprint);
    if (fKey !== null && compiled.fingerprintLimiter !== null) {
      const hit = compiled.fingerprintLimiter.hit(lookup(input.limitState, fKey), input.nowMs);
      hits.push({ kind: 'fingerprint', hit });
      limitUpdates.push({
        kind: 'fingerprint',
        key: fKey,
        state: hit.state,
        outcome: hit.outcome,
        count: hit.count,
      });
    }
    for (const { kind, hit } of hits) {
      if (hit.outcome === 'accept') continue;
      const who = kind === 'sender' ? `sender ${requester ?? fromKey}` : `content fingerprint ${fingerprint}`;
      const limiter = kind === 'sender' ? policy.inboundLimit : policy.fingerprintLimit;
      const window = `${Math.round((limiter?.windowMs ?? 0) / 60_000)} min`;
      const code: ReasonCode =
        kind === 'sender'
          ? hit.outcome === 'reject'
            ? 'sender-rate-reject'
            : 'sender-rate-suspend'
          : hit.outcome === 'reject'
            ? 'content-rate-reject'
            : 'content-rate-suspend';
      decide(
        hit.outcome,
        code,
        `${who}: message ${hit.count} within ${window} (retry after ${Math.ceil(hit.retryAfterMs / 1000)} s)`,
      );
    }
  } else {
    // --- GMAIL-2: the initial import creates tickets without firing triggers.
    const index = input.initialImport.index;
    suppressAutomatic = true;
    suppressAll = true;
    suppressRules.add('GMAIL-2');
    if (!Number.isInteger(index) || index < 0 || index >= policy.initialImportLimit) {
      decide(
        'reject',
        'import-limit',
        `import position ${index} is beyond the ${policy.initialImportLimit} most recent messages`,
      );
    } else {
      reasons.push(
        reason(
          'initial-import',
          `initial import, message ${index + 1} of at most ${policy.initialImportLimit}`,
        ),
      );
      marker({ code: 'imported', rule: 'GMAIL-2', text: 'imported on connection: triggers suppressed' });
    }
  }

  if (suppressAutomatic) {
    const rule = [...suppressRules].join(', ');
    marker({
      code: 'automatic-notifications-suppressed',
      rule,
      text: `automatic notifications suppressed (${rule})`,
    });
  }
  return {
    action,
    reasons,
    suppress: { automatic: suppressAutomatic || suppressAll, all: suppressAll },
    markers,
    requester,
    fingerprint,
    repliesTo,
    limitUpdates,
    classification,
    resolution,
  };
}
