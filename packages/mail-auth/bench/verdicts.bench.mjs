// Benchmark: evaluateAuthentication (query broker, DKIM rules, ARC/upstream policy, disposition, stamp) against
// calling mailauth's per-check modules directly (dkimVerify → spf → arc → evaluateDmarc with a plain in-memory
// node-style resolver) on the same messages and DNS data, reported as a ratio of verdicts per CPU-second on one
// core. Floor: our throughput at least 0.90x the direct calls (overhead within 10%).
//
// Method. This machine's speed for allocation-heavy work drifts in phases of seconds (a fixed Map-building loop
// swings 11k–20k ops per half CPU-second in one process), so two sides measured one after the other differ by
// as much as the effect measured. Both sides therefore run in ONE process, interleaved in short batches (about
// 40 ms each, order swapped every round, a minor GC between batches so neither pays for the other's garbage),
// and the ratio comes from the CPU time each side used. Each side has its own copy of mailauth's modules (the
// CommonJS cache is cleared between loads), so neither side's JIT feedback reaches the other's call sites; the
// test fixtures are signed with a third copy. Five such processes per case; the reported ratio is their median
// and the spread is shown.
// Run: pnpm --filter @mailroom/mail-auth bench (BENCH_ONLY=3 for the spoof case alone)
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

// mailauth is CommonJS: every require() after the cache is cleared gives a new copy of its modules (and of
// their dependencies), with its own functions and so its own JIT feedback. Nothing here imports mailauth
// statically: an ESM import would be shared with @mailroom/mail-auth's own.
const require = createRequire(import.meta.url);
function forgetDependencies() {
  for (const key of Object.keys(require.cache)) if (key.includes('/node_modules/')) delete require.cache[key];
}
function freshMailauth() {
  forgetDependencies();
  return {
    ...require('mailauth/lib/arc/index.js'),
    ...require('mailauth/lib/dkim/sign.js'),
    ...require('mailauth/lib/dkim/verify.js'),
    ...require('mailauth/lib/dmarc/index.js'),
    ...require('mailauth/lib/spf/index.js'),
  };
}
const { dkimSign, sealMessage } = freshMailauth(); // signs the fixtures only
const directCopy = freshMailauth(); // the direct side
// BENCH_CONTROL=1: an A/A run, the direct calls against themselves on another copy of mailauth in place of ours
// (the ratio it prints is the method's own bias, expected 1.00).
const controlCopy = process.env.BENCH_CONTROL === '1' ? freshMailauth() : null;
forgetDependencies();
// our side: loads its own copy of mailauth through its ESM imports
const { createMemoryResolver, evaluateAuthentication, resolveAuthPolicy } = await import(
  '@mailroom/mail-auth'
);

const SIGN_TIME = new Date('2026-03-02T09:15:00Z');
const NOW = new Date('2026-03-02T09:16:30Z');
const FLOOR = 0.9;

