import { constantTimeEqual, hmacSha256, toHex } from './hmac.js';
import type { LoopPolicy } from './policy.js';

/** Whether an outbound mail was sent with no agent action (`automatic`) or because of one (`agent`) (LOOP-1). */
export type NotificationKind = 'automatic' | 'agent';

/** What the signed marker says about a message this helpdesk sent. */
export interface MarkerPayload {
  readonly kind: NotificationKind;
  /** The ticket id (letters, digits, `-`, `_`; at most 40). */
  readonly ticket: string;
  /** The notification id, unique per sent message (letters, digits, `-`, `_`; at most 64). */
  readonly id: string;
}

const VERSION = 'mr1';
const MAC_HEX = 32;
const MAX_TOKEN = 160;
const PART = /^[A-Za-z0-9_-]{1,64}$/;
const KIND_CODE: Readonly<Record<NotificationKind, string>> = { automatic: 'a', agent: 'g' };

function mac(key: Uint8Array, body: string, domain: string): string {
  return toHex(hmacSha256(key, `${body}@${domain.toLowerCase()}`)).slice(0, MAC_HEX);
}

function checkPart(value: string, name: string, max: number): void {
  if (typeof value !== 'string' || value.length > max || !PART.test(value)) {
    throw new RangeError(
      `${name} must be 1-${max} letters, digits, '-' or '_' (got ${JSON.stringify(value)})`,
    );
  }
}

/**
 * The signed marker token for one outbound message: `mr1.<a|g>.<ticket>.<id>.<mac>`, where `mac` is the first 128
 * bits of HMAC-SHA-256 under `policy.markerKey` over the rest and the Message-ID domain. Without the key it cannot be
 * produced, so a stranger cannot make mail look like ours (LOOP-4). `null` when the policy has no key.
 *
 * @rule LOOP-4, OUT-1
 * @example
 * signMarker({ kind: 'automatic', ticket: '1042', id: 'n7' }, policy); // 'mr1.a.1042.n7.5f0c…'
 */
export function signMarker(payload: MarkerPayload, policy: LoopPolicy): string | null {
  checkPart(payload.ticket, 'ticket', 40);
  checkPart(payload.id, 'id', 64);
  if (policy.markerKey === null) return null;
  const body = `${VERSION}.${KIND_CODE[payload.kind]}.${payload.ticket}.${payload.id}`;
  return `${body}.${mac(policy.markerKey, body, policy.messageIdDomain)}`;
}

/**
 * Checks a marker token (or a Message-ID `<token@domain>` of ours) against the policy's key. Returns what it says
 * when the MAC is right, `null` otherwise (no key, wrong shape, wrong domain, forged or altered). Never throws.
 *
 * @rule LOOP-4
 * @example
 * verifyMarker('<mr1.a.1042.n7.5f0c…@acme.example>', policy)?.ticket; // '1042'
 */
export function verifyMarker(value: string, policy: LoopPolicy): MarkerPayload | null {
  if (policy.markerKey === null || typeof value !== 'string' || value.length > MAX_TOKEN + 260) return null;
  let token = value.trim();
  if (token.startsWith('<') && token.endsWith('>')) token = token.slice(1, -1);
  const at = token.indexOf('@');
  if (at >= 0) {
    if (token.slice(at + 1).toLowerCase() !== policy.messageIdDomain.toLowerCase()) return null;
    token = token.slice(0, at);
  }
  if (token.length > MAX_TOKEN) return null;
  const parts = token.split('.');
  if (parts.length !== 5 || parts[0] !== VERSION) return null;
  const [, kindCode, ticket, id, given] = parts as [string, string, string, string, string];
  const kind: NotificationKind | null = kindCode === 'a' ? 'automatic' : kindCode === 'g' ? 'agent' : null;
  if (kind === null || !PART.test(ticket) || ticket.length > 40 || !PART.test(id)) return null;
  const expected = mac(policy.markerKey, `${VERSION}.${kindCode}.${ticket}.${id}`, policy.messageIdDomain);
  if (!constantTimeEqual(given.toLowerCase(), expected)) return null;
  return { kind, ticket, id };
}

/**
 * The Message-ID of an outbound message: the signed marker at the policy's domain when there is a key, else a
 * plain id built from the same parts (recognisable by its shape only, not proof).
 *
 * @rule LOOP-4, OUT-1
 * @example
 * ownMessageId({ kind: 'agent', ticket: '1042', id: 'c3' }, policy); // '<mr1.g.1042.c3.…@acme.example>'
 */
export function ownMessageId(payload: MarkerPayload, policy: LoopPolicy): string {
  const token =
    signMarker(payload, policy) ?? `mr0.${KIND_CODE[payload.kind]}.${payload.ticket}.${payload.id}`;
  return `<${token}@${policy.messageIdDomain}>`;
}
