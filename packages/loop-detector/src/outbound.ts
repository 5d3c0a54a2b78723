import { type HeaderList, parseHeaders } from '@mailroom/headers';
import type { MultiWindowState } from '@mailroom/rate-limiter';
import { type AddressRole, addressRole } from './address-role.js';
import { compilePolicy } from './compiled.js';
import type { Suppression } from './inbound.js';
import { type NotificationKind, ownMessageId, signMarker } from './marker.js';
import type { HeaderPair, LoopPolicy } from './policy.js';

/**
 * The header that says which kind of notification this is (read back by other mailroom instances).
 *
 * @example
 * headers.find((h) => h.name === NOTIFICATION_KIND_HEADER)?.value; // 'automatic' | 'agent'
 */
export const NOTIFICATION_KIND_HEADER = 'X-Mailroom-Notification';

/** Ids that go into the outbound headers. */
export interface OutboundIds {
  readonly ticket: string;
  /** Unique per sent message. */
  readonly id: string;
  /** The Message-ID this mail answers (an automatic answer to a message is `auto-replied`, RFC 3834). */
  readonly inReplyTo?: string;
  readonly references?: readonly string[];
}

const UNSAFE_ID = /^$|[\s\u0000-\u001f\u007f]/;
const ID_BODY = /^[^\s<>\u0000-\u001f\u007f]{1,900}$/;

/** `<id>` for a message id given with or without angle brackets; `undefined` when it is not a usable id. */
function bracketedId(id: string): string | undefined {
  const bare = id.trim().replace(/^<(.*)>$/s, '$1');
  return ID_BODY.test(bare) ? `<${bare}>` : undefined;
}

/**
 * The headers that mark a helpdesk's outbound mail (OUT-1): `Auto-Submitted` (`auto-replied` for an automatic
 * answer to a message, else `auto-generated`, RFC 3834 §5), `X-Auto-Response-Suppress: All`, the policy's
 * identification headers, the instance header, the per-message id header, the notification kind, and the signed
 * marker in the Message-ID and in the marker header (LOOP-4). Agent notifications carry the same stamps, as
 * Zendesk's do, so no responder answers them automatically.
 *
 * @rule OUT-1, LOOP-4
 * @example
 * outboundHeaders('automatic', { ticket: '1042', id: 'n7', inReplyTo: '<CAF=x@mail.gmail.com>' }, policy)
 *   .find((h) => h.name === 'Auto-Submitted')?.value; // 'auto-replied'
 */
export function outboundHeaders(kind: NotificationKind, ids: OutboundIds, policy: LoopPolicy): HeaderPair[] {
  if (kind !== 'automatic' && kind !== 'agent') throw new TypeError("kind must be 'automatic' or 'agent'");
  if (UNSAFE_ID.test(ids.ticket) || UNSAFE_ID.test(ids.id)) {
    throw new TypeError(
      'outboundHeaders: ids.ticket and ids.id must be non-empty and hold no white space or control characters',
    );
  }
  // Message ids taken from inbound mail are attacker text: keep only well-formed ones, in angle brackets, so no
  // line break or stray bracket can reach a header.
  const inReplyTo = ids.inReplyTo === undefined ? undefined : bracketedId(ids.inReplyTo);
  ids = {
    ticket: ids.ticket,
    id: ids.id,
    ...(inReplyTo === undefined ? {} : { inReplyTo }),
    references: (ids.references ?? []).map(bracketedId).filter((r): r is string => r !== undefined),
  };
  const token = signMarker({ kind, ticket: ids.ticket, id: ids.id }, policy);
  const idp = policy.identification;
  const out: HeaderPair[] = [
    { name: 'Message-ID', value: ownMessageId({ kind, ticket: ids.ticket, id: ids.id }, policy) },
  ];
  if (ids.inReplyTo !== undefined) out.push({ name: 'In-Reply-To', value: ids.inReplyTo });
  const refs = [...(ids.references ?? []), ...(ids.inReplyTo === undefined ? [] : [ids.inReplyTo])];
  if (refs.length > 0) out.push({ name: 'References', value: [...new Set(refs)].slice(-20).join(' ') });
  out.push({
    name: 'Auto-Submitted',
    value: kind === 'automatic' && ids.inReplyTo !== undefined ? 'auto-replied' : 'auto-generated',
  });
  out.push({ name: 'X-Auto-Response-Suppress', value: 'All' });
  for (const h of idp.headers) out.push({ name: h.name, value: h.value });
  out.push({ name: idp.ownHeader.name, value: idp.ownHeader.value });
  if (idp.emailIdHeader !== null) out.push({ name: idp.emailIdHeader, value: ids.id });
  out.push({ name: NOTIFICATION_KIND_HEADER, value: kind });
  if (token !== null) out.push({ name: idp.markerHeader, value: token });
  return out;
}

