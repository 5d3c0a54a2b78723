// Run by scripts/packed-smoke.mjs, copied into a directory where every packed @mailroom tarball is installed and
// run there with plain `node`, so every `import '@mailroom/...'` below resolves to what npm users get.
// Usage (there): node smoke.mjs <repo root> '<JSON [{ dir, name }]>'
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [root, packagesJson] = process.argv.slice(2);
if (root === undefined || packagesJson === undefined)
  throw new Error('usage: node smoke.mjs <repo root> <packages JSON>');
const packages = JSON.parse(packagesJson);
let failures = 0;

async function check(title, fn) {
  try {
    await fn();
    process.stdout.write(`  ok    ${title}\n`);
  } catch (error) {
    failures += 1;
    process.stdout.write(
      `  FAIL  ${title}\n        ${String(error?.stack ?? error)
        .split('\n')
        .slice(0, 3)
        .join('\n        ')}\n`,
    );
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

function same(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}

// The names `src/index.ts` exports: it lists every export by name (STYLE.md), as `export { a, b as c } from
// './x.js'` and `export type { T } from './x.js'`. `values` have a run-time value; `all` adds the types.
function sourceExports(dir) {
  const text = readFileSync(join(root, 'packages', dir, 'src', 'index.ts'), 'utf8');
  const values = [];
  const all = [];
  for (const match of text.matchAll(/export\s+(type\s+)?\{([^}]*)\}/g)) {
    for (const entry of (match[2] ?? '').split(',')) {
      const spec = entry.replace(/\/\/[^\n]*/g, '').trim();
      if (spec === '') continue;
      const alias = spec.replace(/^type\s+/, '').split(/\s+as\s+/);
      const name = (alias[1] ?? alias[0]).trim();
      all.push(name);
      if (match[1] === undefined && !spec.startsWith('type ')) values.push(name);
    }
  }
  assert(!/export\s*\*/.test(text), `packages/${dir}/src/index.ts uses export *: list exports by name`);
  assert(
    !/export\s+(const|function|class|let|enum)\b/.test(text),
    `packages/${dir}/src/index.ts declares values`,
  );
  return { values: values.sort(), all: all.sort() };
}

function hasLibrary(dir) {
  try {
    readFileSync(join(root, 'packages', dir, 'src', 'index.ts'));
    return true;
  } catch {
    return false;
  }
}

// 1. Every package: the installed module exports exactly the names src/index.ts lists and the repo's dist has,
//    and each is defined (a file missing from `files` or a broken export map fails the import or the set).
for (const { dir, name } of packages) {
  if (!hasLibrary(dir)) continue;
  await check(`${name}: installed exports = src/index.ts exports = repo dist/index.js exports`, async () => {
    const expected = sourceExports(dir).values;
    assert(expected.length > 0, `packages/${dir}/src/index.ts has no value export`);
    const repoDist = await import(pathToFileURL(join(root, 'packages', dir, 'dist', 'index.js')).href);
    same(Object.keys(repoDist).sort(), expected, `${name} repo dist/index.js vs src/index.ts`);
    const installed = await import(name);
    same(Object.keys(installed).sort(), expected, `${name} installed vs src/index.ts`);
    const undefinedNames = expected.filter((n) => installed[n] === undefined);
    same(undefinedNames, [], `${name} exports that are undefined`);
  });
}

// 2. Types: every name src/index.ts exports, types included, imports from the installed packages' .d.ts, for a
//    strict consumer that type-checks libraries too (skipLibCheck off), compiled by the repository's tsc.
await check(
  'types: every export of every package imports from the installed .d.ts (strict, skipLibCheck off)',
  () => {
    const lines = [];
    packages.forEach(({ dir, name }, i) => {
      if (!hasLibrary(dir)) return;
      const names = sourceExports(dir).all;
      // Importing a name the .d.ts does not export is an error (TS2305); aliases keep packages' names apart.
      lines.push(`import type { ${names.map((n) => `${n} as P${i}_${n}`).join(', ')} } from '${name}';`);
    });
    lines.push('export {};');
    writeFileSync('exports.ts', `${lines.join('\n')}\n`);
    writeFileSync(
      'tsconfig.json',
      JSON.stringify({
        compilerOptions: {
          target: 'es2023',
          lib: ['es2023', 'dom'],
          module: 'nodenext',
          moduleResolution: 'nodenext',
          types: [],
          strict: true,
          exactOptionalPropertyTypes: true,
          noEmit: true,
          skipLibCheck: false,
        },
        files: ['exports.ts'],
      }),
    );
    const tsc = spawnSync(join(root, 'node_modules', '.bin', 'tsc'), ['-p', '.'], { encoding: 'utf8' });
    same(tsc.status, 0, `tsc exit code\n${tsc.stdout}${tsc.stderr}`);
  },
);

// 3. One real call per package, on realistic input.
const outOfOffice = [
  'Return-Path: <>',
  'Received: from EUR03-DBA-obe.outbound.protection.outlook.com (mail-dbaeur03on2102.outbound.protection.outlook.com [40.107.104.102])',
  '\tby mx1.acme.example (Postfix) with ESMTPS id 4CkW0s5Lq8z9sQ3',
  '\tfor <support@acme.example>; Tue, 17 Nov 2026 09:02:18 +0000 (UTC)',
  'From: Marcus Lindgren <marcus.lindgren@northwind.example>',
  'To: Acme Support <support@acme.example>',
  'Subject: Automatic reply: [#4819] Label printer drops every third job since',
  ' firmware 4.2',
  'Date: Tue, 17 Nov 2026 09:02:16 +0000',
  'Message-ID: <DB9PR08MB71204E8A1C3B5D7F9A2C4E6B8D0F1A3C@DB9PR08MB7120.eurprd08.prod.outlook.com>',
  'In-Reply-To: <ticket-4819-3@acme.example>',
  'Auto-Submitted: auto-generated',
  'X-Auto-Response-Suppress: All',
  'Content-Type: text/plain; charset="iso-8859-1"',
  'MIME-Version: 1.0',
  '',
  'I am out of the office until 24 November with limited access to email.',
  '',
].join('\r\n');

const customerRequest = [
  'Received: from mail-ej1-f41.google.com (mail-ej1-f41.google.com [209.85.218.41])',
  '\tby mx1.acme.example (Postfix) with ESMTPS id 4CkV9m2Hq1z9sPx',
  '\tfor <support@acme.example>; Mon, 16 Nov 2026 14:20:07 +0000 (UTC)',
  'From: =?UTF-8?Q?Ren=C3=A9e_Dubois?= <renee.dubois@example.fr>',
  'To: Acme Support <support@acme.example>',
  'Cc: Paul Martin <paul.martin@example.fr>',
  'Subject: =?UTF-8?Q?Commande_n=C2=B0_1042_:_colis_endommag=C3=A9?=',
  'Date: Mon, 16 Nov 2026 15:20:03 +0100',
  'Message-ID: <CAF3x9kPq2Lr8sT1=Uv7wXyZ0aB4cD6eF8gH@mail.gmail.com>',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset="UTF-8"',
  'Content-Transfer-Encoding: quoted-printable',
  '',
  'Bonjour, le colis de la commande 1042 est arriv=C3=A9 endommag=C3=A9.',
  '',
].join('\r\n');

await check(
  '@mailroom/headers: parseHeaders, decodeEncodedWords, addresses, messageId, receivedChain',
  async () => {
    const { addresses, decodeEncodedWords, messageId, parseHeaders, receivedChain } = await import(
      '@mailroom/headers'
    );
    const headers = parseHeaders(customerRequest);
    same(decodeEncodedWords(headers.get('subject') ?? ''), 'Commande n° 1042 : colis endommagé', 'subject');
    same(
      addresses(headers, 'from').map((m) => [m.name, m.address]),
      [['Renée Dubois', 'renee.dubois@example.fr']],
      'from',
    );
    same(messageId(headers), 'CAF3x9kPq2Lr8sT1=Uv7wXyZ0aB4cD6eF8gH@mail.gmail.com', 'message id');
    same(receivedChain(headers)[0]?.fromIp, '209.85.218.41', 'first hop ip');
    same(headers.defects, [], 'defects');
  },
);

await check('@mailroom/header-classifier: classifyMessage on an Exchange out-of-office', async () => {
  const { classifyMessage, summarizeKind } = await import('@mailroom/header-classifier');
  const result = classifyMessage(outOfOffice);
  assert(result.automated === true, 'an out-of-office is automated');
  assert(result.suppressAutoReply === true, 'no auto-reply to an out-of-office');
  same(summarizeKind(result), 'out-of-office', 'kind');
  const person = classifyMessage(customerRequest);
  same([person.automated, person.categories], [false, []], 'a person wrote the customer request');
});

await check('@mailroom/requester-resolver: resolveRequester on a customer request', async () => {
  const { parseHeaders } = await import('@mailroom/headers');
  const { resolveRequester } = await import('@mailroom/requester-resolver');
  const r = resolveRequester(parseHeaders(customerRequest), { supportAddresses: ['support@acme.example'] });
  same(r.requester?.address, 'renee.dubois@example.fr', 'requester');
  same(r.recipient?.address, 'support@acme.example', 'support address');
  same(
    r.ccs.map((c) => c.address),
    ['paul.martin@example.fr'],
    'ccs',
  );
});

await check(
  '@mailroom/rate-limiter: inboundUpdateLimit suspends the 21st hit within an hour (LOOP-6)',
  async () => {
    const { createTieredLimiter, inboundUpdateLimit } = await import('@mailroom/rate-limiter');
    const limiter = createTieredLimiter(inboundUpdateLimit);
    const start = Date.parse('2026-11-16T14:00:00Z');
    let state;
    const outcomes = [];
    for (let i = 0; i < 41; i += 1) {
      const hit = limiter.hit(state, start + i * 60_000);
      state = hit.state;
      outcomes.push(hit.outcome);
    }
    same(
      [outcomes[19], outcomes[20], outcomes[39], outcomes[40]],
      ['accept', 'suspend', 'suspend', 'reject'],
      'tiers',
    );
  },
);

await check(
  '@mailroom/loop-detector: decideInbound suspends an out-of-office, accepts a customer',
  async () => {
    const { createPolicy, decideInbound } = await import('@mailroom/loop-detector');
    const policy = createPolicy({
      supportAddresses: ['support@acme.example'],
      markerKey: new TextEncoder().encode('packed-smoke-marker-key-32-bytes'),
    });
    const nowMs = Date.parse('2026-11-17T09:02:18Z');
    const ooo = decideInbound({ headers: outOfOffice, nowMs }, policy);
    same(ooo.action, 'suspend', 'out-of-office action');
    assert(
      ooo.reasons.some((r) => r.rule === 'LOOP-5'),
      `LOOP-5 reason expected: ${JSON.stringify(ooo.reasons)}`,
    );
    same(
      decideInbound({ headers: customerRequest, nowMs }, policy).action,
      'accept',
      'customer request action',
    );
  },
);

await check(
  '@mailroom/mail-auth: evaluateAuthentication of an unsigned message (SPF pass, no DKIM)',
  async () => {
    const { createMemoryResolver, evaluateAuthentication } = await import('@mailroom/mail-auth');
    const resolver = createMemoryResolver({
      'example.fr': { TXT: ['v=spf1 ip4:209.85.128.0/17 -all'] },
      '_dmarc.example.fr': { TXT: ['v=DMARC1; p=none; rua=mailto:dmarc@example.fr'] },
    });
    const verdict = await evaluateAuthentication(
      {
        message: new TextEncoder().encode(customerRequest),
        envelope: {
          clientIp: '209.85.218.41',
          helo: 'mail-ej1-f41.google.com',
          mailFrom: 'renee.dubois@example.fr',
          rcptTo: ['support@acme.example'],
        },
        route: 'native',
        now: new Date('2026-11-16T14:20:07Z'),
      },
      { authservId: 'mx1.acme.example', mode: 'native' },
      resolver,
    );
    same(verdict.spf.result, 'pass', 'spf');
    same(verdict.dkim, [], 'dkim signatures');
    same(verdict.dmarc.result, 'pass', 'dmarc (aligned SPF)');
    same(verdict.fromDomain, 'example.fr', 'from domain');
    assert(
      verdict.authenticationResults.includes('spf=pass'),
      `Authentication-Results: ${verdict.authenticationResults}`,
    );
  },
);

await check(
  '@mailroom/connector-config: validateConnectorConfig on the broken and the valid example',
  async () => {
    const { validateConnectorConfig } = await import('@mailroom/connector-config');
    const read = (file) => JSON.parse(readFileSync(join(root, 'examples/configs', file), 'utf8'));
    const context = { now: Date.parse('2026-03-02T09:00:00Z') };
    const broken = validateConnectorConfig(read('smtp-connector.broken.json'), context);
    assert(
      broken.problems.some((p) => p.severity === 'error' && p.rule === 'SMTP-2' && p.path === '$.mode'),
      `SMTP-2 error on $.mode expected: ${JSON.stringify(broken.problems.map((p) => [p.rule, p.path]))}`,
    );
    const valid = validateConnectorConfig(read('smtp-connector.valid.json'), context);
    same(
      valid.problems.filter((p) => p.severity === 'error'),
      [],
      'errors in the valid example',
    );
  },
);

await check(
  '@mailroom/arbitraries: fc.sample(mailbox()) values parse back with @mailroom/headers',
  async () => {
    const fc = (await import('fast-check')).default;
    const { mailbox } = await import('@mailroom/arbitraries');
    const { parseAddressList } = await import('@mailroom/headers');
    const samples = fc.sample(mailbox(), { numRuns: 20, seed: 42 });
    same(samples.length, 20, 'sample count');
    for (const m of samples) {
      const [parsed] = parseAddressList(m.formatted);
      same([parsed?.address, parsed?.name], [m.address.address, m.name], `round trip of ${m.formatted}`);
    }
    same(fc.sample(mailbox(), { numRuns: 3, seed: 42 }), samples.slice(0, 3), 'same seed, same values');
  },
);

if (packages.some((p) => p.name === '@mailroom/cli')) {
  const bin = join('node_modules', '.bin', 'mailroom');
  const run = (args) => spawnSync(bin, args, { encoding: 'utf8', timeout: 30_000 });
  await check('@mailroom/cli: mailroom --help through the installed bin', async () => {
    const { status, stdout, stderr } = run(['--help']);
    same(status, 0, `exit code (stderr: ${stderr})`);
    for (const command of ['triage', 'auth', 'check-config']) {
      assert(new RegExp(`^\\s+${command}\\s`, 'm').test(stdout), `--help lists ${command}: ${stdout}`);
    }
  });
  await check(
    '@mailroom/cli: mailroom triage --json of an out-of-office and a customer request',
    async () => {
      const dir = mkdtempSync(join(process.cwd(), 'mail-'));
      try {
        writeFileSync(join(dir, '1-customer.eml'), customerRequest);
        writeFileSync(join(dir, '2-out-of-office.eml'), outOfOffice);
        const { status, stdout, stderr } = run([
          'triage',
          '--json',
          '--support-address',
          'support@acme.example',
          dir,
        ]);
        same(status, 0, `exit code (stderr: ${stderr})`);
        const rows = stdout
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line));
        same(
          rows.map((r) => [r.kind, r.decision]),
          [
            ['human', 'accept'],
            ['out-of-office', 'suspend'],
          ],
          'kind and decision per message',
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
}

process.stdout.write(
  failures === 0 ? 'packed smoke: all checks passed\n' : `packed smoke: ${failures} failed\n`,
);
process.exit(failures === 0 ? 0 : 1);
