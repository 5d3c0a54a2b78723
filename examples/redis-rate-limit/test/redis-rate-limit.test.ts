// Distributed correctness: 8 worker processes share one LOOP-6 limit per key through a real Redis server.
// Every key's journal (appended atomically with each state write, so in commit order) is replayed through a
// naive sequential oracle that stores every timestamp: the outcomes must be identical (no over-admission),
// and every one of the 10,000 hits must be in exactly one journal (nothing lost, nothing doubled).
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createTieredLimiter, inboundUpdateLimit, type TieredState } from '@mailroom/rate-limiter';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisLimiter } from '../src/index.ts';
import type { WorkerJob, WorkerReport } from '../src/worker.ts';

const { MAILROOM_REDIS_URL: url, CI } = process.env;
const inCI = Boolean(CI);
if (url === undefined && !inCI) {
  console.warn(
    '[example-redis-rate-limit] SKIPPED: MAILROOM_REDIS_URL is not set. Start a local Redis ' +
      '(apt-get install redis-server; redis-server --port 6390 --save "" --daemonize yes) and set ' +
      'MAILROOM_REDIS_URL=redis://127.0.0.1:6390. In CI (CI set) this test fails instead of skipping.',
  );
}

const WORKERS = 8;
const KEYS = 50;
const HITS = 10_000;
const T0 = Date.UTC(2026, 10, 22, 8, 0, 0);
const limiter = createTieredLimiter(inboundUpdateLimit);
const upTos = limiter.tiers.map((t) => t.upTo);

// Deterministic workload: key popularity skewed (key 0 is a loop, ~340 hits an hour; key 49 a busy human),
// one hit every 1.5 s of simulated time over about 4 hours.
function workload(): [number, string, number][] {
  let seed = 0x5eed;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length: HITS }, (_, i) => [
    i,
    `key-${Math.floor(KEYS * random() ** 2)}`,
    T0 + i * 1500,
  ]);
}

// The naive oracle: every counted hit's time kept forever, the window recounted from scratch, the same clock
// rule as the limiter (a time earlier than the latest seen is charged at the latest seen).
function oracleOutcomes(entries: readonly { nowMs: number }[]): { outcome: string; time: number }[] {
  const seen: number[] = [];
  let latest = Number.NEGATIVE_INFINITY;
  return entries.map(({ nowMs }) => {
    latest = Math.max(latest, nowMs);
    const count = seen.filter((t) => t > latest - inboundUpdateLimit.windowMs).length + 1;
    seen.push(latest);
    const tier = upTos.findIndex((u) => count <= u);
    return { outcome: tier < 0 ? 'reject' : limiter.tiers[tier]!.outcome, time: latest };
  });
}

