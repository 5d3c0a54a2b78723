import { addressKey, type HeaderList, parseAddressList, parseReceived } from '@mailroom/headers';
import { DEFAULT_RESOLVER_LIMITS } from './limits.js';
import type { ForwardingHop, ResolverLimits } from './types.js';

/** A header that records a forwarding or redirection step. */
export interface ForwardingMarker {
  readonly field: string;
  /**
   * `address`: the value names the mailbox that forwarded or was forwarded to (text before a `;` is parsed);
   * `flag`: the header only says that a redirection happened (one hop, no address).
   */
  readonly kind: 'address' | 'flag';
  /** For flags: the value must contain this text (case-insensitive). */
  readonly valueIncludes?: string;
  /** What the marker means, for the explanation and the docs. */
  readonly meaning: string;
}

/**
 * Forwarding evidence beyond Received/Delivered-To/Resent-*. Microsoft 365 / Exchange markers are from Microsoft's
 * "loop prevention in Exchange Online demystified" (headers preserved across organisations); Gmail writes
 * `X-Forwarded-To` and `X-Forwarded-For` when a mailbox forwards. Extend it for other providers.
 */
export const FORWARDING_MARKERS: readonly ForwardingMarker[] = Object.freeze([
  {
    field: 'X-Forwarded-For',
    kind: 'address',
    meaning: 'Gmail forwarding: the forwarding mailbox, then the target',
  },
  { field: 'X-Forwarded-To', kind: 'address', meaning: 'Gmail forwarding: the mailbox forwarded to' },
  {
    field: 'X-MS-Exchange-Inbox-Rules-Loop',
    kind: 'address',
    meaning: 'Microsoft 365 / Exchange: an inbox rule of this mailbox forwarded or redirected the message',
  },
  {
    field: 'X-MS-Exchange-ForwardingLoop',
    kind: 'address',
    meaning:
      'Microsoft 365: mailbox forwarding (ForwardingSmtpAddress) set on this mailbox; `address;tenant`',
  },
  {
    field: 'X-MS-Exchange-Moderation-Loop',
    kind: 'address',
    meaning: 'Exchange: forwarded to an arbitration mailbox for moderation',
  },
  {
    field: 'X-MS-Exchange-Transport-Rules-Loop',
    kind: 'flag',
    meaning: 'Exchange: a transport (mail flow) rule redirected the message or added recipients',
  },
  {
    field: 'X-MS-Exchange-Organization-AutoForwarded',
    kind: 'flag',
    valueIncludes: 'true',
    meaning: 'Exchange: the message was automatically forwarded inside the organisation',
  },
  {
    field: 'X-MS-Exchange-Generated-Message-Source',
    kind: 'flag',
    valueIncludes: 'mailbox rules agent',
    meaning: 'Exchange: the message was generated (redirected/forwarded) by the mailbox rules agent',
  },
]);

/**
 * Domains of provider-internal routing addresses that stand for a mailbox of the customer's own domain (Microsoft
 * 365 tenants). An address there with the local part of an address already on the path is the same mailbox.
 */
export const ROUTING_DOMAIN_SUFFIXES: readonly string[] = Object.freeze(['.onmicrosoft.com']);

/** A `for` clause somewhere in a Received value (cheap pre-check before parsing the field). */
const FOR_WORD = /\sfor\s/i;

/** The delivery path and how many forwarding hops it shows. */
export interface ForwardingAnalysis {
  readonly path: ForwardingHop[];
  readonly hopCount: number;
  /** One line per evidence kind that counted, for the explanation. */
  readonly notes: string[];
}

function keysIn(value: string, limits: ResolverLimits): string[] {
  let list: ReturnType<typeof parseAddressList>;
  try {
    list = parseAddressList(value.slice(0, limits.maxValueChars));
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const m of list.slice(0, limits.maxAddressesPerField)) {
    const k = addressKey(m.address);
    if (k !== null) out.push(k);
  }
  return out;
}

/**
 * Builds the delivery path (distinct addresses the message was delivered or forwarded to), roughly oldest first:
 * evidence of where it started (forwarding markers, Resent-* blocks, X-Original-To) before evidence of where it
 * was delivered (Received `for` clauses oldest first, Delivered-To oldest first, the envelope), and counts the forwarding hops: distinct addresses minus one, at least the number of Resent blocks and
 * of addressless redirection flags. Alias expansion inside one server counts as a hop, as it is one.
 */
