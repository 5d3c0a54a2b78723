// Benchmark: decideInbound (classify + resolve + two limiter hits + fingerprint + marker checks) against its two
// most expensive parts run alone in the same process (parseHeaders + classifyMessage, and the requester
// resolver), over the sisimai corpus plus the loop mailbox. Reported as ratios, never bare times.
// Run: pnpm --filter @mailroom/loop-detector bench   (needs ../shared/corpus/sisimai beside the repository)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classifyMessage } from '@mailroom/header-classifier';
import { parseHeaders } from '@mailroom/headers';
import { createPolicy, createTriageDecider, decideInbound } from '@mailroom/loop-detector';
import { createRequesterResolver } from '@mailroom/requester-resolver';

const corpus = new URL('../../../../shared/corpus/sisimai/', import.meta.url).pathname;
if (!existsSync(corpus)) {
  console.error(`bench needs ${corpus} (the shared corpus beside the repository)`);
  process.exit(1);
}
const loop = readFileSync(new URL('../../../examples/mail/loop.mbox', import.meta.url), 'utf8')
  .split(/^From [^\n]*\n/m)
  .filter((m) => m.trim() !== '')
  .map((m) => new TextEncoder().encode(m.replace(/\n/g, '\r\n')));
const messages = [
  ...readdirSync(corpus)
    .filter((f) => f.endsWith('.eml'))
    .sort()
    .map((f) => new Uint8Array(readFileSync(join(corpus, f)))),
  ...loop,
];
const policy = createPolicy({
  supportAddresses: ['help@acme.example'],
  partnerAddresses: ['support@partner.example'],
  markerKey: new Uint8Array(32).fill(7),
});
const resolve = createRequesterResolver({
  supportAddresses: ['help@acme.example'],
  partnerAddresses: ['support@partner.example'],
});
const NOW = Date.UTC(2026, 2, 10, 9);

function time(label, fn, rounds = 5) {
  fn();
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < rounds; r++) {
    const t0 = process.hrtime.bigint();
    fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return { label, ms: best };
}

const classifyOnly = time('parseHeaders + classifyMessage', () => {
  for (const m of messages) classifyMessage(m);
});
const resolveOnly = time('parseHeaders + resolver', () => {
  for (const m of messages) resolve(parseHeaders(m));
});
const decide = time('decideInbound (no state)', () => {
  for (const m of messages) decideInbound({ headers: m, nowMs: NOW }, policy);
});
const triage = time('createTriageDecider (state kept)', () => {
  const d = createTriageDecider(policy);
  for (const m of messages) d(parseHeaders(m), m, NOW);
});
const perSecond = (r) => Math.round((messages.length / r.ms) * 1000);
console.log(`${messages.length} messages (sisimai + loop.mbox)`);
for (const r of [classifyOnly, resolveOnly, decide, triage]) {
  console.log(
    `${r.label.padEnd(36)} ${String(perSecond(r)).padStart(8)} msg/s   ${(decide.ms / r.ms).toFixed(2)}x the time of decideInbound`,
  );
}
console.log(
  `decideInbound costs ${(decide.ms / (classifyOnly.ms + resolveOnly.ms)).toFixed(2)}x classify + resolve run separately`,
);
