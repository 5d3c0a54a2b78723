// Benchmark: evaluateAuthentication (query broker, DKIM rules, ARC/upstream policy, disposition, stamp) against
// calling mailauth's per-check modules directly (dkimVerify → spf → arc → evaluateDmarc with a plain in-memory
// node-style resolver) on the same messages and DNS data, in one process, reported as a ratio of verdicts per
// second on one core. Floor: our throughput at least 0.90x the direct calls (overhead within 10%).
// Method: each measurement runs in its own child process of this script (so neither side's JIT feedback
// pollutes mailauth's call sites for the other), sides alternate, the main thread's CPU time (user + system)
// is the clock so other work on a shared machine does not count; median of the alternations.
// Run: pnpm --filter @mailroom/mail-auth bench (BENCH_ONLY=3 for the spoof case alone)
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createMemoryResolver, evaluateAuthentication, resolveAuthPolicy } from '@mailroom/mail-auth';
import { arc, sealMessage } from 'mailauth/lib/arc/index.js';
import { dkimSign } from 'mailauth/lib/dkim/sign.js';
import { dkimVerify } from 'mailauth/lib/dkim/verify.js';
import { evaluateDmarc } from 'mailauth/lib/dmarc/index.js';
import { spf } from 'mailauth/lib/spf/index.js';

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
}

// Verdicts per CPU-second of this process (user + system time), so that other work on a shared machine
// does not count against either side; both sides alternate in short batches to cancel drift.
// CPU time of the main thread (the one a verdict runs on); Node < 23.9 falls back to the whole process.
const usage =
  typeof process.threadCpuUsage === 'function'
    ? process.threadCpuUsage.bind(process)
    : process.cpuUsage.bind(process);
const cpuSeconds = (since) => {
  const used = usage(since);
  return (used.user + used.system) / 1e6;
};

/** Verdicts per CPU-second: runs batches of 50 until `seconds` of CPU time have been spent. */
async function perCpuSecond(fn, c, seconds) {
  const start = usage();
  let done = 0;
  do {
    for (let i = 0; i < 50; i++) await fn(c);
    done += 50;
  } while (cpuSeconds(start) < seconds);
  return done / cpuSeconds(start);
}

if (process.env.BENCH_SIDE) {
  // child: warm up, then measure one side on one case for two CPU-seconds
  const c = cases[Number(process.env.BENCH_CASE)];
  const fn = process.env.BENCH_SIDE === 'ours' ? ours : mailauthDirect;
  await perCpuSecond(fn, c, 1);
  process.stdout.write(String(await perCpuSecond(fn, c, 2)));
  process.exit(0);
}

const self = fileURLToPath(import.meta.url);
const env = { ...process.env, BENCH_KEYS: JSON.stringify(keys) };
const measure = (side, index) =>
  Number(
    execFileSync(process.execPath, [self], {
      env: { ...env, BENCH_SIDE: side, BENCH_CASE: String(index) },
      encoding: 'utf8',
    }),
  );
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const rows = [];
let worst = Number.POSITIVE_INFINITY;
// BENCH_ONLY=3 (or 0,3) measures only those cases, for spot checks; the default is every case.
const only = process.env.BENCH_ONLY?.split(',').map(Number);
for (const [index, c] of cases.entries()) {
  if (only !== undefined && !only.includes(index)) continue;
  const oursRuns = [];
  const directRuns = [];
  for (let round = 0; round < 5; round++) {
    directRuns.push(measure('direct', index));
    oursRuns.push(measure('ours', index));
  }
  const ratio = median(oursRuns) / median(directRuns);
  worst = Math.min(worst, ratio);
  rows.push({
    case: c.name,
    bytes: c.bytes.length,
    verdict: await ours(c),
    ratio: ratio.toFixed(3),
    'ours/cpu-s': Math.round(median(oursRuns)),
    'direct/cpu-s': Math.round(median(directRuns)),
  });
}
console.table(rows);
console.log(
  `worst ratio (evaluateAuthentication / direct mailauth calls): ${worst.toFixed(3)} (floor ${FLOOR})`,
);
if (worst < FLOOR) {
  console.error(`FAIL: overhead over 10% (ratio ${worst.toFixed(3)} < ${FLOOR})`);
  process.exit(1);
}
