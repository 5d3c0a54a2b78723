import {
  createMultiWindowLimiter,
  type MultiWindowState,
  outboundAutoReplyLimits,
} from '@mailroom/rate-limiter';
import { describe, expect, it } from 'vitest';

const T0 = Date.UTC(2026, 10, 22, 9, 0, 0);
const MIN = 60_000;

function replay(times: readonly number[]) {
  const limiter = createMultiWindowLimiter(outboundAutoReplyLimits);
  let state: MultiWindowState | undefined;
  return times.map((t) => {
    const hit = limiter.hit(state, t);
    state = hit.state;
    return hit;
  });
}

describe('outbound automatic replies per recipient', () => {
  it('LOOP-8: the 11th automatic reply within 10 minutes is denied by the 10-minute window', () => {
    const hits = replay(Array.from({ length: 11 }, (_, i) => T0 + i * 30_000));
    expect(hits.slice(0, 10).every((h) => h.outcome === 'allow')).toBe(true);
    expect(hits[10]!.outcome).toBe('deny');
    expect(hits[10]!.blockedBy).toEqual([0]);
    expect(hits[10]!.retryAfterMs).toBe(T0 + 10 * MIN - (T0 + 10 * 30_000));
  });

  it('LOOP-8: one reply a minute is capped at 25 an hour and 100 in 10 hours', () => {
    const hits = replay(Array.from({ length: 600 }, (_, i) => T0 + i * MIN));
    const firstHour = hits.slice(0, 60).filter((h) => h.outcome === 'allow').length;
    expect(firstHour).toBe(25);
    expect(hits.filter((h) => h.outcome === 'allow').length).toBe(100);
    expect(hits.find((h) => h.outcome === 'deny' && h.blockedBy.includes(2))).toBeDefined();
  });

  it('denied replies do not count: the recipient gets replies again once the window frees', () => {
    const hits = replay([...Array.from({ length: 30 }, (_, i) => T0 + i * 1000), T0 + 10 * MIN + 10_000]);
    expect(hits.at(-1)!.outcome).toBe('allow');
    expect(hits.at(-1)!.counts[0]).toBe(1);
  });

  it('round-trips its state and refuses a foreign one', () => {
    const limiter = createMultiWindowLimiter(outboundAutoReplyLimits);
    const state = replay(Array.from({ length: 40 }, (_, i) => T0 + i * 7000)).at(-1)!.state;
    expect(limiter.decodeState(limiter.encodeState(state))).toEqual({ ok: true, state });
    expect(limiter.decodeState('e1.0')).toEqual({ ok: false, problem: 'wrong-kind' });
  });

  it('throws with a fix for empty or invalid windows', () => {
    expect(() => createMultiWindowLimiter([])).toThrow(/non-empty/);
    expect(() => createMultiWindowLimiter([{ windowMs: 1000, limit: 0 }])).toThrow(
      /limit must be a positive/,
    );
  });
});
