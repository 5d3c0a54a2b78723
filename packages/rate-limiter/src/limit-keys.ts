// Key builders for the stores. The limiter never looks inside keys; these only namespace them so that a sender
// address, a domain, a thread and a content fingerprint can share one store without colliding.

/** What a key limits: one sender, one sender domain, one thread, or one content fingerprint. */
export type LimitKeyKind = 'sender' | 'sender-domain' | 'thread' | 'fingerprint';

/**
 * The prefix of each key kind (data: a consumer may read it to list or purge keys of one kind).
 *
 * @example
 * const isThreadKey = (key: string) => key.startsWith(limitKeyPrefixes.thread);
 */
export const limitKeyPrefixes: Readonly<Record<LimitKeyKind, string>> = Object.freeze({
  sender: 'sender:',
  'sender-domain': 'domain:',
  thread: 'thread:',
  fingerprint: 'fp:',
});

/** A key with the kind it was built for. */
export interface LimitKey {
  readonly kind: LimitKeyKind;
  readonly key: string;
}

/** What {@link limitKeysFor} builds keys from; every field optional (absent or null: no key of that kind). */
export interface LimitSubject {
  /** Canonical sender address (`addressKey` of @mailroom/headers: lower-cased, ASCII domain). */
  readonly sender?: string | null;
  /** Also limit the sender's domain (default true when `sender` is given). */
  readonly senderDomain?: boolean;
  /** Thread identity chosen by the caller (e.g. the root Message-ID of References). */
  readonly thread?: string | null;
  /** Content fingerprint computed by the caller (e.g. by @mailroom/loop-detector); opaque here. */
  readonly fingerprint?: string | null;
}

/**
 * Key for one sender (LOOP-6: per user). Pass the canonical address (`addressKey`), not the raw header, so
 * `Alice@Example.COM` and `alice@example.com` share a budget. `null` for the null sender `<>` or no address.
 *
 * @rule LOOP-6
 * @example
 * senderKey('alice@example.com'); // 'sender:alice@example.com'
 */
export function senderKey(canonicalAddress: string | null): string | null {
  if (typeof canonicalAddress !== 'string' || canonicalAddress === '') return null;
  return limitKeyPrefixes.sender + canonicalAddress;
}

/**
 * Key for the sender's domain (lower-cased, trailing dot removed), which catches a loop that rotates the local
 * part of its address for every message (LOOP-7). `null` when there is no `@domain`.
 *
 * @rule LOOP-7
 * @example
 * senderDomainKey('bounce-7f3a@notify.example.com'); // 'domain:notify.example.com'
 */
export function senderDomainKey(canonicalAddress: string | null): string | null {
  if (typeof canonicalAddress !== 'string') return null;
  const at = canonicalAddress.lastIndexOf('@');
  if (at < 0) return null;
  let domain = canonicalAddress.slice(at + 1).toLowerCase();
  if (domain.endsWith('.')) domain = domain.slice(0, -1);
  return domain === '' ? null : limitKeyPrefixes['sender-domain'] + domain;
}

/**
 * Key for one thread (however the caller identifies it), which catches a loop whose every message answers the
 * previous one from a new address (LOOP-7). `null` for an empty id.
 *
 * @rule LOOP-7
 * @example
 * threadKey('CAF=abc@mail.example.com'); // 'thread:CAF=abc@mail.example.com'
 */
export function threadKey(threadId: string | null): string | null {
  if (typeof threadId !== 'string' || threadId === '') return null;
  return limitKeyPrefixes.thread + threadId;
}

/**
 * Key for one content fingerprint, computed by the caller (the loop-detector defines it), which catches the same
 * message coming back from ever new senders (LOOP-7). `null` for an empty fingerprint.
 *
 * @rule LOOP-7
 * @example
 * fingerprintKey('3f9a0c'); // 'fp:3f9a0c'
 */
export function fingerprintKey(fingerprint: string | null): string | null {
  if (typeof fingerprint !== 'string' || fingerprint === '') return null;
  return limitKeyPrefixes.fingerprint + fingerprint;
}

/**
 * Every key to hit for one inbound message: per sender, per sender domain, per thread and per content
 * fingerprint, skipping what is unknown. Hit them all and keep the strictest outcome ({@link strictestHit}) so an
 * address-rotating loop is still caught by the keys it cannot rotate (LOOP-7).
 *
 * @rule LOOP-6, LOOP-7
 * @example
 * limitKeysFor({ sender: 'a1@loop.example', thread: 'root@x', fingerprint: 'f00d' }).map((k) => k.key);
 * // ['sender:a1@loop.example', 'domain:loop.example', 'thread:root@x', 'fp:f00d']
 */
export function limitKeysFor(subject: LimitSubject): LimitKey[] {
  const keys: LimitKey[] = [];
  const push = (kind: LimitKeyKind, key: string | null): void => {
    if (key !== null) keys.push({ kind, key });
  };
  const sender = subject.sender ?? null;
  push('sender', senderKey(sender));
  if (subject.senderDomain ?? true) push('sender-domain', senderDomainKey(sender));
  push('thread', threadKey(subject.thread ?? null));
  push('fingerprint', fingerprintKey(subject.fingerprint ?? null));
  return keys;
}

/**
 * The strictest of several hits (highest `tier`; the first on ties), e.g. of the per-sender, per-domain,
 * per-thread and per-fingerprint limiters for one message. `undefined` for no hits.
 *
 * @rule LOOP-7
 * @example
 * const worst = strictestHit(keys.map((k) => store.hit(limiter, k.key, now)));
 * console.log(worst?.outcome);
 */
export function strictestHit<R extends { readonly tier: number }>(hits: readonly R[]): R | undefined {
  let worst: R | undefined;
  for (const h of hits) if (worst === undefined || h.tier > worst.tier) worst = h;
  return worst;
}