/** A notification about to be sent. */
export interface Notification {
  /** LOOP-1: `automatic` (no agent action) or `agent` (an agent's action). */
  readonly kind: NotificationKind;
  /** Whether it carries a new public comment (LOOP-5: comment-less notifications are suppressed on flagged tickets). */
  readonly hasComment: boolean;
  readonly recipients: readonly string[];
  /** Unique id of this notification (goes into the Message-ID and the marker). */
  readonly id: string;
  readonly nowMs: number;
  /** The message it answers, if any. */
  readonly inReplyTo?: string;
  /** Outbound limiter states per recipient key (`out:<addressKey>`). */
  readonly limitState?:
    | ReadonlyMap<string, MultiWindowState>
    | { readonly [key: string]: MultiWindowState | undefined }
    | ((key: string) => MultiWindowState | undefined);
}

/** The ticket the notification is about. */
export interface TicketFacts {
  readonly id: string;
  /** The `suppress` of the inbound decision that created or last flagged it (LOOP-2, LOOP-5, GMAIL-2). */
  readonly suppress?: Suppression;
  /** OUT-3: the support address the ticket's mail was sent to (the sender); default: the policy's default sender. */
  readonly recipient?: string | null;
}

/** One recipient left out, and why. */
export interface SuppressedRecipient {
  readonly address: string;
  readonly rule: string;
  readonly code:
    | 'partner-address'
    | 'support-address'
    | 'system-address'
    | 'invalid-address'
    | 'automatic-suppressed'
    | 'comment-less-suppressed'
    | 'all-suppressed'
    | 'auto-reply-limit';
  readonly detail: string;
}

/** What {@link planNotification} decided. */
export interface NotificationPlan {
  /** Recipients to send to. */
  readonly send: readonly string[];
  readonly suppressed: readonly SuppressedRecipient[];
  /** The OUT-1 headers to put on the message. */
  readonly headers: readonly HeaderPair[];
  /** OUT-3: the From address. */
  readonly from: string;
  /** Outbound limiter states to store (automatic notifications only). */
  readonly limitUpdates: readonly { readonly key: string; readonly state: MultiWindowState }[];
}

/**
 * The key of the outbound auto-reply limiter for one recipient (where `planNotification` reads and writes its state).
 *
 * @example
 * outboundLimitKey(' Ann@Example.com '); // 'out:ann@example.com'
 */
export function outboundLimitKey(address: string): string {
  return `out:${address.trim().toLowerCase()}`;
}

const ROLE_RULE: Readonly<
  Record<Exclude<AddressRole, null>, { rule: string; code: SuppressedRecipient['code'] }>
> = {
  'partner-address': { rule: 'LOOP-3', code: 'partner-address' },
  'support-address': { rule: 'LOOP-4', code: 'support-address' },
  'system-address': { rule: 'LOOP-4', code: 'system-address' },
  invalid: { rule: 'REQ-4', code: 'invalid-address' },
};

/**
 * Plans one outbound notification: who gets it and who does not, and why (every suppression names its rule).
 * Partner addresses never receive anything (LOOP-3); support and system addresses never (LOOP-4); a ticket
 * flagged by LOOP-2/LOOP-5 gets no automatic and no comment-less notification; GMAIL-2 imports none at all; an
 * automatic notification to a recipient whose outbound auto-reply limit (multi-window) is spent is suppressed.
 * Pure: limiter states in `notification.limitState`, new ones in `limitUpdates`.
 *
 * @rule LOOP-1, LOOP-2, LOOP-3, LOOP-4, LOOP-5, LOOP-8, OUT-3
 * @example
 * const plan = planNotification(
 *   { kind: 'automatic', hasComment: false, recipients: ['ann@example.com'], id: 'n7', nowMs },
 *   { id: '1042', suppress: decision.suppress },
 *   policy,
 * );
 * plan.send; // [] when the ticket came from an auto-reply
 */
