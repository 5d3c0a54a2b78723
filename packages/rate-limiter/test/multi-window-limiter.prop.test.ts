import { fc, test } from '@fast-check/vitest';
import { createMultiWindowLimiter, type MultiWindowState } from '@mailroom/rate-limiter';
import { expect } from 'vitest';
import { MultiWindowOracle, maxInAnyWindow } from './oracle.js';

const windowsArb = fc.array(
  fc.record({ windowMs: fc.integer({ min: 1, max: 5000 }), limit: fc.integer({ min: 1, max: 12 }) }),
  { minLength: 1, maxLength: 3 },
);
const stepsArb = fc.array(
  fc.record({
    dt: fc.oneof(
      { weight: 6, arbitrary: fc.integer({ min: 0, max: 400 }) },
      { weight: 2, arbitrary: fc.integer({ min: 0, max: 12_000 }) },
      { weight: 2, arbitrary: fc.integer({ min: -12_000, max: 0 }) },
    ),
    cost: fc.integer({ min: 1, max: 3 }),
  }),
  { maxLength: 120 },
);

test.prop([windowsArb, fc.integer({ min: -1e6, max: 2e12 }), stepsArb], { numRuns: 200 })(
  'LOOP-8: every hit is allowed exactly when the naive oracle allows it, and no window ever holds more than its limit',
  (windows, start, steps) => {
    const limiter = createMultiWindowLimiter(windows);
    const oracle = new MultiWindowOracle(windows);
    let state: MultiWindowState | undefined;
    let t = start;
    let latest = Number.NEGATIVE_INFINITY;
    const allowed: { time: number; cost: number; tier: number }[] = [];
    for (const { dt, cost } of steps) {
      t += dt;
      latest = Math.max(latest, t);
      const hit = limiter.hit(state, t, cost);
      const want = oracle.hit(t, cost);
      expect(hit.outcome === 'allow').toBe(want.allowed);
      expect(hit.counts).toEqual(want.counts);
      if (hit.outcome === 'allow') allowed.push({ time: latest, cost, tier: 0 });
      else if (Number.isFinite(hit.retryAfterMs)) {
        expect(limiter.hit(hit.state, t + hit.retryAfterMs, cost).outcome).toBe('allow');
        if (hit.retryAfterMs > 0)
          expect(limiter.hit(hit.state, t + hit.retryAfterMs - 1, cost).outcome).toBe('deny');
      }
      state = hit.state;
    }
    for (const w of windows) expect(maxInAnyWindow(allowed, w.windowMs, 0)).toBeLessThanOrEqual(w.limit);
    if (state !== undefined) {
      expect(limiter.decodeState(limiter.encodeState(state))).toEqual({ ok: true, state });
    }
  },
);
