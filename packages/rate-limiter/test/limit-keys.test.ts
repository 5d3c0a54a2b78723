import {
  createKeyedStore,
  createTieredLimiter,
  fingerprintKey,
  inboundUpdateLimit,
  limitKeyPrefixes,
  limitKeysFor,
  senderDomainKey,
  senderKey,
  strictestHit,
  type TieredState,
  threadKey,
} from '@mailroom/rate-limiter';
import { describe, expect, it } from 'vitest';

const T0 = Date.UTC(2026, 10, 22, 9, 0, 0);

describe('key builders', () => {
  it('LOOP-6: one key per canonical sender; none for the null sender', () => {
    expect(senderKey('alice@example.com')).toBe('sender:alice@example.com');
    expect(senderKey('')).toBeNull();
    expect(senderKey(null)).toBeNull();
  });

  it('LOOP-7: the domain key ignores the rotating local part and the case of the domain', () => {
    expect(senderDomainKey('bounce-7f3a@Notify.Example.COM.')).toBe('domain:notify.example.com');
    expect(senderDomainKey('bounce-8e21@notify.example.com')).toBe('domain:notify.example.com');
    expect(senderDomainKey('no-at-sign')).toBeNull();
    expect(senderDomainKey('trailing@')).toBeNull();
  });

  it('LOOP-7: thread and fingerprint keys are namespaced and never collide with a sender key', () => {
    expect(threadKey('CAF=abc@mail.example.com')).toBe('thread:CAF=abc@mail.example.com');
    expect(fingerprintKey('sender:alice@example.com')).toBe('fp:sender:alice@example.com');
    expect(threadKey('')).toBeNull();
    expect(fingerprintKey('')).toBeNull();
    expect(new Set(Object.values(limitKeyPrefixes)).size).toBe(4);
  });

  it('LOOP-7: limitKeysFor lists every known key and skips the unknown', () => {
    expect(limitKeysFor({ sender: 'a1@loop.example', thread: 'root@x', fingerprint: 'f00d' })).toEqual([
      { kind: 'sender', key: 'sender:a1@loop.example' },
      { kind: 'sender-domain', key: 'domain:loop.example' },
      { kind: 'thread', key: 'thread:root@x' },
      { kind: 'fingerprint', key: 'fp:f00d' },
    ]);
    expect(limitKeysFor({ sender: 'a1@loop.example', senderDomain: false, thread: null })).toEqual([
      { kind: 'sender', key: 'sender:a1@loop.example' },
    ]);
    expect(limitKeysFor({})).toEqual([]);
  });
});

describe('LOOP-7: a loop that uses a new sender address for every message', () => {
  // An autoresponder that answers from bounce-<random>@notify.example.com, quoting the same text each time, in
  // the same thread: a per-sender limit alone (LOOP-6) never sees more than one message per key.
  const message = (i: number) => ({
    sender: `bounce-${(i * 2654435761).toString(16)}@notify.example.com`,
    thread: 'ticket-4711@helpdesk.example',
    fingerprint: 'auto-reply:we-received-your-request',
  });

  function replay(keysOf: (i: number) => string[]) {
    const limiter = createTieredLimiter(inboundUpdateLimit);
    const store = createKeyedStore<TieredState>({ maxKeys: 10_000, idleMs: limiter.idleMs });
    return Array.from({ length: 100 }, (_, i) => {
      const now = T0 + i * 30_000;
      return strictestHit(keysOf(i).map((k) => store.hit(limiter, k, now)))!.outcome;
    });
  }

  it('LOOP-7: per sender only, the blind spot: all 100 messages are accepted', () => {
    expect(replay((i) => [senderKey(message(i).sender)!]).every((o) => o === 'accept')).toBe(true);
  });

  for (const kind of ['sender-domain', 'thread', 'fingerprint'] as const) {
    it(`LOOP-7: adding the ${kind} key suspends the 21st message and rejects from the 41st on`, () => {
      const outcomes = replay((i) =>
        limitKeysFor(message(i))
          .filter((k) => k.kind === 'sender' || k.kind === kind)
          .map((k) => k.key),
      );
      expect(outcomes.slice(0, 20).every((o) => o === 'accept')).toBe(true);
      expect(outcomes.slice(20, 40).every((o) => o === 'suspend')).toBe(true);
      expect(outcomes.slice(40).every((o) => o === 'reject')).toBe(true);
    });
  }

  it('LOOP-7: strictestHit keeps the strictest outcome of all keys', () => {
    expect(strictestHit([{ tier: 0 }, { tier: 2 }, { tier: 1 }])).toEqual({ tier: 2 });
    expect(strictestHit([])).toBeUndefined();
  });
});
