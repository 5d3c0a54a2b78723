// fast-check generators of connector configurations: `valid*` ones the validators accept (no error), and
// `mutated` which breaks a valid one at a random place, for schema agreement and robustness properties.
import { fc } from '@fast-check/vitest';
import type { Json } from './configs.js';

const DOMAINS = [
  'contoso.com',
  'fabrikam.com',
  'northwind-traders.com',
  'tailspintoys.com',
  'adventure-works.com',
];
const BRANDS = ['Contoso', 'Contoso Retail', 'Fabrikam', 'Northwind'];

const domain = fc.constantFrom(...DOMAINS);
const local = fc.stringMatching(/^[a-z][a-z0-9]{0,9}$/);
const locals = (max: number) => fc.uniqueArray(local, { minLength: 1, maxLength: max });
const password = fc.stringMatching(/^[A-Za-z0-9!#%&*+\-=?^_~]{8,24}$/);
const verificationStatus = fc.constantFrom('failed', 'pending', 'verified');
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

/** Drops keys whose value is undefined (JSON has no undefined). */
function clean<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export const validSmtpOutboundOnly: fc.Arbitrary<Json> = fc
  .record({
    domain,
    locals: locals(6),
    port: fc.constantFrom(587, 25),
    password,
    type: maybe(fc.constantFrom('mailbox', 'shared-mailbox')),
    environment: maybe(fc.constantFrom('production', 'sandbox')),
    brand: maybe(fc.constantFrom(...BRANDS)),
    verification: maybe(fc.record({ outbound: verificationStatus, forwarding: verificationStatus })),
  })
  .map(({ domain, locals, port, password, type, environment, brand, verification }) =>
    clean({
      kind: 'smtp-connector',
      name: `${domain} support`,
      mode: 'outbound-only',
      provider: 'microsoft-365',
      environment,
      domains: [
        {
          domain,
          addresses: locals.map((l) => ({
            address: `${l}@${domain}`,
            type,
            brand,
            verification,
            outbound: {
              host: 'smtp.office365.com',
              port,
              tls: 'starttls',
              username: `${l}@${domain}`,
              password,
              smtpAuthEnabled: true,
            },
          })),
        },
      ],
    }),
  );

export const validSmtpBidirectional: fc.Arbitrary<Json> = fc
  .record({
    domain,
    locals: locals(4),
    implicit: fc.boolean(),
    provider: fc.constantFrom('exchange-server', 'other'),
    password,
  })
  .map(({ domain, locals, implicit, provider, password }) =>
    clean({
      kind: 'smtp-connector',
      name: `${domain} relay`,
      mode: 'bidirectional',
      provider,
      domains: [
        {
          domain,
          authProtocol: 'PLAIN',
          inboundCredentials: [
            { id: 'cred-1', username: 'acme@acme.zendesk.com', createdAt: '2026-01-15T09:30:00Z' },
          ],
          addresses: locals.map((l) => ({
            address: `${l}@${domain}`,
            outbound: {
              host: `mail.${domain}`,
              port: implicit ? 465 : 587,
              tls: implicit ? 'implicit' : 'starttls',
              username: `svc-${l}@${domain}`,
              password,
            },
          })),
        },
      ],
    }),
  );

export const validGmail: fc.Arbitrary<Json> = fc
  .record({
    workspace: fc.uniqueArray(fc.tuple(local, domain), {
      minLength: 0,
      maxLength: 3,
      selector: ([l, d]) => `${l}@${d}`,
    }),
    consumer: fc.uniqueArray(local, { minLength: 0, maxLength: 2 }),
    send: fc.boolean(),
    initialImport: fc.constantFrom('none', 'last-50'),
  })
  .filter(({ workspace, consumer }) => workspace.length + consumer.length > 0)
  .map(({ workspace, consumer, send, initialImport }) =>
    clean({
      kind: 'gmail-connector',
      accounts: [
        ...workspace.map(([l, d]) => ({
          address: `${l}@${d}`,
          accountType: 'google-workspace',
          sendThroughGmail: send,
          initialImport,
        })),
        ...consumer.map((l) => ({ address: `${l}.help@gmail.com`, accountType: 'gmail' })),
      ],
    }),
  );

export const validExchange: fc.Arbitrary<Json> = fc
  .record({
    local,
    domain,
    url: maybe(
      fc.constantFrom('https://outlook.office365.com/EWS/Exchange.asmx', 'https://graph.microsoft.com/v1.0'),
    ),
  })
  .map(({ local, domain, url }) =>
    clean({
      kind: 'exchange-connector',
      mailbox: `${local}@${domain}`,
      deployment: 'exchange-online',
      serverUrl: url,
      ccsAndFollowersEnabled: true,
    }),
  );

export const validForwarding: fc.Arbitrary<Json> = fc
  .record({
    local,
    domain,
    company: fc.stringMatching(/^[a-z]{3,12}$/),
    method: fc.constantFrom('distribution-group', 'mailbox-forwarding', 'transport-rule', 'inbox-rule'),
    provider: fc.constantFrom('microsoft-365', 'google-workspace', 'other'),
  })
  .map(({ local, domain, company, method, provider }) =>
    clean({
      kind: 'forwarding',
      supportAddress: `${local}@${domain}`,
      ingestionAddress: `${company}@ticketing.atera.com`,
      provider,
      method,
      mailContact: true,
      acceptsExternalSenders: true,
      externalForwarding: 'on',
    }),
  );

export const validCustomSmtp: fc.Arbitrary<Json> = fc
  .record({ local, domain, password, preset: fc.constantFrom('wide', 'narrow', 'none') })
  .map(({ local, domain, password, preset }) =>
    clean({
      kind: 'custom-smtp',
      supportAddress: `${local}@${domain}`,
      host: `smtp.${domain}`,
      port: 587,
      tls: 'starttls',
      username: `${local}@${domain}`,
      password,
      testSend: 'succeeded',
      allowlistedNetworks:
        preset === 'wide'
          ? ['52.157.0.0/16', '40.113.0.0/16']
          : preset === 'narrow'
            ? [
                '52.157.175.0/24',
                '40.113.216.0/24',
                '40.113.221.0/24',
                '40.113.222.0/24',
                '54.240.3.0/24',
                '51.144.126.0/24',
                '40.122.130.0/24',
                '54.240.106.94',
                '54.240.106.95',
              ]
            : undefined,
    }),
  );

/** Valid configurations of each kind. */
export const VALID_CONFIGS: Readonly<Record<string, fc.Arbitrary<Json>>> = {
  'smtp-connector': fc.oneof(validSmtpOutboundOnly, validSmtpBidirectional),
  'gmail-connector': validGmail,
  'exchange-connector': validExchange,
  forwarding: validForwarding,
  'custom-smtp': validCustomSmtp,
};

type Path = (string | number)[];

function allPaths(value: Json, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) allPaths(v, [...prefix, i], out);
  } else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) allPaths(v, [...prefix, k], out);
  return out;
}