export function forwardingPathOf(
  headers: HeaderList,
  rcptTo: readonly string[],
  markers: readonly ForwardingMarker[],
  limits: ResolverLimits,
): ForwardingAnalysis {
  const byKey = new Map<string, { field: string; value: string }[]>();
  const order: string[] = [];
  // Microsoft 365 routes a mailbox through its tenant routing address (`support@acme.mail.onmicrosoft.com`): the same
  // mailbox, not a forwarding hop. Merge such an address into the path entry with the same local part.
  const domainByLocal = new Map<string, string>();
  const routingByLocal = new Map<string, string>();
  const claimed = new Set<string>();
  const add = (rawKey: string, field: string, value: string): void => {
    const local = rawKey.slice(0, rawKey.lastIndexOf('@'));
    let key = rawKey;
    if (ROUTING_DOMAIN_SUFFIXES.some((suffix) => rawKey.endsWith(suffix))) {
      key = domainByLocal.get(local) ?? routingByLocal.get(local) ?? rawKey;
      if (!routingByLocal.has(local)) routingByLocal.set(local, key);
    } else {
      // A routing address seen first stands for the first customer-domain address with its local part.
      const routed = routingByLocal.get(local);
      if (routed !== undefined && !claimed.has(routed) && !byKey.has(rawKey)) {
        key = routed;
        claimed.add(routed);
      }
      if (!domainByLocal.has(local)) domainByLocal.set(local, key);
    }
    const evidence = byKey.get(key);
    const entry = { field, value: value.slice(0, 400) };
    if (evidence === undefined) {
      byKey.set(key, [entry]);
      order.push(key);
    } else if (evidence.length < 8) evidence.push(entry);
  };
  const notes: string[] = [];
  const max = limits.maxFieldsPerName;

  const resentBlocks =
    headers.has('Resent-From') || headers.has('Resent-Date')
      ? Math.max(headers.getAll('Resent-From').length, headers.getAll('Resent-Date').length)
      : 0;
  const resentTo =
    resentBlocks === 0
      ? []
      : [...headers.getAll('Resent-To'), ...headers.getAll('Resent-Cc')].slice(0, max).reverse();
  for (const v of resentTo) for (const k of keysIn(v, limits)) add(k, 'Resent-To', v);
  if (resentBlocks > 0) notes.push(`${resentBlocks} Resent-* block(s)`);

  let flags = 0;
  for (const m of markers) {
    if (!headers.has(m.field)) continue;
    const values = headers.getAll(m.field).slice(0, max);
    if (m.kind === 'flag') {
      const needle = m.valueIncludes?.toLowerCase();
      if (needle === undefined || values.some((v) => v.slice(0, 4096).toLowerCase().includes(needle))) {
        flags = 1;
        notes.push(`${m.field} (${m.meaning})`);
      }
      continue;
    }
    for (const v of values.slice().reverse()) {
      const beforeSemicolon = v.split(';', 1)[0] ?? '';
      // `X-Forwarded-For: a@x b@y` lists two addresses separated by a space.
      const text =
        m.field.toLowerCase() === 'x-forwarded-for' ? beforeSemicolon.replace(/\s+/g, ', ') : beforeSemicolon;
      const ks = keysIn(text, limits);
      for (const k of ks) add(k, m.field, v);
      if (ks.length > 0) notes.push(`${m.field} (${m.meaning})`);
    }
  }

  for (const v of headers.getAll('X-Original-To').slice(0, max).reverse()) {
    for (const k of keysIn(v, limits)) add(k, 'X-Original-To', v);
  }
  // Newest first in the header block: walk backwards to go oldest first. Only fields that have a `for` clause are
  // parsed (parsing the rest, dates included, is most of the cost and tells nothing about the path).
  const received = headers.has('Received') ? headers.getAll('Received').slice(0, max) : [];
  for (let i = received.length - 1; i >= 0; i--) {
    const value = received[i]!;
    if (!FOR_WORD.test(value)) continue;
    let forClause: string | null = null;
    try {
      forClause = parseReceived(value).for;
    } catch {
      forClause = null;
    }
    if (forClause) for (const k of keysIn(forClause, limits)) add(k, 'Received', `for ${forClause}`);
  }

  const deliveredTo = headers.getAll('Delivered-To').slice(0, max);
  for (const v of deliveredTo.slice().reverse()) for (const k of keysIn(v, limits)) add(k, 'Delivered-To', v);
  for (const r of rcptTo.slice(0, max)) for (const k of keysIn(r, limits)) add(k, 'envelope', r);

  const path: ForwardingHop[] = order.map((address) => ({ address, evidence: byKey.get(address) ?? [] }));
  const hopCount = Math.max(path.length - 1, resentBlocks, flags);
  return { path, hopCount, notes };
}

/**
 * The delivery path of a message and its forwarding hop count (REQ-2): what `resolveRequester` reports as
 * `forwardingPath` and in the `multiple-forwarding-hops` warning.
 *
 * @rule REQ-2, REQ-3
 * @example
 * const { hopCount, path } = analyseForwarding(parseHeaders(raw), { rcptTo: ['acme@helpdesk.example'] });
 * if (hopCount > 1) console.log(path.map((h) => h.address).join(' → '));
 */
export function analyseForwarding(
  headers: HeaderList,
  options: {
    readonly rcptTo?: readonly string[];
    readonly markers?: readonly ForwardingMarker[];
    readonly limits?: Partial<ResolverLimits>;
  } = {},
): ForwardingAnalysis {
  return forwardingPathOf(headers, options.rcptTo ?? [], options.markers ?? FORWARDING_MARKERS, {
    ...DEFAULT_RESOLVER_LIMITS,
    ...options.limits,
  });
}
