import {
  createTieredLimiter,
  inboundUpdateLimit,
  type LimiterMode,
  type TieredState,
} from '@mailroom/rate-limiter';
import { describe, expect, it } from 'vitest';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 22, 9, 0, 0);

function run(mode: LimiterMode, times: readonly number[]) {
  const limiter = createTieredLimiter({ ...inboundUpdateLimit, mode });
  let state: TieredState | undefined;
  return times.map((t) => {
    const hit = limiter.hit(state, t);
    state = hit.state;
    return hit;
  });
}

describe.each(['exact', 'approximate'] as const)('%s mode', (mode) => {
  it('LOOP-6: the first 20 updates within an hour are accepted, the 21st to 40th suspended, beyond rejected', () => {
    const hits = run(
      mode,
      Array.from({ length: 45 }, (_, i) => T0 + i * 60_000),
    );
    expect(hits.slice(0, 20).every((h) => h.outcome === 'accept')).toBe(true);
    expect(hits.slice(20, 40).every((h) => h.outcome === 'suspend')).toBe(true);
    expect(hits.slice(40).every((h) => h.outcome === 'reject')).toBe(true);
    expect(hits[20]!.count).toBe(21);
    expect(hits[20]!.tier).toBe(1);
    expect(hits[40]!.tier).toBe(2);
  });

  it('LOOP-6: a loop that never stops stays rejected (rejected hits count towards the window)', () => {
    // One message a minute for two days: after the first 40 every single one is rejected, because each
    // rejected message keeps the window full.
    const hits = run(
      mode,
      Array.from({ length: 48 * 60 }, (_, i) => T0 + i * 60_000),
    );
    expect(hits.slice(40).every((h) => h.outcome === 'reject')).toBe(true);
    expect(hits.at(-1)!.retryAfterMs).toBeGreaterThan(0);
  });

  it('LOOP-6: a sender writing 15 times an hour is never limited', () => {
    const hits = run(
      mode,
      Array.from({ length: 15 * 24 }, (_, i) => T0 + i * 240_000),
    );
    expect(hits.every((h) => h.outcome === 'accept')).toBe(true);
  });

  it('LOOP-6: after a burst the sender is accepted again once the hour has passed', () => {
    const burst = Array.from({ length: 30 }, (_, i) => T0 + i * 1000);
    const hits = run(mode, [...burst, T0 + 29_000 + 2 * HOUR]);
    expect(hits.at(-1)!.outcome).toBe('accept');
  });

  it('LOOP-6: retryAfterMs says when the next update would be accepted again', () => {
    const limiter = createTieredLimiter({ ...inboundUpdateLimit, mode });
    let state: TieredState | undefined;
    let last = limiter.hit(undefined, T0);
    for (let i = 0; i < 25; i++) {
      last = limiter.hit(state, T0 + i * 1000);
      state = last.state;
    }
    expect(last.outcome).toBe('suspend');
    const wait = last.retryAfterMs;
    expect(wait).toBeGreaterThan(0);
    const nowMs = T0 + 24_000;
    expect(limiter.hit(state, nowMs + wait - 1).outcome).not.toBe('accept');
    expect(limiter.hit(state, nowMs + wait).outcome).toBe('accept');
    expect(limiter.hit(undefined, T0).retryAfterMs).toBe(0);
  });

  it('LOOP-6: a clock stepping back an hour frees no capacity', () => {
    const limiter = createTieredLimiter({ ...inboundUpdateLimit, mode });
    let state: TieredState | undefined;
    for (let i = 0; i < 40; i++) state = limiter.hit(state, T0 + i * 1000).state;
    const back = limiter.hit(state, T0 - HOUR);
    expect(back.outcome).toBe('reject');
  });

  it('LOOP-6: a cost of 5 uses five places in the window', () => {
    const limiter = createTieredLimiter({ ...inboundUpdateLimit, mode });
    let state: TieredState | undefined;
    for (let i = 0; i < 4; i++) state = limiter.hit(state, T0 + i, 5).state;
    const hit = limiter.hit(state, T0 + 10, 1);
    expect(hit.count).toBe(21);
    expect(hit.outcome).toBe('suspend');
    expect(limiter.hit(undefined, T0, 41).outcome).toBe('reject');
    expect(limiter.hit(undefined, T0, 41).retryAfterMs).toBe(Number.POSITIVE_INFINITY);
  });

  it('state round-trips through encodeState/decodeState', () => {
    const limiter = createTieredLimiter({ ...inboundUpdateLimit, mode });
    const hits = run(
      mode,
      Array.from({ length: 50 }, (_, i) => T0 + i * 37_000),
    );
    const state = hits.at(-1)!.state;
    const text = limiter.encodeState(state);
    expect(text).toMatch(/^[a-z0-9.*-]+$/);
    const decoded = limiter.decodeState(text);
    expect(decoded).toEqual({ ok: true, state });
  });

  it('refuses stored states it could not have written, with a reason', () => {
    const limiter = createTieredLimiter({ ...inboundUpdateLimit, mode });
    expect(limiter.decodeState('')).toEqual({ ok: false, problem: 'wrong-kind' });
    expect(limiter.decodeState(mode === 'exact' ? 'a1.0' : 'e1.0')).toEqual({
      ok: false,
      problem: 'wrong-kind',
    });
    expect(limiter.decodeState(`${mode === 'exact' ? 'e1' : 'a1'}.%%`)).toEqual({
      ok: false,
      problem: 'malformed',
    });
    expect(limiter.decodeState('x'.repeat(100_000))).toEqual({ ok: false, problem: 'too-long' });
    const over = mode === 'exact' ? 'e1.0.0*15' : `a1.0${'.'.repeat(10)}.15`;
    expect(limiter.decodeState(over)).toEqual({ ok: false, problem: 'out-of-bounds' });
  });
});