/** Values that are often *almost* right: a near-miss is where schema and JSON Schema could disagree. */
const nearMiss: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue() as fc.Arbitrary<Json>,
  fc.constantFrom<Json>(
    '',
    ' ',
    'PLAIN',
    'starttls',
    'help@contoso.com',
    'contoso.com',
    'smtp.office365.com:587',
    '2026-01-15T09:30:00Z',
    '2026-01-15 09:30',
    0,
    -1,
    1.5,
    65536,
    587,
    true,
    null,
    [],
    {},
  ),
  fc.string({ unit: 'binary', maxLength: 70 }),
  fc.integer({ min: -10, max: 100_001 }),
);

/** A valid configuration broken (or not) at up to three random places: replaced, deleted, or given an extra key. */
export function mutated(base: fc.Arbitrary<Json>): fc.Arbitrary<Json> {
  return fc
    .tuple(
      base,
      fc.array(fc.tuple(fc.nat(), fc.constantFrom('replace', 'delete', 'extra'), nearMiss), { maxLength: 3 }),
    )
    .map(([config, edits]) => {
      const copy = structuredClone(config);
      let root: Json = copy;
      for (const [pick, op, value] of edits) {
        const paths = allPaths(root);
        const path = paths[pick % paths.length]!;
        if (path.length === 0) {
          if (op === 'replace') root = value;
          continue;
        }
        const parent = path
          .slice(0, -1)
          .reduce<Json>((v, k) => (v as Record<string | number, Json>)[k]!, root);
        const key = path[path.length - 1]!;
        if (op === 'replace') (parent as Record<string | number, Json>)[key] = value;
        else if (op === 'delete' && Array.isArray(parent)) parent.splice(key as number, 1);
        else if (op === 'delete') delete (parent as Record<string, Json>)[key];
        else {
          const target = (parent as Record<string | number, Json>)[key];
          if (target !== null && typeof target === 'object' && !Array.isArray(target))
            target.unexpectedSetting = value;
        }
      }
      return root;
    });
}
