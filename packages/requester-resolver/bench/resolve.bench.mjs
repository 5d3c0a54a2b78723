// Benchmark: resolveRequester over the headers of the sisimai corpus, against parseHeaders alone on the same
// messages, in one process, reported as ratios (never bare times).
// Run: pnpm build && pnpm --filter @mailroom/requester-resolver bench   (needs ../shared/corpus/sisimai)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHeaders } from '@mailroom/headers';
import { createRequesterResolver, resolveRequester } from '@mailroom/requester-resolver';

const corpus = new URL('../../../../shared/corpus/sisimai/', import.meta.url).pathname;
if (!existsSync(corpus)) {
  console.error(`bench needs ${corpus} (the shared corpus beside the repository)`);
  process.exit(1);
}
const files = readdirSync(corpus)
  .filter((f) => f.endsWith('.eml'))
  .sort();
const bytes = files.map((f) => new Uint8Array(readFileSync(join(corpus, f))));
const parsed = bytes.map((b) => parseHeaders(b));
const reports = bytes.map((b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1'));

// A realistic helpdesk configuration: a few support addresses with aliases, system patterns, partners, agents.
const context = {
  supportAddresses: [
    { address: 'support@acme.example', aliases: ['acme@helpdesk.example', 'help@acme.example'] },
    'billing@acme.example',
  ],
  systemAddresses: ['*@*.zendesk.com', 'noreply@atera.com', '*@ticketing.atera.com'],
  partnerAddresses: ['support@partner-desk.example'],
  agentAddresses: ['*@acme.example'],
};
const resolver = createRequesterResolver(context);
const bounceResolver = createRequesterResolver({ ...context, bounceRequester: 'final-recipient' });

const cases = {
  'parseHeaders (baseline)': () => {
    let n = 0;
    for (const b of bytes) n += parseHeaders(b).size;
    return n;
  },
  'resolveRequester (context compiled per call)': () => {
    let n = 0;
    for (const h of parsed) n += resolveRequester(h, context).ccs.length;
    return n;
  },
  'createRequesterResolver, per message': () => {
    let n = 0;
    for (const h of parsed) n += resolver(h).ccs.length;
    return n;
  },
  'createRequesterResolver + whole message as bodyText': () => {
    let n = 0;
    for (let i = 0; i < parsed.length; i++) n += resolver(parsed[i], { bodyText: reports[i] }).ccs.length;
    return n;
  },
  'bounceRequester final-recipient + whole message as reportText': () => {
    let n = 0;
    for (let i = 0; i < parsed.length; i++)
      n += bounceResolver(parsed[i], { reportText: reports[i] }).ccs.length;
    return n;
  },
};

function perSecond(fn, rounds) {
  const start = process.hrtime.bigint();
  let sink = 0;
  for (let r = 0; r < rounds; r++) sink += fn();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { rate: (rounds * bytes.length) / seconds, sink };
}

for (const fn of Object.values(cases)) perSecond(fn, 3); // warm up
// The machine is shared: measure each case right after the baseline, many times, and keep the MEDIAN of the
// per-iteration ratios (a burst of load hits both sides of one ratio instead of skewing a best-of).
const ITERATIONS = 15;
const ratios = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
const rates = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
const baselineName = 'parseHeaders (baseline)';
for (let i = 0; i < ITERATIONS; i++) {
  for (const [name, fn] of Object.entries(cases)) {
    if (name === baselineName) continue;
    const base = perSecond(cases[baselineName], 2).rate;
    const rate = perSecond(fn, 2).rate;
    ratios[name].push(rate / base);
    rates[name].push(rate);
    rates[baselineName].push(base);
  }
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
console.log(`${bytes.length} sisimai messages; median of ${ITERATIONS} paired ratios (2 passes each side)`);
console.log('| measure | messages/s relative to parseHeaders alone (median) | range of the paired ratios |');
console.log('| --- | --- | --- |');
console.log(
  `| ${baselineName} | 1.00x (median ${Math.round(median(rates[baselineName])).toLocaleString('en')} msg/s in this run) | |`,
);
for (const name of Object.keys(cases)) {
  if (name === baselineName) continue;
  const r = ratios[name];
  console.log(
    `| ${name} | ${median(r).toFixed(2)}x (median ${Math.round(median(rates[name])).toLocaleString('en')} msg/s) | ` +
      `${Math.min(...r).toFixed(2)}x–${Math.max(...r).toFixed(2)}x |`,
  );
}
// Floor: resolving a message (headers already parsed) must not cost more than 5 header parses (measured 2-3).
const ratio = median(ratios['createRequesterResolver, per message']);
if (ratio < 0.2) {
  console.error(`FAIL: resolver throughput is ${ratio.toFixed(2)}x parseHeaders, floor 0.2x`);
  process.exit(1);
}
