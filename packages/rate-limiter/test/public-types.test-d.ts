// Type tests: the public types of @mailroom/rate-limiter as a consumer sees them. Compiled by `tsc -b` (the types
// gate) through tsconfig.test.json; see docs/decisions/0006-type-tests.md. The line after each
// `@ts-expect-error` must not compile.
import {
  type BucketWindowState,
  createKeyedStore,
  createMultiWindowLimiter,
  createSendQuota,
  createTieredLimiter,
  type DecodeStateResult,
  type ExactWindowState,
  gmailQuota,
  type InboundOutcome,
  inboundUpdateLimit,
  type KeyedStore,
  type Limiter,
  type LimitKey,
  type LimitKeyKind,
  limitKeyPrefixes,
  limitKeysFor,
  type MultiWindowHit,
  type MultiWindowLimiter,
  type MultiWindowState,
  outboundAutoReplyLimits,
  type SendQuota,
  type SendQuotaHit,
  type SendQuotaOptions,
  type SendQuotaOutcome,
  type StateProblem,
  senderKey,
  strictestHit,
  type TieredHit,
  type TieredLimiter,
  type TieredLimiterOptions,
  type TieredState,
  type WindowLimit,
} from '@mailroom/rate-limiter';
import { describe, expectTypeOf, test } from 'vitest';

describe('createTieredLimiter', () => {
  test('the outcome type is inferred from the tiers and carried to every hit', () => {
    const limiter = createTieredLimiter({
      windowMs: 60_000,
      tiers: [
        { upTo: 5, outcome: 'allow' },
        { upTo: 10, outcome: 'slow' },
      ],
      beyond: 'block',
    });
    expectTypeOf(limiter).toEqualTypeOf<TieredLimiter<'allow' | 'slow' | 'block'>>();
    const hit = limiter.hit(undefined, 0);
    expectTypeOf(hit).toEqualTypeOf<TieredHit<'allow' | 'slow' | 'block'>>();
    expectTypeOf(hit.outcome).toEqualTypeOf<'allow' | 'slow' | 'block'>();
    expectTypeOf(hit.state).toEqualTypeOf<TieredState>();
    expectTypeOf(hit.retryAfterMs).toEqualTypeOf<number>();
  });

  test('the inbound preset decides accept, suspend or reject', () => {
    expectTypeOf(inboundUpdateLimit).toEqualTypeOf<TieredLimiterOptions<InboundOutcome>>();
    expectTypeOf(createTieredLimiter(inboundUpdateLimit).hit(undefined, 0).outcome).toEqualTypeOf<
      'accept' | 'suspend' | 'reject'
    >();
  });

  test('options: modes are a closed union; unknown and undefined fields are refused', () => {
    createTieredLimiter({ ...inboundUpdateLimit, mode: 'approximate', buckets: 10, countBeyond: false });
    // @ts-expect-error -- not a mode
    createTieredLimiter({ ...inboundUpdateLimit, mode: 'sliding' });
    // @ts-expect-error -- not an option
    createTieredLimiter({ ...inboundUpdateLimit, burst: 3 });
    // @ts-expect-error -- exactOptionalPropertyTypes: leave mode out instead of passing undefined
    createTieredLimiter({ ...inboundUpdateLimit, mode: undefined });
    // @ts-expect-error -- windowMs is required
    createTieredLimiter({ tiers: [{ upTo: 1, outcome: 'ok' }], beyond: 'no' });
  });

  test('the state is a union narrowed by kind', () => {
    const describeState = (state: TieredState): number => {
      switch (state.kind) {
        case 'exact':
          expectTypeOf(state).toEqualTypeOf<ExactWindowState>();
          return state.times.length;
        case 'approximate':
          expectTypeOf(state).toEqualTypeOf<BucketWindowState>();
          return state.total;
        default:
          expectTypeOf(state).toBeNever();
          return state;
      }
    };
    expectTypeOf(describeState).returns.toBeNumber();
  });

  test('states are immutable values: a hit returns a new one', () => {
    const state = createTieredLimiter(inboundUpdateLimit).hit(undefined, 0).state;
    if (state.kind === 'exact') {
      // @ts-expect-error -- readonly array
      state.times.push(1);
      // @ts-expect-error -- readonly property
      state.latestMs = 0;
    }
  });
});

