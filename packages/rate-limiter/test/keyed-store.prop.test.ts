import { fc, test } from '@fast-check/vitest';
import { createKeyedStore, createTieredLimiter, type TieredState } from '@mailroom/rate-limiter';
import { expect } from 'vitest';

// Model: for each key, the state the store last returned and when. The store may forget a key only when it is
// idle (then it MUST read as absent) or when at least floor(maxKeys / 2) other distinct keys were touched since
// its last touch; otherwise the hit must continue from exactly the last state.
test.prop(
  [
    fc.integer({ min: 2, max: 9 }),
    fc.array(fc.record({ key: fc.integer({ min: 0, max: 12 }), dt: fc.integer({ min: 0, max: 700 }) }), {
      maxLength: 300,
    }),
  ],
  { numRuns: 200 },
)(
  'LOOP-6: the store never exceeds maxKeys, never returns a wrong or idle state, and keeps every key touched within the last maxKeys/2 distinct keys',
  (maxKeys, ops) => {
    const limiter = createTieredLimiter({
      windowMs: 1000,
      tiers: [
        { upTo: 2, outcome: 'accept' },
        { upTo: 4, outcome: 'suspend' },
      ],
      beyond: 'reject',
    });
    const store = createKeyedStore<TieredState>({ maxKeys, idleMs: limiter.idleMs });
    const last = new Map<string, { state: TieredState; at: number; step: number }>();
    let now = 0;
    ops.forEach(({ key, dt }, step) => {
      now += dt;
      const k = `k${key}`;
      const got = store.hit(limiter, k, now);
      const fromNothing = limiter.hit(undefined, now);
      const previous = last.get(k);
      if (previous === undefined || now - previous.at >= limiter.idleMs) {
        expect(got).toEqual(fromNothing);
      } else {
        const fromKept = limiter.hit(previous.state, now);
        const othersSince = [...last.entries()].filter(
          ([other, v]) => other !== k && v.step > previous.step,
        ).length;
        if (othersSince < Math.floor(maxKeys / 2)) expect(got).toEqual(fromKept);
        else expect([fromKept, fromNothing]).toContainEqual(got);
      }
      last.set(k, { state: got.state, at: now, step });
      expect(store.stats().size).toBeLessThanOrEqual(maxKeys);
    });
  },
);
