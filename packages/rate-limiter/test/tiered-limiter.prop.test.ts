import { fc, test } from '@fast-check/vitest';
import {
  createTieredLimiter,
  type LimiterMode,
  type TieredHit,
  type TieredState,
} from '@mailroom/rate-limiter';
import { describe, expect } from 'vitest';
import { maxInAnyWindow, TieredOracle } from './oracle.js';

// A limiter configuration small enough for fast-check to reach every tier: 1-3 tiers, windows of a few
// thousand ms split into 1-12 buckets.
const configArb = fc.record({
  buckets: fc.integer({ min: 1, max: 12 }),
  bucketMs: fc.integer({ min: 1, max: 400 }),
  upTos: fc
    .uniqueArray(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 3 })
    .map((a) => [...a].sort((x, y) => x - y)),
  countBeyond: fc.boolean(),
});
type Config = typeof configArb extends fc.Arbitrary<infer C> ? C : never;

// Time steps: mostly small forward steps (bursts), sometimes big jumps forward, sometimes the clock going back.
const stepArb = (windowMs: number) =>
  fc.record({
    dt: fc.oneof(
      { weight: 6, arbitrary: fc.integer({ min: 0, max: Math.ceil(windowMs / 8) }) },
      { weight: 2, arbitrary: fc.integer({ min: 0, max: 3 * windowMs }) },
      { weight: 2, arbitrary: fc.integer({ min: -3 * windowMs, max: 0 }) },
    ),
    cost: fc.oneof(
      { weight: 5, arbitrary: fc.constant(1) },
      { weight: 1, arbitrary: fc.integer({ min: 1, max: 4 }) },
    ),
  });

const scenarioArb = configArb.chain((config) =>
  fc.record({
    config: fc.constant(config),
    start: fc.integer({ min: -1_000_000, max: 2_000_000_000_000 }),
    steps: fc.array(stepArb(config.buckets * config.bucketMs), { maxLength: 120 }),
  }),
);

function limiterFor(config: Config, mode: LimiterMode, windowExtraMs = 0) {
  const windowMs = config.buckets * config.bucketMs + windowExtraMs;
  return createTieredLimiter({
    windowMs,
    tiers: config.upTos.map((upTo, i) => ({ upTo, outcome: `tier${i}` })),
    beyond: 'beyond',
    mode,
    countBeyond: config.countBeyond,
    ...(mode === 'approximate' ? { buckets: config.buckets } : {}),
  });
}

function times(start: number, steps: readonly { dt: number }[]): number[] {
  let t = start;
  return steps.map((s) => {
    t += s.dt;
    return t;
  });
}

const modes = ['exact', 'approximate'] as const;
const runs = { numRuns: 200 };

