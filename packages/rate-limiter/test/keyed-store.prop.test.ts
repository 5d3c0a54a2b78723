import { fc, test } from '@fast-check/vitest';
import { createKeyedStore, createTieredLimiter, type TieredState } from '@mailroom/rate-limiter';
import { expect } from 'vitest';

// Naive model: an array in recency order; an idle key behaves as absent; the least recent is dropped when full.
class NaiveLru {
  readonly entries: { key: string; state: TieredState; touched: number }[] = [];
  constructor(
    private readonly maxKeys: number,
    private readonly idleMs: number,
  ) {}
  take(key: string, now: number): TieredState | undefined {
    const i = this.entries.findIndex((e) => e.key === key);
    if (i < 0) return undefined;
    const [e] = this.entries.splice(i, 1);
    return now - e!.touched >= this.idleMs ? undefined : e!.state;
  }
  put(key: string, state: TieredState, now: number): void {
    this.entries.push({ key, state, touched: now });
    if (this.entries.length > this.maxKeys) this.entries.shift();
  }
}

test.prop(
  [
    fc.integer({ min: 1, max: 8 }),
    fc.array(fc.record({ key: fc.integer({ min: 0, max: 12 }), dt: fc.integer({ min: 0, max: 700 }) }), {
      maxLength: 300,
    }),
  ],
  { numRuns: 200 },
)(
  'LOOP-6: with a moving clock, every hit through the store equals the limiter fed by a naive LRU map, and the size never exceeds maxKeys',
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
    const model = new NaiveLru(maxKeys, limiter.idleMs);
    let now = 0;
    for (const { key, dt } of ops) {
      now += dt;
      const k = `k${key}`;
      const got = store.hit(limiter, k, now);
      const want = limiter.hit(model.take(k, now), now);
      model.put(k, want.state, now);
      expect(got).toEqual(want);
      expect(store.stats().size).toBeLessThanOrEqual(maxKeys);
    }
  },
);
