// Hits per CPU-second on one core for each mode through the Map-based keyed store, as a ratio to a plain counter
// increment in a Map over the same keys in the same run; then bytes of state per key (encoded and on the heap).
// Run over the built dist: `pnpm build && pnpm --filter @mailroom/rate-limiter bench` (Node, --expose-gc).
import { createKeyedStore, createTieredLimiter, inboundUpdateLimit } from '../dist/index.js';

const KEYS = 1000;
const HITS = 2_000_000;
const ROUNDS = 5;
const T0 = Date.UTC(2026, 10, 22, 0, 0, 0);
const keys = Array.from({ length: KEYS }, (_, i) => `sender:user-${i}@example.com`);

// Workloads: the key of hit i is pseudo-random; time advances so that each key sees `perKeyPerHour` hits an hour.
function workload(perKeyPerHour) {
  const order = new Uint32Array(HITS);
  let x = 2463534242;
  for (let i = 0; i < HITS; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    order[i] = (x >>> 0) % KEYS;
  }
  const stepMs = 3_600_000 / (perKeyPerHour * KEYS);
  const times = new Float64Array(HITS);
  for (let i = 0; i < HITS; i++) times[i] = T0 + Math.floor(i * stepMs);
  return { order, times };
}

function measure(name, run) {
  const rates = [];
  for (let r = 0; r < ROUNDS; r++) {
    // CPU time of this process (user + system), not wall time: the machine is shared, and "per core" means
    // hits per second of CPU actually spent, whatever else runs beside.
    const started = process.cpuUsage();
    const sink = run();
    const used = process.cpuUsage(started);
    if (sink === -1) console.log('');
    rates.push(HITS / ((used.user + used.system) / 1e6));
  }
  rates.sort((a, b) => a - b);
  return { name, hitsPerSecond: rates[Math.floor(ROUNDS / 2)] };
}

function baseline({ order }) {
  // The plain counter increment: the same keys, the same Map, no limiter.
  const counters = new Map();
  return () => {
    let sink = 0;
    for (let i = 0; i < HITS; i++) {
      const key = keys[order[i]];
      const c = (counters.get(key) ?? 0) + 1;
      counters.set(key, c);
      sink += c;
    }
    return sink;
  };
}

function limited(mode, { order, times }) {
  const limiter = createTieredLimiter({ ...inboundUpdateLimit, mode });
  return () => {
    const store = createKeyedStore({ maxKeys: 10 * KEYS, idleMs: limiter.idleMs });
    let sink = 0;
    for (let i = 0; i < HITS; i++) sink += store.hit(limiter, keys[order[i]], times[i]).tier;
    return sink;
  };
}

const results = [];
for (const [label, perKeyPerHour] of process.env.BENCH_ONLY_STATE
  ? []
  : [
      ['light (10 hits/key/hour: mostly accepted, short states)', 10],
      ['loop (3600 hits/key/hour: every state full, mostly rejected)', 3600],
    ]) {
  const w = workload(perKeyPerHour);
  const base = measure('plain Map counter increment', baseline(w));
  const exact = measure('exact', limited('exact', w));
  const approximate = measure('approximate', limited('approximate', w));
  results.push({ label, base, exact, approximate });
}

const fmt = (n) => `${(n / 1e6).toFixed(2)}M`;
console.log(
  `node ${process.version}, ${HITS.toLocaleString('en')} hits over ${KEYS} keys, median of ${ROUNDS} rounds`,
);
console.log('| workload | baseline hits/s | exact hits/s (ratio) | approximate hits/s (ratio) |');
console.log('| --- | --- | --- | --- |');
for (const { label, base, exact, approximate } of results) {
  console.log(
    `| ${label} | ${fmt(base.hitsPerSecond)} | ${fmt(exact.hitsPerSecond)} (${(exact.hitsPerSecond / base.hitsPerSecond).toFixed(3)}) | ` +
      `${fmt(approximate.hitsPerSecond)} (${(approximate.hitsPerSecond / base.hitsPerSecond).toFixed(3)}) |`,
  );
}

// Bytes of state per key: the encoded string (what goes to Redis) and the heap held per key by the store.
// `spacing(i)` is the gap before hit i: regular, or irregular (pseudo-random whole ms, as real mail arrives).
const regular = (ms) => () => ms;
const irregular = (meanMs) => {
  let x = 88172645;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return 1 + ((x >>> 0) % (2 * meanMs));
  };
};
function stateAfter(mode, hits, spacing) {
  const limiter = createTieredLimiter({ ...inboundUpdateLimit, mode });
  let state;
  let t = T0;
  for (let i = 0; i < hits; i++) {
    t += spacing();
    state = limiter.hit(state, t).state;
  }
  return { limiter, state };
}
// Several synchronous major collections, so garbage of the previous measurement is really gone.
function fullGc() {
  for (let i = 0; i < 4; i++) globalThis.gc({ type: 'major', execution: 'sync' });
}
function heapPerKey(mode, hits, makeSpacing) {
  const n = 20_000;
  const limiter = createTieredLimiter({ ...inboundUpdateLimit, mode });
  const names = Array.from({ length: n }, (_, i) => `k${i}`);
  const times = [];
  const spacing = makeSpacing();
  let t = T0;
  for (let h = 0; h < hits; h++) {
    t += spacing();
    times.push(t);
  }
  fullGc();
  const before = process.memoryUsage().heapUsed;
  const store = createKeyedStore({ maxKeys: 2 * n + 2, idleMs: limiter.idleMs });
  for (const time of times) for (let i = 0; i < n; i++) store.hit(limiter, names[i], time);
  fullGc();
  const after = process.memoryUsage().heapUsed;
  if (store.stats().size !== n) throw new Error('the store lost keys: the measurement would be wrong');
  return Math.round((after - before) / n);
}
heapPerKey('exact', 1, () => regular(1)); // warm-up: one-time compilation allocations are not state
console.log('');
console.log(
  '| state (inboundUpdateLimit) | encoded bytes | heap bytes per key in the store (state + slot + Map entry) |',
);
console.log('| --- | --- | --- |');
for (const [label, hits, makeSpacing] of [
  ['1 hit', 1, () => regular(1)],
  ['20 hits, 3 min apart', 20, () => regular(180_000)],
  ['40 hits (full), 90 s apart', 40, () => regular(90_000)],
  ['40 hits (full), irregular gaps (mean 90 s)', 40, () => irregular(90_000)],
]) {
  for (const mode of ['exact', 'approximate']) {
    const { limiter, state } = stateAfter(mode, hits, makeSpacing());
    const encoded = Buffer.byteLength(limiter.encodeState(state));
    console.log(`| ${mode}, ${label} | ${encoded} | ${heapPerKey(mode, hits, makeSpacing)} |`);
  }
}
