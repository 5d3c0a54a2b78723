// Benchmark over the sisimai corpus (563 real messages): classify an already-parsed HeaderList, and parse +
// classify from raw bytes, against mailparser's simpleParser alone on the same bytes, in the same process.
// Prints ratios (never bare times as the result). Run: pnpm --filter @mailroom/header-classifier bench
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { classifyMessage } from '@mailroom/header-classifier';
import { parseHeaders } from '@mailroom/headers';
import { simpleParser } from 'mailparser';

const corpus = fileURLToPath(new URL('../../../../shared/corpus/sisimai/', import.meta.url));
if (!existsSync(corpus)) {
  console.log(`sisimai corpus not found at ${corpus}: nothing to benchmark (it lives in ../shared/corpus).`);
  process.exit(0);
}
const messages = readdirSync(corpus)
  .filter((f) => f.endsWith('.eml'))
  .sort()
  .map((f) => new Uint8Array(readFileSync(corpus + f)));
const bytes = messages.reduce((n, m) => n + m.length, 0);
const parsed = messages.map((m) => {
  const headers = parseHeaders(m);
  return { headers, body: m.subarray(headers.bodyOffset ?? m.length) };
});

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// CPU time of this process (user + system), not wall time: the machine is shared, and waiting for a core is not
// work. Both contenders are CPU-bound (mailparser does no I/O on in-memory bytes), so the ratio stays fair.
const cpuMs = (since) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
};
function timeSync(fn, repeat) {
  const start = process.cpuUsage();
  for (let r = 0; r < repeat; r++) fn();
  return cpuMs(start) / repeat;
}
async function timeAsync(fn) {
  const start = process.cpuUsage();
  await fn();
  return cpuMs(start);
}

let sink = 0;
const classifyParsed = () => {
  for (const p of parsed) sink += classifyMessage(p.headers, { body: p.body }).categories.length;
};
const classifyParsedHeadersOnly = () => {
  for (const p of parsed) sink += classifyMessage(p.headers).categories.length;
};
const parseAndClassify = () => {
  for (const m of messages) sink += classifyMessage(m).categories.length;
};
const mailparser = async () => {
  for (const m of messages) sink += (await simpleParser(Buffer.from(m))).headers.size;
};

// Rounds interleave the contenders (so that load changes on a shared machine hit both alike), each after a
// full GC when run with --expose-gc (as the bench script does), so one contender's garbage is not billed to the other.
const gc = globalThis.gc ?? (() => {});
const a = [];
const b = [];
const c = [];
const d = [];
for (let w = 0; w < 20; w++) {
  classifyParsed();
  classifyParsedHeadersOnly();
  parseAndClassify();
}
for (let w = 0; w < 3; w++) await mailparser();
for (let r = 0; r < ROUNDS; r++) {
  gc();
  a.push(timeSync(classifyParsed, 5));
  gc();
  b.push(timeSync(classifyParsedHeadersOnly, 5));
  gc();
  c.push(timeSync(parseAndClassify, 5));
  gc();
  d.push(await timeAsync(mailparser));
}
const best = (xs) => Math.min(...xs);
const ratio = (pick, mine) => pick(d) / pick(mine);
console.log(
  `corpus: ${messages.length} messages, ${(bytes / 1024).toFixed(0)} KiB, ${ROUNDS} interleaved rounds, process CPU time`,
);
console.log('measure (simpleParser alone = 1)                                best-of   median');
const row = (label, mine) =>
  console.log(
    `${label.padEnd(64)} ${ratio(best, mine).toFixed(1).padStart(6)}x ${ratio(median, mine).toFixed(1).padStart(7)}x`,
  );
row('parse + classify from raw bytes', c);
row('classify a parsed HeaderList with its body', a);
row('classify a parsed HeaderList, headers only', b);
console.log(
  `(best per message: parse+classify ${((best(c) * 1000) / messages.length).toFixed(1)} µs, simpleParser ${((best(d) * 1000) / messages.length).toFixed(1)} µs; sink ${sink % 7})`,
);
// The floor is checked on best-of rounds, the convention of the headers benchmark (docs/performance.md): the
// least-disturbed round of each contender on a shared machine. Medians are printed alongside.
if (ratio(best, c) < 15) {
  console.error('FLOOR MISSED: parse+classify must be at least 15x faster than simpleParser alone');
  process.exitCode = 1;
}
