// Does `mailroom triage` stream mbox files? Builds two mbox files from the sample mail in examples/mail (a small
// one and one 20 times larger), triages each with the built bin, and reports ratios measured in this run:
//   - the live memory of the run (JS heap and ArrayBuffers after a full GC, sampled every 100 ms; the peak),
//     large file vs small file: about 1 means nothing is kept per message;
//   - triage throughput (bytes/s) as a share of plainly reading the same file in a Node process.
// Resident size is not used: V8 lets garbage pile up before collecting, and on a loaded machine its background
// GC threads fall behind, so RSS measures the machine more than the program.
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

// Preloaded into the child: a full GC every 100 ms, then the live JS heap and ArrayBuffer bytes; the peaks are
// printed at exit (bytes).
const REPORT_LIVE =
  'data:text/javascript,let h=0,b=0;const t=setInterval(()=>{gc();const m=process.memoryUsage();' +
  'h=Math.max(h,m.heapUsed);b=Math.max(b,m.arrayBuffers)},100);t.unref();' +
  'process.on("exit",()=>{gc();const m=process.memoryUsage();h=Math.max(h,m.heapUsed);b=Math.max(b,m.arrayBuffers);' +
  'process.stderr.write("live="+h+" buffers="+b+"\\n")});';

function run(args, measure = true) {
  const started = process.hrtime.bigint();
  const preload = measure ? ['--expose-gc', '--import', REPORT_LIVE] : [];
  const result = spawnSync(process.execPath, [...preload, ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const m = /live=(\d+) buffers=(\d+)/.exec(result.stderr);
  if (result.status !== 0 || (measure && !m))
    throw new Error(`run failed: ${args.join(' ')}\n${result.stderr}`);
  return { seconds, live: Number(m?.[1] ?? 0), buffers: Number(m?.[2] ?? 0) };
}

const READ_ONLY =
  'const fs=require("node:fs");let n=0;fs.createReadStream(process.argv[1],{highWaterMark:1<<20}).on("data",(c)=>{n+=c.length}).on("end",()=>{if(!n)process.exit(1)});';

try {
  const small = writeMbox('small.mbox', 2_000);
  const large = writeMbox('large.mbox', 40_000);
  const smallRun = run([bin, 'triage', '--json', small.path]);
  const largeRun = run([bin, 'triage', '--json', large.path]);
  const timed = run([bin, 'triage', '--json', large.path], false); // no GC every 100 ms in the way
  const readRun = run(['-e', READ_ONLY, large.path], false);
  const mib = (bytes) => (bytes / 2 ** 20).toFixed(1);
  const total = (r) => r.live + r.buffers;
  console.log(`small mbox: ${small.messages} messages, ${mib(small.bytes)} MiB`);
  console.log(
    `large mbox: ${large.messages} messages, ${mib(large.bytes)} MiB (${(large.bytes / small.bytes).toFixed(0)}x)`,
  );
  console.log(
    `peak live memory (heap + ArrayBuffers after GC): small ${mib(total(smallRun))} MiB, large ${mib(total(largeRun))} MiB` +
      ` -> large/small ${(total(largeRun) / total(smallRun)).toFixed(2)}`,
  );
  const triageRate = large.bytes / timed.seconds;
  const readRate = large.bytes / readRun.seconds;
  console.log(
    `throughput: triage --json runs at ${((100 * triageRate) / readRate).toFixed(0)}% of the speed of only reading the file ` +
      `(${Math.round(large.messages / timed.seconds).toLocaleString('en-US')} messages/s on this machine)`,
  );
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
