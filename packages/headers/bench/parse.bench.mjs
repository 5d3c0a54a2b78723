// Benchmark: parseHeaders + the structured accessors against mailparser's simpleParser on the same bytes, in
// one process, reported as a ratio; and the extra memory to parse the headers of a 50 MB message.
// Run: pnpm --filter @mailroom/headers bench   (needs ../shared/corpus/sisimai beside the repository)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  addresses,
  contentType,
  decodeEncodedWords,
  messageDate,
  messageId,
  parseHeaders,
  receivedChain,
  references,
} from '@mailroom/headers';
import { simpleParser } from 'mailparser';

const corpus = new URL('../../../../shared/corpus/sisimai/', import.meta.url).pathname;
if (!existsSync(corpus)) {
  console.error(`bench needs ${corpus} (the shared corpus beside the repository)`);
  process.exit(1);
}
const messages = readdirSync(corpus)
  .filter((f) => f.endsWith('.eml'))
  .sort()
  .map((f) => new Uint8Array(readFileSync(join(corpus, f))));

function ours(bytes) {
  const h = parseHeaders(bytes);
  const subject = h.get('subject');
  return [
    subject === undefined ? '' : decodeEncodedWords(subject),
    addresses(h, 'from'),
    addresses(h, 'to'),
    addresses(h, 'cc'),
    addresses(h, 'reply-to'),
    messageId(h),
    references(h),
    messageDate(h),
    contentType(h),
    receivedChain(h),
  ];
}

async function timeIt(fn, rounds) {
  const start = process.hrtime.bigint();
  let sink = 0;
  for (let r = 0; r < rounds; r++) for (const m of messages) sink += (await fn(m)) ? 1 : 0;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { perSecond: (rounds * messages.length) / seconds, sink };
}

// Warm up both, then alternate measurements and keep the best of three for each.
await timeIt(ours, 3);
await timeIt((m) => simpleParser(Buffer.from(m.buffer, m.byteOffset, m.byteLength)), 1);
let best = { ours: 0, mailparser: 0 };
for (let i = 0; i < 3; i++) {
  const a = await timeIt(ours, 20);
  const b = await timeIt((m) => simpleParser(Buffer.from(m.buffer, m.byteOffset, m.byteLength)), 2);
  best = { ours: Math.max(best.ours, a.perSecond), mailparser: Math.max(best.mailparser, b.perSecond) };
}
const ratio = best.ours / best.mailparser;

// Memory: headers of a 50 MB message. The body is never decoded or copied, so the extra memory is what the
// header fields themselves take.
const header = readFileSync(
  join(
    corpus,
    messages.length > 0
      ? readdirSync(corpus)
          .filter((f) => f.endsWith('.eml'))
          .sort()[0]
      : '',
  ),
);
const headerEnd = parseHeaders(new Uint8Array(header)).bodyOffset ?? header.length;
const big = new Uint8Array(50 * 1024 * 1024);
big.set(header.subarray(0, headerEnd));
big.fill(0x41, headerEnd);
for (let i = headerEnd + 76; i < big.length; i += 78) {
  big[i] = 0x0d;
  big[i + 1] = 0x0a;
}
globalThis.gc?.();
globalThis.gc?.();
const before = process.memoryUsage();
const parsed = ours(big);
const after = process.memoryUsage();
const extra = after.heapUsed - before.heapUsed + (after.arrayBuffers - before.arrayBuffers);
if (parsed.length === 0) throw new Error('unreachable');

const lines = [
  `messages: ${messages.length} (sisimai), Node ${process.version}`,
  `parseHeaders + accessors: ${Math.round(best.ours)} msg/s; mailparser simpleParser: ${Math.round(best.mailparser)} msg/s`,
  `ratio: ${ratio.toFixed(1)}x faster (floor 20x)`,
  `extra memory to parse the headers of a 50 MB message: ${(extra / 1024).toFixed(1)} KiB (floor: under 1 MiB)`,
];
console.log(lines.join('\n'));
if (ratio < 20 || extra >= 1024 * 1024) {
  console.error('below the floor');
  process.exit(1);
}