function maxInWindow(times: readonly number[]): number {
  let best = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while (times[end]! - times[start]! >= inboundUpdateLimit.windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

function runWorker(job: WorkerJob): Promise<WorkerReport> {
  const child: ChildProcess = fork(fileURLToPath(new URL('../src/worker.ts', import.meta.url)), [], {
    // The worker is TypeScript run directly: type stripping is on by default from Node 22.18 / 23.6.
    execArgv: process.features.typescript ? [] : ['--experimental-strip-types'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    let report: WorkerReport | undefined;
    child.once('message', (m) => {
      report = m as WorkerReport;
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 && report !== undefined
        ? resolve(report)
        : reject(new Error(`worker ${job.worker} exited ${code}`)),
    );
    child.send(job);
  });
}

describe.skipIf(url === undefined && !inCI)('Redis-shared limiter (example)', () => {
  const prefix = `mailroom-test:${process.pid}:${Date.now()}:`;
  let redis: Redis;

  // Connection problems fail every test (counted as failures, never as skips), with the reason.
  let unavailable: Error | undefined;
  beforeAll(async () => {
    if (url === undefined) {
      unavailable = new Error(
        'CI is set but MAILROOM_REDIS_URL is not: scripts/services.sh should have started redis-server',
      );
      return;
    }
    redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
    redis.on('error', () => {});
    try {
      await redis.connect();
      if ((await redis.ping()) !== 'PONG') throw new Error('no PONG');
    } catch (error) {
      unavailable = new Error(`Redis at MAILROOM_REDIS_URL=${url} is unreachable: ${String(error)}`);
    }
  });
  const requireRedis = (): void => {
    if (unavailable !== undefined) throw unavailable;
  };

  afterAll(async () => {
    if (redis === undefined || redis.status !== 'ready') return;
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('LOOP-6: 8 processes hitting 50 keys 10,000 times: every key equals the sequential oracle, no hit lost', async () => {
    requireRedis();
    const hits = workload();
    const jobs: WorkerJob[] = Array.from({ length: WORKERS }, (_, worker) => ({
      url: url!,
      prefix,
      worker,
      hits: hits.filter(([i]) => i % WORKERS === worker),
    }));
    const started = Date.now();
    const reports = await Promise.all(jobs.map(runWorker));
    const elapsed = Date.now() - started;

    const reported = new Map<number, { outcome: string; attempts: number }>();
    for (const r of reports)
      for (const [i, outcome, attempts] of r.results) reported.set(i, { outcome, attempts });
    expect(reported.size).toBe(HITS);

    const shared = createRedisLimiter(redis, limiter, { prefix });
    const journaled = new Set<number>();
    const totals = new Map<string, number>();
    const keys = [...new Set(hits.map(([, key]) => key))];
    for (const key of keys) {
      const entries = (await redis.lrange(shared.journalKey(key), 0, -1)).map((line) => {
        const [tag, nowMs, cost, outcome] = line.split('|');
        return { index: Number(tag), nowMs: Number(nowMs), cost: Number(cost), outcome: outcome! };
      });
      const expected = oracleOutcomes(entries);
      entries.forEach((e, n) => {
        expect(journaled.has(e.index), `hit ${e.index} journaled twice`).toBe(false);
        journaled.add(e.index);
        expect(hits[e.index]![1]).toBe(key);
        expect(e.outcome, `${key}, entry ${n} (hit ${e.index})`).toBe(expected[n]!.outcome);
        expect(reported.get(e.index)!.outcome).toBe(e.outcome);
        totals.set(e.outcome, (totals.get(e.outcome) ?? 0) + 1);
      });
      const accepted = expected.filter((x) => x.outcome === 'accept').map((x) => x.time);
      const admitted = expected.filter((x) => x.outcome !== 'reject').map((x) => x.time);
      expect(maxInWindow(accepted)).toBeLessThanOrEqual(20);
      expect(maxInWindow(admitted)).toBeLessThanOrEqual(40);

      // The stored state is the one a single process would have after the same hits in the same order.
      let state: TieredState | undefined;
      for (const e of entries) state = limiter.hit(state, e.nowMs, e.cost).state;
      expect(await redis.get(shared.stateKey(key))).toBe(limiter.encodeState(state!));
    }
    expect(journaled.size).toBe(HITS);
    // The workload reaches every tier, so the comparison is not vacuous.
    expect(totals.get('accept')).toBeGreaterThan(500);
    expect(totals.get('suspend')).toBeGreaterThan(500);
    expect(totals.get('reject')).toBeGreaterThan(500);
    const retries = [...reported.values()].reduce((sum, r) => sum + r.attempts - 1, 0);
    console.log(
      `[example-redis-rate-limit] ${HITS} hits by ${WORKERS} processes in ${elapsed} ms; ` +
        `outcomes ${JSON.stringify(Object.fromEntries(totals))}; ${retries} compare-and-set retries after lost races`,
    );
  }, 60_000);

  it('a stored state that does not decode is replaced atomically and reported, never trusted', async () => {
    requireRedis();
    const shared = createRedisLimiter(redis, limiter, { prefix });
    await redis.set(shared.stateKey('corrupt'), 'e1.zz.not-a-state');
    const hit = await shared.hit('corrupt', T0);
    expect(hit).toMatchObject({ ok: true, outcome: 'accept', count: 1, replacedCorruptState: 'malformed' });
    expect(await redis.get(shared.stateKey('corrupt'))).toBe(
      limiter.encodeState(limiter.hit(undefined, T0).state),
    );
  });

  it('the state expires in Redis after the limiter’s idle time', async () => {
    requireRedis();
    const shared = createRedisLimiter(redis, limiter, { prefix });
    await shared.hit('ttl', T0);
    const ttl = await redis.pttl(shared.stateKey('ttl'));
    expect(ttl).toBeGreaterThan(limiter.idleMs - 60_000);
    expect(ttl).toBeLessThanOrEqual(limiter.idleMs);
  });
});