// Keys are made once by the parent and handed to the children, so every child verifies the same messages.
const rsaOptions = {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
};
const edOptions = {
  publicKeyEncoding: { type: 'spki', format: 'der' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
};
const keys = process.env.BENCH_KEYS
  ? JSON.parse(process.env.BENCH_KEYS)
  : (() => {
      const e = generateKeyPairSync('ed25519', edOptions);
      return {
        rsa: generateKeyPairSync('rsa', rsaOptions),
        ed: { privateKey: e.privateKey, publicKey: Buffer.from(e.publicKey).toString('base64') },
        fwd: generateKeyPairSync('rsa', rsaOptions),
      };
    })();
const { rsa, fwd } = keys;
const ed = { privateKey: keys.ed.privateKey, publicKey: Buffer.from(keys.ed.publicKey, 'base64') };
const p = (pem) => pem.replace(/-----[^-]+-----|\s/g, '');

const zone = {
  'rsa2026._domainkey.example.com': { TXT: [`v=DKIM1; k=rsa; p=${p(rsa.publicKey)}`] },
  'ed2026._domainkey.example.com': {
    TXT: [`v=DKIM1; k=ed25519; p=${ed.publicKey.subarray(-32).toString('base64')}`],
  },
  'arc2026._domainkey.forwarder.test': { TXT: [`v=DKIM1; k=rsa; p=${p(fwd.publicKey)}`] },
  'example.com': { TXT: ['v=spf1 include:_spf.example.net -all'] },
  '_spf.example.net': { TXT: ['v=spf1 ip4:192.0.2.0/24 -all'] },
  'forwarder.test': { TXT: ['v=spf1 ip4:198.51.100.0/24 -all'] },
  '_dmarc.example.com': { TXT: ['v=DMARC1; p=reject; rua=mailto:dmarc@example.com'] },
};

// The direct baseline's resolver: the node:dns contract, from the same zone.
const nodeStyle = (name, type) => {
  const entry = zone[String(name).toLowerCase()];
  const fail = (code) => Promise.reject(Object.assign(new Error(code), { code }));
  if (entry === undefined) return fail('ENOTFOUND');
  const records = entry[type];
  if (!records || records.length === 0) return fail('ENODATA');
  return Promise.resolve(type === 'TXT' ? records.map((r) => [r]) : records);
};

const paragraph =
  'Hello team, the invoice we received this morning lists the annual plan twice; our finance department needs a corrected copy before the end of the quarter. ';
function message(kb, subject) {
  const text = paragraph.repeat(Math.ceil((kb * 512) / paragraph.length));
  const html = `<html><body><p>${text}</p></body></html>`;
  return (
    'From: Alice Example <alice@example.com>\r\nTo: Example Support <support@helpdesk.example>\r\n' +
    `Subject: ${subject}\r\nDate: Mon, 2 Mar 2026 10:14:51 +0100\r\nMessage-ID: <${subject.length}.bench@example.com>\r\n` +
    'Received: from mail.example.com (mail.example.com [192.0.2.10]) by mx.helpdesk.example with ESMTPS; Mon, 2 Mar 2026 09:15:02 +0000\r\n'.repeat(
      6,
    ) +
    'MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary="b1"\r\n\r\n' +
    `--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${text}\r\n--b1\r\nContent-Type: text/html; charset=utf-8\r\n\r\n${html}\r\n--b1--\r\n`
  );
}
async function signed(raw, selector, privateKey) {
  const out = await dkimSign(Buffer.from(raw), {
    signTime: SIGN_TIME,
    canonicalization: 'relaxed/relaxed',
    signatureData: [{ signingDomain: 'example.com', selector, privateKey }],
  });
  return Buffer.concat([Buffer.from(out.signatures), Buffer.from(raw)]);
}

const direct = {
  clientIp: '192.0.2.10',
  helo: 'mail.example.com',
  mailFrom: 'bounces@example.com',
  rcptTo: ['support@helpdesk.example'],
};
const list = {
  clientIp: '198.51.100.5',
  helo: 'lists.forwarder.test',
  mailFrom: 'list-bounces@forwarder.test',
  rcptTo: ['support@helpdesk.example'],
};
const spoof = {
  clientIp: '203.0.113.66',
  helo: 'vps.hosting.test',
  mailFrom: 'bounce@hosting.test',
  rcptTo: ['support@helpdesk.example'],
};
const listed = Buffer.from(
  (await signed(message(4, 'Invoice charged twice'), 'rsa2026', rsa.privateKey))
    .toString()
    .replace('Subject: ', 'Subject: [support] '),
);
const cases = [
  {
    name: '~4 KB, rsa-sha256',
    bytes: await signed(message(4, 'Invoice charged twice'), 'rsa2026', rsa.privateKey),
    envelope: direct,
  },
  {
    name: '~16 KB, ed25519-sha256',
    bytes: await signed(message(16, 'Quarterly report attached'), 'ed2026', ed.privateKey),
    envelope: direct,
  },
  {
    name: '~4 KB list forward, ARC sealed',
    bytes: Buffer.concat([
      await sealMessage(listed, {
        signingDomain: 'forwarder.test',
        selector: 'arc2026',
        privateKey: fwd.privateKey,
        authResults: 'forwarder.test; dkim=pass header.d=example.com; dmarc=pass header.from=example.com',
        cv: 'none',
        signTime: SIGN_TIME,
      }),
      listed,
    ]),
    envelope: list,
  },
  { name: '~4 KB unsigned spoof', bytes: Buffer.from(message(4, 'Urgent wire transfer')), envelope: spoof },
];

const policy = resolveAuthPolicy({
  authservId: 'mx.helpdesk.example',
  mode: 'native',
  trustedArcSealers: ['forwarder.test'],
  protectedDomains: ['helpdesk.example'],
});
const resolver = createMemoryResolver(zone);
async function ours(c) {
  const v = await evaluateAuthentication(
    { message: c.bytes, envelope: c.envelope, route: 'native', now: NOW },
    policy,
    resolver,
  );
  return v.disposition;
}
const directCalls = ({ dkimVerify, spf, arc, evaluateDmarc }) =>
  async function mailauthDirect(c) {
    const d = await dkimVerify(c.bytes, {
      resolver: nodeStyle,
      minBitLength: 1024,
      rejectRsaSha1: true,
      curTime: NOW,
      strict: true,
    });
    const s = await spf({
      ip: c.envelope.clientIp,
      sender: c.envelope.mailFrom,
      helo: c.envelope.helo,
      mta: 'mx.helpdesk.example',
      resolver: nodeStyle,
      strict: true,
    });
    const a = await arc(d.arc ?? { chain: false }, {
      resolver: nodeStyle,
      minBitLength: 1024,
      strict: true,
      ip: c.envelope.clientIp,
    });
    const m = await evaluateDmarc({
      headerFrom: d.headerFrom,
      fromFields: d.fromFields,
      spfDomains: s.status.result === 'pass' ? [s.domain] : [],
      dkimDomains: d.results
        .filter((r) => r.status.result === 'pass')
        .map((r) => ({ domain: r.signingDomain, underSized: r.status.underSized })),
      arcResult: a,
      resolver: nodeStyle,
      strict: true,
    });
    return m.response ? m.response.status.result : 'skipped';
  };
const mailauthDirect = directCalls(directCopy);
const secondSide = controlCopy === null ? ours : directCalls(controlCopy);

// CPU time of the main thread (the one a verdict runs on); Node < 23.9 falls back to the whole process.
const usage =
  typeof process.threadCpuUsage === 'function'
    ? process.threadCpuUsage.bind(process)
    : process.cpuUsage.bind(process);
const cpuMicros = () => {
  const u = usage();
  return u.user + u.system;
};
const minorGc = () => globalThis.gc?.({ type: 'minor' });

/** Runs n verdicts of one side; returns the CPU microseconds they took (after a minor GC, untimed). */
async function batch(fn, c, n) {
  minorGc();
  const start = cpuMicros();
  for (let i = 0; i < n; i++) await fn(c);
  return cpuMicros() - start;
}

/**
 * One process: warm both sides up, then alternate batches until `seconds` of CPU time are spent. The CPU clock
 * ticks in steps of a few milliseconds; over many batches its error averages out.
 */
async function interleaved(c, seconds) {
  const sides = [
    { fn: mailauthDirect, n: 0, micros: 0 },
    { fn: secondSide, n: 0, micros: 0 },
  ];
  // warm-up, and a batch size of about 40 ms at the two sides' mean speed
  let warmRounds = 0;
  let warmMicros = 0;
  while (warmMicros < 1.5e6) {
    for (const side of sides) warmMicros += await batch(side.fn, c, 20);
    warmRounds += 1;
  }
  const per = Math.max(5, Math.round((40_000 * 2 * 20 * warmRounds) / warmMicros));
  // ratio of each block of ten rounds, from the sides' totals at its start and end
  const blocks = [];
  const snapshot = () => sides.map((side) => ({ n: side.n, micros: side.micros }));
  let start = snapshot();
  const blockRate = (i) => (sides[i].n - start[i].n) / (sides[i].micros - start[i].micros);
  for (let round = 0; sides[0].micros + sides[1].micros < seconds * 1e6; round++) {
    const order = round % 2 === 0 ? sides : [sides[1], sides[0]];
    for (const side of order) {
      side.micros += await batch(side.fn, c, per);
      side.n += per;
    }
    if (round % 10 === 9) {
      blocks.push(blockRate(1) / blockRate(0));
      start = snapshot();
    }
  }
  const rate = (side) => (side.n / side.micros) * 1e6;
  return { direct: rate(sides[0]), ours: rate(sides[1]), ratio: rate(sides[1]) / rate(sides[0]), blocks };
}

if (process.env.BENCH_CASE) {
  // child: one case, both sides interleaved
  const result = await interleaved(
    cases[Number(process.env.BENCH_CASE)],
    Number(process.env.BENCH_SECONDS ?? 8),
  );
  process.stdout.write(JSON.stringify(result));
  process.exit(0);
}

const self = fileURLToPath(import.meta.url);
const env = { ...process.env, BENCH_KEYS: JSON.stringify(keys) };
const measure = (index) =>
  JSON.parse(
    execFileSync(process.execPath, ['--expose-gc', self], {
      env: { ...env, BENCH_CASE: String(index) },
      encoding: 'utf8',
    }),
  );
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const PROCESSES = Number(process.env.BENCH_PROCESSES ?? 5);

const rows = [];
let worst = Number.POSITIVE_INFINITY;
// BENCH_ONLY=3 (or 0,3) measures only those cases, for spot checks; the default is every case.
const only = process.env.BENCH_ONLY?.split(',').map(Number);
for (const [index, c] of cases.entries()) {
  if (only !== undefined && !only.includes(index)) continue;
  const runs = [];
  for (let p = 0; p < PROCESSES; p++) runs.push(measure(index));
  const ratios = runs.map((r) => r.ratio);
  const blocks = runs.flatMap((r) => r.blocks).sort((a, b) => a - b);
  const ratio = median(ratios);
  worst = Math.min(worst, ratio);
  rows.push({
    case: c.name,
    bytes: c.bytes.length,
    verdict: await ours(c),
    ratio: ratio.toFixed(3),
    'per process': ratios.map((r) => r.toFixed(3)).join(' '),
    'blocks p10–p90': `${blocks[Math.floor(blocks.length * 0.1)].toFixed(2)}–${blocks[Math.floor(blocks.length * 0.9)].toFixed(2)}`,
    'ours/cpu-s': Math.round(median(runs.map((r) => r.ours))),
    'direct/cpu-s': Math.round(median(runs.map((r) => r.direct))),
  });
}
if (controlCopy !== null)
  console.log('A/A control: the direct calls against themselves (a second copy of mailauth)');
console.table(rows);
console.log(
  `worst ratio (evaluateAuthentication / direct mailauth calls): ${worst.toFixed(3)} (floor ${FLOOR})`,
);
if (worst < FLOOR) {
  console.error(`FAIL: overhead over 10% (ratio ${worst.toFixed(3)} < ${FLOOR})`);
  process.exit(1);
}