describe('tiered limiter against the naive oracle', () => {
  test.prop([scenarioArb], runs)(
    'LOOP-6: exact mode gives the oracle’s tier and count for every hit, whatever the clock does',
    ({ config, start, steps }) => {
      const limiter = limiterFor(config, 'exact');
      const oracle = new TieredOracle(limiter.windowMs, config.upTos, config.countBeyond);
      let state: TieredState | undefined;
      const ts = times(start, steps);
      steps.forEach((step, i) => {
        const hit = limiter.hit(state, ts[i]!, step.cost);
        const want = oracle.hit(ts[i]!, step.cost);
        expect(hit.tier).toBe(want.tier);
        expect(hit.count).toBe(Math.min(want.count - step.cost, limiter.capacity) + step.cost);
        expect((hit.state as { times: readonly number[] }).times.length).toBeLessThanOrEqual(
          limiter.capacity,
        );
        state = hit.state;
      });
    },
  );

  for (const mode of modes) {
    test.prop([scenarioArb], runs)(
      `LOOP-6 (${mode}): in every window, hits at tier <= k never exceed tiers[k].upTo, even when the clock goes back or jumps`,
      ({ config, start, steps }) => {
        const limiter = limiterFor(config, mode);
        let state: TieredState | undefined;
        let latest = Number.NEGATIVE_INFINITY;
        const hits: { time: number; cost: number; tier: number }[] = [];
        for (const [i, t] of times(start, steps).entries()) {
          const hit = limiter.hit(state, t, steps[i]!.cost);
          state = hit.state;
          // The limiter's own timeline: a time earlier than the latest seen is charged at the latest seen.
          latest = Math.max(latest, t);
          hits.push({ time: latest, cost: steps[i]!.cost, tier: hit.tier });
        }
        config.upTos.forEach((upTo, k) => {
          // A single hit whose own cost exceeds the bound is beyond, never at tier <= k.
          expect(maxInAnyWindow(hits, limiter.windowMs, k)).toBeLessThanOrEqual(upTo);
        });
      },
    );

    test.prop([scenarioArb, fc.integer({ min: 1, max: 40 }), fc.nat()], runs)(
      `LOOP-6 (${mode}): a burst at one instant gets monotonic outcomes (accept… then suspend… then reject…)`,
      ({ config, start, steps }, burst, offset) => {
        const limiter = limiterFor(config, mode);
        let state: TieredState | undefined;
        let latest = start;
        for (const [i, t] of times(start, steps).entries()) {
          state = limiter.hit(state, t, steps[i]!.cost).state;
          latest = Math.max(latest, t);
        }
        const at = latest + (offset % limiter.windowMs);
        let previous = -1;
        for (let i = 0; i < burst; i++) {
          const hit = limiter.hit(state, at);
          state = hit.state;
          expect(hit.tier).toBeGreaterThanOrEqual(previous);
          previous = hit.tier;
        }
      },
    );

    test.prop([scenarioArb, fc.array(fc.nat(), { minLength: 1, maxLength: 60 })], runs)(
      `LOOP-6 (${mode}): from no state, a burst spread over less than a window gets monotonic outcomes`,
      ({ config, start }, gaps) => {
        const limiter = limiterFor(config, mode);
        let state: TieredState | undefined;
        let previous = -1;
        let t = start;
        const span = limiter.windowMs - 1;
        for (const g of gaps) {
          t = Math.min(t + (g % (1 + Math.floor(span / gaps.length))), start + span);
          const hit = limiter.hit(state, t);
          state = hit.state;
          expect(hit.tier).toBeGreaterThanOrEqual(previous);
          previous = hit.tier;
        }
      },
    );

    test.prop([scenarioArb, fc.integer({ min: 1, max: 10_000_000 })], runs)(
      `LOOP-6 (${mode}): a hit stamped earlier than the latest time seen gets exactly what it would get at that latest time`,
      ({ config, start, steps }, back) => {
        const limiter = limiterFor(config, mode);
        let state: TieredState | undefined;
        let latest = Number.NEGATIVE_INFINITY;
        for (const [i, t] of times(start, steps).entries()) {
          state = limiter.hit(state, t, steps[i]!.cost).state;
          latest = Math.max(latest, t);
        }
        if (state === undefined) return; // no time seen yet: nothing to be late against
        const late = limiter.hit(state, latest - back);
        const onTime = limiter.hit(state, latest);
        expect(late.tier).toBe(onTime.tier);
        expect(late.count).toBe(onTime.count);
        expect(late.state).toEqual(onTime.state);
      },
    );

    test.prop([scenarioArb, fc.array(stepArb(4000), { maxLength: 40 })], runs)(
      `decodeState(encodeState(s)) behaves as s (${mode})`,
      ({ config, start, steps }, more) => {
        const limiter = limiterFor(config, mode);
        let state: TieredState | undefined;
        const ts = times(start, steps);
        steps.forEach((s, i) => {
          state = limiter.hit(state, ts[i]!, s.cost).state;
        });
        if (state === undefined) return;
        const decoded = limiter.decodeState(limiter.encodeState(state));
        if (!decoded.ok) throw new Error(`refused its own state: ${decoded.problem}`);
        let a: TieredState = state;
        let b: TieredState = decoded.state;
        let t = ts.at(-1)!;
        for (const s of more) {
          t += s.dt;
          const x: TieredHit = limiter.hit(a, t, s.cost);
          const y: TieredHit = limiter.hit(b, t, s.cost);
          expect([y.outcome, y.count, y.retryAfterMs]).toEqual([x.outcome, x.count, x.retryAfterMs]);
          expect(limiter.encodeState(y.state)).toBe(limiter.encodeState(x.state));
          a = x.state;
          b = y.state;
        }
      },
    );

    test.prop([scenarioArb], runs)(
      `retryAfterMs (${mode}) is exactly when the same hit would get the first tier again`,
      ({ config, start, steps }) => {
        const limiter = limiterFor(config, mode);
        let state: TieredState | undefined;
        for (const [i, t] of times(start, steps).entries()) {
          const hit = limiter.hit(state, t, steps[i]!.cost);
          state = hit.state;
          const wait = hit.retryAfterMs;
          if (hit.tier === 0) expect(wait).toBe(0);
          else if (Number.isFinite(wait)) {
            expect(limiter.hit(state, t + wait, steps[i]!.cost).tier).toBe(0);
            if (wait > 0) expect(limiter.hit(state, t + wait - 1, steps[i]!.cost).tier).toBeGreaterThan(0);
          } else expect(steps[i]!.cost).toBeGreaterThan(config.upTos[0]!);
        }
      },
    );
  }

  test.prop([scenarioArb.filter((s) => s.config.countBeyond)], runs)(
    'approximate mode is never more permissive than an exact window of windowMs, nor stricter than one of windowMs + windowMs/buckets',
    ({ config, start, steps }) => {
      const approximate = limiterFor(config, 'approximate');
      const bucketMs = config.bucketMs;
      const short = new TieredOracle(approximate.windowMs, config.upTos);
      const long = new TieredOracle(approximate.windowMs + bucketMs, config.upTos);
      let state: TieredState | undefined;
      for (const [i, t] of times(start, steps).entries()) {
        const cost = steps[i]!.cost;
        const hit = approximate.hit(state, t, cost);
        state = hit.state;
        const lo = short.hit(t, cost);
        const hi = long.hit(t, cost);
        expect(hit.tier).toBeGreaterThanOrEqual(lo.tier);
        expect(hit.tier).toBeLessThanOrEqual(hi.tier);
        const cap = approximate.capacity + cost;
        expect(hit.count).toBeGreaterThanOrEqual(Math.min(lo.count, cap));
        expect(hit.count).toBeLessThanOrEqual(hi.count);
      }
    },
  );
});