describe('decodeState returns a result, never throws on a bad stored string', () => {
  test('the result narrows on ok', () => {
    const limiter = createTieredLimiter(inboundUpdateLimit);
    const decoded = limiter.decodeState('garbage');
    expectTypeOf(decoded).toEqualTypeOf<DecodeStateResult<TieredState>>();
    if (decoded.ok) {
      expectTypeOf(decoded.state).toEqualTypeOf<TieredState>();
      // @ts-expect-error -- no problem on success
      decoded.problem;
    } else {
      expectTypeOf(decoded.problem).toEqualTypeOf<StateProblem>();
      // @ts-expect-error -- no state on failure
      decoded.state;
    }
    expectTypeOf<StateProblem>().toEqualTypeOf<'too-long' | 'wrong-kind' | 'malformed' | 'out-of-bounds'>();
    expectTypeOf(limiter.encodeState).returns.toBeString();
  });
});

describe('multi-window limiter and send quota', () => {
  test('multi-window hits allow or deny, with the blocking windows', () => {
    const limiter = createMultiWindowLimiter(outboundAutoReplyLimits);
    expectTypeOf(limiter).toEqualTypeOf<MultiWindowLimiter>();
    expectTypeOf(limiter.hit(undefined, 0)).toEqualTypeOf<MultiWindowHit>();
    expectTypeOf<MultiWindowHit['outcome']>().toEqualTypeOf<'allow' | 'deny'>();
    expectTypeOf<MultiWindowHit['blockedBy']>().toEqualTypeOf<readonly number[]>();
    expectTypeOf(limiter.decodeState('')).toEqualTypeOf<DecodeStateResult<MultiWindowState>>();
    expectTypeOf(limiter).toExtend<Limiter<MultiWindowState, MultiWindowHit>>();
  });

  test('send quota outcomes', () => {
    const quota = createSendQuota(gmailQuota);
    expectTypeOf(quota).toEqualTypeOf<SendQuota>();
    expectTypeOf(quota.hit(undefined, 0)).toEqualTypeOf<SendQuotaHit>();
    expectTypeOf<SendQuotaHit['outcome']>().toEqualTypeOf<SendQuotaOutcome>();
    expectTypeOf<SendQuotaOutcome>().toEqualTypeOf<'send' | 'send-and-warn' | 'fallback'>();
    expectTypeOf(gmailQuota).toEqualTypeOf<SendQuotaOptions>();
    // @ts-expect-error -- warnAt is required
    createSendQuota({ limit: 500, windowMs: 86_400_000 });
  });
});

describe('keyed store', () => {
  test('the store is typed by the state it keeps; hit returns the limiter hit type', () => {
    const limiter = createTieredLimiter(inboundUpdateLimit);
    const store = createKeyedStore<TieredState>({ maxKeys: 1000, idleMs: limiter.idleMs });
    expectTypeOf(store).toEqualTypeOf<KeyedStore<TieredState>>();
    expectTypeOf(store.get('k', 0)).toEqualTypeOf<TieredState | undefined>();
    expectTypeOf(store.hit(limiter, 'k', 0)).toEqualTypeOf<TieredHit<InboundOutcome>>();
    const multi = createMultiWindowLimiter(outboundAutoReplyLimits);
    // @ts-expect-error -- a store of tiered states cannot drive a multi-window limiter
    store.hit(multi, 'k', 0);
  });
});

describe('limit keys and presets', () => {
  test('key builders return null when there is nothing to key', () => {
    expectTypeOf(senderKey).returns.toEqualTypeOf<string | null>();
    expectTypeOf(limitKeysFor).returns.toEqualTypeOf<LimitKey[]>();
    expectTypeOf<LimitKey['kind']>().toEqualTypeOf<LimitKeyKind>();
    expectTypeOf(limitKeyPrefixes).toEqualTypeOf<Readonly<Record<LimitKeyKind, string>>>();
  });

  test('strictestHit keeps the hit type it was given', () => {
    const hits: TieredHit<InboundOutcome>[] = [];
    expectTypeOf(strictestHit(hits)).toEqualTypeOf<TieredHit<InboundOutcome> | undefined>();
  });

  test('presets and prefixes are read-only', () => {
    expectTypeOf(outboundAutoReplyLimits).toEqualTypeOf<readonly WindowLimit[]>();
    // @ts-expect-error -- readonly array
    outboundAutoReplyLimits.push({ windowMs: 1, limit: 1 });
    // @ts-expect-error -- readonly property
    gmailQuota.limit = 2000;
    // @ts-expect-error -- readonly record
    limitKeyPrefixes.sender = 's:';
    // @ts-expect-error -- readonly tiers
    inboundUpdateLimit.tiers.push({ upTo: 100, outcome: 'accept' });
  });
});
