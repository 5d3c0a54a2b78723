// Benchmark: what the semantic checks cost on top of the zod parse they start with, and that the bounded inputs
// stay linear. Ratios only, measured in one process, best of three alternating rounds.
// Run: pnpm build && pnpm --filter @mailroom/connector-config bench
import {
  diagnoseSmtpReply,
  smtpConnectorSchema,
  validateConnectorConfig,
  validateSmtpConnector,
} from '@mailroom/connector-config';

const address = (i) => ({
  address: `agent${i}@contoso.com`,
  type: 'shared-mailbox',
  brand: i % 2 ? 'Contoso' : 'Contoso Retail',
  outbound: {
    host: 'smtp.office365.com',
    port: 587,
    tls: 'starttls',
    username: `agent${i}@contoso.com`,
    password: `pw-${i}-Q7!x`,
    smtpAuthEnabled: true,
  },
  verification: { outbound: 'verified', forwarding: 'verified' },
});
const connector = (n) => ({
  kind: 'smtp-connector',
  name: 'Contoso support',
  mode: 'outbound-only',
  provider: 'microsoft-365',
  domains: [{ domain: 'contoso.com', addresses: Array.from({ length: n }, (_, i) => address(i)) }],
});
const context = {
  supportAddresses: Array.from({ length: 200 }, (_, i) => ({
    address: `queue${i}@fabrikam.com`,
    channel: 'forwarding',
  })),
  userAddresses: Array.from({ length: 5000 }, (_, i) => `user${i}@contoso.com`),
  now: Date.parse('2026-03-02T09:00:00Z'),
};

function perSecond(fn, input, minMs = 300) {
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (let i = 0; i < 20; i++) fn(input);
    n += 20;
    elapsed = performance.now() - start;
  }
  return (n * 1000) / elapsed;
}
function best(pairs) {
  const out = pairs.map(() => 0);
  for (let round = 0; round < 3; round++) {
    pairs.forEach(([fn, input], i) => {
      out[i] = Math.max(out[i], perSecond(fn, input));
    });
  }
  return out;
}

const rows = [];
for (const n of [1, 50]) {
  const config = connector(n);
  if (!validateSmtpConnector(config, context).valid) throw new Error('bench config must be valid');
  const [zodOnly, bare, withContext] = best([
    [(c) => smtpConnectorSchema.safeParse(c), config],
    [(c) => validateConnectorConfig(c), config],
    [(c) => validateConnectorConfig(c, context), config],
  ]);
  rows.push([
    `validateConnectorConfig vs zod safeParse alone, ${n} address(es), no context`,
    `${(zodOnly / bare).toFixed(2)}x the time`,
    `${Math.round(bare)} configs/s in that run`,
  ]);
  rows.push([
    `the same with 5,000 user and 200 support addresses in the context vs no context`,
    `${(bare / withContext).toFixed(1)}x the time`,
    `${Math.round(withContext)} configs/s in that run`,
  ]);
}

const reply =
  "Remote Server returned '550 5.7.520 Access denied, Your organization does not allow external forwarding. AS(7555)'";
const hostile = '5.5.5.5.5 4.4.4 '.repeat(1024).slice(0, 16_384);
const [short, long] = best([
  [(t) => diagnoseSmtpReply(t), reply],
  [(t) => diagnoseSmtpReply(t), hostile],
]);
const lengthRatio = hostile.length / reply.length;
rows.push([
  `diagnoseSmtpReply, 16 KiB hostile text vs a ${reply.length}-char reply (${lengthRatio.toFixed(0)}x longer)`,
  `${(short / long).toFixed(1)}x the time`,
  'linear: at most ~the length ratio',
]);
if (short / long > lengthRatio * 2) {
  console.error('diagnoseSmtpReply grows faster than its input');
  process.exitCode = 1;
}

for (const [what, ratio, note] of rows) console.log(`${what}: ${ratio} (${note})`);