describe('large limits', () => {
  it('GMAIL-5: an approximate quota of 10 million a day round-trips its saturated counters', () => {
    const limiter = createTieredLimiter({
      windowMs: 86_400_000,
      tiers: [{ upTo: 10_000_000, outcome: 'send' }],
      beyond: 'fallback',
      mode: 'approximate',
      buckets: 24,
    });
    let state = limiter.hit(undefined, T0, 9_999_999).state;
    state = limiter.hit(state, T0 + 3_600_000, 5).state;
    expect(limiter.decodeState(limiter.encodeState(state))).toEqual({ ok: true, state });
    expect(limiter.hit(state, T0 + 3_600_001).outcome).toBe('fallback');
  });
});

describe('options', () => {
  it('throws with a fix for options that cannot work', () => {
    const base = inboundUpdateLimit;
    expect(() => createTieredLimiter({ ...base, windowMs: 0 })).toThrow(
      /windowMs must be a positive integer/,
    );
    expect(() => createTieredLimiter({ ...base, tiers: [] })).toThrow(/non-empty/);
    expect(() =>
      createTieredLimiter({
        ...base,
        tiers: [
          { upTo: 20, outcome: 'accept' },
          { upTo: 10, outcome: 'suspend' },
        ],
      }),
    ).toThrow(/strictly increase/);
    expect(() => createTieredLimiter({ ...base, mode: 'approximate', buckets: 7 })).toThrow(
      /multiple of buckets/,
    );
    expect(() => createTieredLimiter({ ...base, buckets: 10 })).toThrow(/approximate/);
    expect(() =>
      createTieredLimiter({ ...base, windowMs: 3_600_000, mode: 'approximate', buckets: 3600 }),
    ).toThrow(/buckets above/);
    expect(() => createTieredLimiter({ ...base, tiers: [{ upTo: 1_000_000, outcome: 'accept' }] })).toThrow(
      /approximate/,
    );
  });

  it('throws for a time that is not an integer and a cost below 1', () => {
    const limiter = createTieredLimiter(inboundUpdateLimit);
    expect(() => limiter.hit(undefined, Number.NaN)).toThrow(/nowMs/);
    expect(() => limiter.hit(undefined, 1.5)).toThrow(/nowMs/);
    expect(() => limiter.hit(undefined, T0, 0)).toThrow(/cost/);
  });

  it('throws when a state of the other mode is passed', () => {
    const exact = createTieredLimiter(inboundUpdateLimit);
    const approximate = createTieredLimiter({ ...inboundUpdateLimit, mode: 'approximate' });
    expect(() => approximate.hit(exact.hit(undefined, T0).state, T0)).toThrow(/exact-mode/);
    expect(() => exact.hit(approximate.hit(undefined, T0).state, T0)).toThrow(/approximate-mode/);
    const coarse = createTieredLimiter({ ...inboundUpdateLimit, mode: 'approximate', buckets: 6 });
    expect(() => coarse.hit(approximate.hit(undefined, T0).state, T0)).toThrow(/10 buckets, this limiter 6/);
  });

  it('the inboundUpdateLimit preset is the LOOP-6 table', () => {
    expect(inboundUpdateLimit).toEqual({
      windowMs: HOUR,
      tiers: [
        { upTo: 20, outcome: 'accept' },
        { upTo: 40, outcome: 'suspend' },
      ],
      beyond: 'reject',
      mode: 'exact',
    });
  });
});