export function planNotification(
  notification: Notification,
  ticket: TicketFacts,
  policy: LoopPolicy,
): NotificationPlan {
  const compiled = compilePolicy(policy);
  if (notification === null || typeof notification !== 'object' || !Array.isArray(notification.recipients)) {
    throw new TypeError('notification must be { kind, hasComment, recipients, id, nowMs }');
  }
  if (!Number.isFinite(notification.nowMs)) throw new TypeError('notification.nowMs must be epoch ms');
  const suppressed: SuppressedRecipient[] = [];
  const send: string[] = [];
  const limitUpdates: { key: string; state: MultiWindowState }[] = [];
  const seen = new Set<string>();
  const flags = ticket.suppress ?? { automatic: false, all: false };
  for (const address of notification.recipients.slice(0, 500)) {
    const key = address.trim().toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    const role = addressRole(address, compiled);
    if (role !== null) {
      const r = ROLE_RULE[role];
      suppressed.push({ address, ...r, detail: `${address} is a ${role.replace('-', ' ')}: never notified` });
      continue;
    }
    if (flags.all) {
      suppressed.push({
        address,
        rule: 'GMAIL-2',
        code: 'all-suppressed',
        detail: 'notifications suppressed for this ticket (import)',
      });
      continue;
    }
    if (flags.automatic && notification.kind === 'automatic') {
      suppressed.push({
        address,
        rule: 'LOOP-2, LOOP-5',
        code: 'automatic-suppressed',
        detail: 'automatic notifications are suppressed for this ticket',
      });
      continue;
    }
    if (flags.automatic && !notification.hasComment) {
      suppressed.push({
        address,
        rule: 'LOOP-5',
        code: 'comment-less-suppressed',
        detail: 'a notification without a new comment on a flagged ticket',
      });
      continue;
    }
    if (notification.kind === 'automatic') {
      const lKey = outboundLimitKey(address);
      const states = notification.limitState;
      const state =
        states === undefined
          ? undefined
          : typeof states === 'function'
            ? states(lKey)
            : states instanceof Map
              ? states.get(lKey)
              : Object.hasOwn(states, lKey)
                ? (states as Record<string, MultiWindowState | undefined>)[lKey]
                : undefined;
      const hit = compiled.outboundLimiter.hit(state, notification.nowMs);
      if (hit.outcome === 'deny') {
        const w = hit.blockedBy
          .map((i) => policy.outboundAutoReplyLimits[i])
          .filter((x) => x !== undefined)
          .map((x) => `${x.limit} per ${Math.round(x.windowMs / 60_000)} min`);
        suppressed.push({
          address,
          rule: 'LOOP-7',
          code: 'auto-reply-limit',
          detail: `outbound automatic mail limit reached (${w.join(', ')})`,
        });
        continue;
      }
      limitUpdates.push({ key: lKey, state: hit.state });
    }
    send.push(address);
  }
  return {
    send,
    suppressed,
    headers: outboundHeaders(
      notification.kind,
      {
        ticket: ticket.id,
        id: notification.id,
        ...(notification.inReplyTo === undefined ? {} : { inReplyTo: notification.inReplyTo }),
      },
      policy,
    ),
    from: ticket.recipient ?? policy.defaultSender,
    limitUpdates,
  };
}

/** One OUT-2 violation: a header we sent that the relay removed or changed. */
export interface RelayViolation {
  readonly header: string;
  readonly problem: 'removed' | 'changed';
  readonly sent: string;
  /** What arrived (absent when removed). */
  readonly relayed?: string;
  readonly rule: 'OUT-2';
}

const norm = (v: string): string => v.replace(/\s+/g, ' ').trim();

/**
 * OUT-2: compares the headers we sent (the pairs from {@link outboundHeaders} / {@link planNotification}) with
 * the message the customer's relay delivered, and names each one that was removed or changed (whitespace folding
 * is not a change). An empty list means loop prevention survived the relay.
 *
 * @rule OUT-2
 * @example
 * checkRelayedHeaders(plan.headers, deliveredRaw);
 * // [{ header: 'X-Auto-Response-Suppress', problem: 'removed', sent: 'All', rule: 'OUT-2' }]
 */
export function checkRelayedHeaders(
  sent: readonly HeaderPair[] | HeaderList,
  relayed: HeaderList | Uint8Array | string,
): RelayViolation[] {
  const got = typeof relayed === 'string' || relayed instanceof Uint8Array ? parseHeaders(relayed) : relayed;
  const pairs: HeaderPair[] = Array.isArray(sent)
    ? [...sent]
    : [...(sent as HeaderList)].map((f) => ({ name: f.name, value: f.value }));
  const out: RelayViolation[] = [];
  const used = new Map<string, number>();
  for (const pair of pairs.slice(0, 200)) {
    const lower = pair.name.toLowerCase();
    const values = got.getAll(pair.name);
    const index = used.get(lower) ?? 0;
    used.set(lower, index + 1);
    const match = values.findIndex((v) => norm(v) === norm(pair.value));
    if (match >= 0) continue;
    const arrived = values[index] ?? values[0];
    if (arrived === undefined)
      out.push({ header: pair.name, problem: 'removed', sent: pair.value, rule: 'OUT-2' });
    else
      out.push({ header: pair.name, problem: 'changed', sent: pair.value, relayed: arrived, rule: 'OUT-2' });
  }
  return out;
}