describe('decodeState on untrusted text', () => {
  for (const mode of modes) {
    test.prop(
      [
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.string({ unit: fc.constantFrom(...'ae1.0*9z-'.split('')), maxLength: 80 }),
          fc
            .array(
              fc.oneof(
                fc.constant(''),
                fc.nat().map((n) => n.toString(36)),
              ),
              { maxLength: 20 },
            )
            .map((a) => `${mode === 'exact' ? 'e1' : 'a1'}.${a.join('.')}`),
        ),
        fc.integer({ min: -1e13, max: 1e13 }),
      ],
      { numRuns: 300 },
    )(`never throws, and what it accepts is a state the limiter can hit (${mode})`, (text, now) => {
      const limiter = limiterFor(
        { buckets: 10, bucketMs: 360_000, upTos: [20, 40], countBeyond: true },
        mode,
      );
      const decoded = limiter.decodeState(text);
      if (decoded.ok) {
        const hit = limiter.hit(decoded.state, now);
        expect(typeof limiter.encodeState(hit.state)).toBe('string');
        expect(limiter.decodeState(limiter.encodeState(decoded.state))).toEqual(decoded);
      } else expect(['too-long', 'wrong-kind', 'malformed', 'out-of-bounds']).toContain(decoded.problem);
    });
  }
});
