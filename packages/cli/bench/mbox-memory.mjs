// Does `mailroom triage` stream mbox files? Builds two mbox files from the sample mail in examples/mail (a small
// one and one 20 times larger), triages each with the built bin, and reports ratios measured in this run:
//   - peak memory above the bin's own baseline (a one-message run) with the JS heap capped at 32 MiB, large file
//     vs small file (about 1 = streamed: a run that kept messages would exceed the cap and die);
//   - triage throughput (bytes/s) as a share of plainly reading the same file in a Node process.
// Usage: pnpm --filter @mailroom/cli bench   (after pnpm build)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = join(root, 'packages/cli/dist/bin.js');
const samplesDir = join(root, 'examples/mail');
const samples = readdirSync(samplesDir)
  .filter((f) => f.endsWith('.eml'))
  .sort()
  .map((f) => readFileSync(join(samplesDir, f), 'latin1'));

// mboxrd: From_ line, >*From lines quoted, an empty line after each message.
const entries = samples.map(
  (m) => `From support@acme.example Sat Nov 21 10:00:00 2026\n${m.replace(/^(>*From )/gm, '>$1')}\n`,
);
const tmp = mkdtempSync(join(tmpdir(), 'mailroom-bench-'));

function writeMbox(name, messages) {
  const path = join(tmp, name);
  const chunk = entries.join('');
  const copies = Math.ceil(messages / entries.length);
  writeFileSync(path, chunk.repeat(copies), 'latin1');
  return { path, messages: copies * entries.length, bytes: statSync(path).size };
}

// Printed by the child at exit: its peak resident set size in KiB. VmHWM, not resourceUsage().maxRSS: Linux
// keeps ru_maxrss across exec, so a child would report this (large) parent's peak.
const REPORT_RSS =
  'data:text/javascript,import{readFileSync}from"node:fs";process.on("exit",()=>{' +
  'const kib=/VmHWM:\\s*(\\d+)/.exec(readFileSync("/proc/self/status","utf8"))[1];' +
  'process.stderr.write("maxrss="+kib+"\\n")});';

function run(args, nodeOptions = []) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [...nodeOptions, '--import', REPORT_RSS, ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rss = Number(/maxrss=(\d+)/.exec(result.stderr)?.[1]);
  if (result.status !== 0 || !rss) throw new Error(`run failed: ${args.join(' ')}\n${result.stderr}`);
  return { seconds, rssKiB: rss };
}

const READ_ONLY =
  'const fs=require("node:fs");let n=0;fs.createReadStream(process.argv[1],{highWaterMark:1<<20}).on("data",(c)=>{n+=c.length}).on("end",()=>{if(!n)process.exit(1)});';

try {
  const small = writeMbox('small.mbox', 2_000);
  const large = writeMbox('large.mbox', 40_000);
  // With the JS heap capped at 32 MiB a run that kept messages alive would die; memory outside the heap
  // (read buffers, message copies) shows in the resident size.
  const cap = ['--max-old-space-size=32'];
  const baseline = run([bin, 'triage', '--json', join(samplesDir, '01-customer-request-outlook.eml')], cap);
  const smallRun = run([bin, 'triage', '--json', small.path], cap);
  const largeRun = run([bin, 'triage', '--json', large.path], cap);
  const largeFree = run([bin, 'triage', '--json', large.path]);
  const readRun = run(['-e', READ_ONLY, large.path]);
  const extra = (r) => Math.max(1, r.rssKiB - baseline.rssKiB);
  const mib = (kib) => (kib / 1024).toFixed(1);
  const ratio = (large.bytes / small.bytes).toFixed(0);
  console.log(`small mbox: ${small.messages} messages, ${(small.bytes / 2 ** 20).toFixed(0)} MiB`);
  console.log(
    `large mbox: ${large.messages} messages, ${(large.bytes / 2 ** 20).toFixed(0)} MiB (${ratio}x)`,
  );
  console.log(
    `peak RSS above a one-message run, JS heap capped at 32 MiB: small ${mib(extra(smallRun))} MiB, ` +
      `large ${mib(extra(largeRun))} MiB -> large/small ${(extra(largeRun) / extra(smallRun)).toFixed(2)}`,
  );
  console.log(
    `peak RSS above a one-message run, default heap (V8 grows it before collecting): large ${mib(extra(largeFree))} MiB`,
  );
  const triageRate = large.bytes / largeFree.seconds;
  const readRate = large.bytes / readRun.seconds;
  console.log(
    `throughput: triage --json runs at ${((100 * triageRate) / readRate).toFixed(0)}% of the speed of only reading the file ` +
      `(${Math.round(large.messages / largeFree.seconds).toLocaleString('en-US')} messages/s on this machine)`,
  );
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
