// The MIME walker against mailparser on the sisimai corpus: parseHeaders + textBody + attachedMessages (what the
// CLI computes for the requester resolver) vs simpleParser's text, in one process, process CPU time, best of 5
// interleaved rounds. Prints a ratio, never bare times as the result. Run: pnpm --filter @mailroom/headers bench:mime
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { attachedMessages, parseHeaders, textBody } from '@mailroom/headers';
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
let sink = 0;
const cpuMs = (since) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
};
const ours = () => {
  for (const m of messages) {
    const headers = parseHeaders(m);
    sink += textBody(m, headers).length + attachedMessages(m, headers).length;
  }
};
const theirs = async () => {
  for (const m of messages) sink += ((await simpleParser(Buffer.from(m))).text ?? '').length;
};
for (let w = 0; w < 5; w++) ours();
await theirs();
const a = [];
const b = [];
for (let r = 0; r < 5; r++) {
  let since = process.cpuUsage();
  ours();
  a.push(cpuMs(since));
  since = process.cpuUsage();
  await theirs();
  b.push(cpuMs(since));
}
const best = (xs) => Math.min(...xs);
console.log(
  `parseHeaders + textBody + attachedMessages vs simpleParser (text): ${(best(b) / best(a)).toFixed(1)}x faster ` +
    `(${messages.length} messages, best of 5 rounds, process CPU time; sink ${sink % 7})`,
);
