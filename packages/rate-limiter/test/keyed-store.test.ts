import {
  createKeyedStore,
  createTieredLimiter,
  inboundUpdateLimit,
  senderKey,
  type TieredState,
} from '@mailroom/rate-limiter';
import { describe, expect, it } from 'vitest';

const T0 = Date.UTC(2026, 10, 22, 9, 0, 0);

describe('keyed store', () => {
  it('LOOP-6: limits each sender separately', () => {
    const limiter = createTieredLimiter(inboundUpdateLimit);
    const store = createKeyedStore<TieredState>({ maxKeys: 100, idleMs: limiter.idleMs });
    for (let i = 0; i < 20; i++) store.hit(limiter, senderKey('loop@example.com')!, T0 + i);
    expect(store.hit(limiter, senderKey('loop@example.com')!, T0 + 30).outcome).toBe('suspend');
    expect(store.hit(limiter, senderKey('alice@example.org')!, T0 + 30).outcome).toBe('accept');
  });

  it('memory stays flat under a flood of 200,000 distinct senders', () => {
    const limiter = createTieredLimiter(inboundUpdateLimit);
    const store = createKeyedStore<TieredState>({ maxKeys: 1000, idleMs: limiter.idleMs });
    for (let i = 0; i < 200_000; i++) {
      store.hit(limiter, `sender:flood-${i}@spam.example`, T0 + i);
      if (store.stats().size > 1000) throw new Error(`size ${store.stats().size} after ${i}`);
    }
    const { size, evicted, expired } = store.stats();
    expect(size).toBeLessThanOrEqual(1000);
    expect(size).toBeGreaterThanOrEqual(500);
    expect(evicted + size).toBe(200_000);
    expect(expired).toBe(0);
  });

  it('a hot key survives a flood of one-off keys (at least maxKeys / 2 most recent keys are kept)', () => {
    const store = createKeyedStore<number>({ maxKeys: 100, idleMs: 1_000_000 });
    for (let i = 0; i < 10_000; i++) {
      store.set('hot', i, i);
      store.set(`one-off-${i}`, i, i);
      expect(store.get('hot', i)).toBe(i);
    }
  });

  it('the least recently used key is evicted first', () => {
    const store = createKeyedStore<number>({ maxKeys: 2, idleMs: 1000 });
    store.set('a', 1, 0);
    store.set('b', 2, 1);
    expect(store.get('a', 2)).toBe(1); // a is now more recent than b
    store.set('c', 3, 3);
    expect(store.get('b', 4)).toBeUndefined();
    expect(store.get('a', 4)).toBe(1);
    expect(store.get('c', 4)).toBe(3);
  });

  it('idle keys expire, and idle keys drain even without eviction pressure', () => {
    const store = createKeyedStore<number>({ maxKeys: 10_000, idleMs: 1000 });
    for (let i = 0; i < 500; i++) store.set(`old-${i}`, i, 0);
    expect(store.get('old-1', 999)).toBe(1);
    expect(store.get('old-2', 1000)).toBeUndefined();
    for (let i = 0; i < 500; i++) store.set(`new-${i}`, i, 5000 + i);
    expect(store.stats().size).toBeLessThanOrEqual(501);
    expect(store.stats().expired).toBeGreaterThanOrEqual(499);
  });

  it('throws with a fix for a store without bounds', () => {
    expect(() => createKeyedStore({ maxKeys: 0, idleMs: 1 })).toThrow(/maxKeys/);
    expect(() => createKeyedStore({ maxKeys: 1, idleMs: 1 })).toThrow(/at least 2/);
    expect(() => createKeyedStore({ maxKeys: 2, idleMs: Number.POSITIVE_INFINITY })).toThrow(/idleMs/);
  });
});
