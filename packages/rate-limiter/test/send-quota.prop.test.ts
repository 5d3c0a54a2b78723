import { fc, test } from '@fast-check/vitest';
import { createSendQuota, type TieredState } from '@mailroom/rate-limiter';
import { expect } from 'vitest';
import { maxInAnyWindow } from './oracle.js';

test.prop(
  [
    fc.integer({ min: 1, max: 15 }).chain((limit) =>
      fc.record({
        limit: fc.constant(limit),
        warnAt: fc.integer({ min: 1, max: limit }),
        windowMs: fc.constantFrom(2400, 4800),
        mode: fc.constantFrom('exact' as const, 'approximate' as const),
      }),
    ),
    fc.array(fc.record({ dt: fc.integer({ min: -500, max: 1500 }), cost: fc.integer({ min: 1, max: 3 }) }), {
      maxLength: 150,
    }),
  ],
  { numRuns: 200 },
)(
  'GMAIL-5: sends through the provider never exceed the limit in any window; warned exactly from warnAt; remaining is what is left',
  (options, steps) => {
    const quota = createSendQuota(options);
    let state: TieredState | undefined;
    let t = 0;
    let latest = Number.NEGATIVE_INFINITY;
    const sent: { time: number; cost: number; tier: number }[] = [];
    for (const { dt, cost } of steps) {
      t += dt;
      latest = Math.max(latest, t);
      const d = quota.hit(state, t, cost);
      state = d.state;
      if (d.outcome !== 'fallback') {
        sent.push({ time: latest, cost, tier: 0 });
        expect(d.outcome === 'send-and-warn').toBe(d.count >= options.warnAt);
        expect(d.count).toBeLessThanOrEqual(options.limit);
      }
      expect(d.remaining).toBe(options.limit - d.count);
    }
    expect(maxInAnyWindow(sent, options.windowMs, 0)).toBeLessThanOrEqual(options.limit);
  },
);
