import { fc, test } from '@fast-check/vitest';
import { addressKey, createHeaderList, type HeaderField, parseHeaders } from '@mailroom/headers';
import {
  createRequesterResolver,
  type RequesterResolution,
  resolveRequester,
} from '@mailroom/requester-resolver';
import { describe, expect, it } from 'vitest';

const CONTEXT = {
  supportAddresses: [
    { address: 'support@acme.example', aliases: ['acme@helpdesk.example', 'help@acme-legacy.example'] },
    'billing@acme.example',
  ],
  systemAddresses: ['noreply@helpdesk.example', '*@*.helpdesk.example'],
  partnerAddresses: ['support@partner-desk.example', '*@partner.example'],
  agentAddresses: ['*@acme.example'],
} as const;

// Independent restatement of the roles above (not the resolver's matcher).
const SUPPORT = new Set([
  'support@acme.example',
  'acme@helpdesk.example',
  'help@acme-legacy.example',
  'billing@acme.example',
]);
function role(key: string): string | null {
  if (SUPPORT.has(key)) return 'support';
  if (key === 'noreply@helpdesk.example' || key.endsWith('.helpdesk.example')) return 'system';
  if (key === 'support@partner-desk.example' || key.endsWith('@partner.example')) return 'partner';
  return null;
}

const pooled = fc.constantFrom(
  'support@acme.example',
  'SUPPORT@Acme.Example',
  'acme@helpdesk.example',
  'help@acme-legacy.example',
  'billing@acme.example',
  'noreply@helpdesk.example',
  'notifications@eu.helpdesk.example',
  'support@partner-desk.example',
  'ops@partner.example',
  'bob.agent@acme.example',
  'ann@customer.example',
  'Ann@Customer.Example',
  'tom@bücher.example',
  'tom@xn--bcher-kva.example',
  'carl@example.org',
  'users@lists.example.org',
);
const displayName = fc.constantFrom('', 'Ann Example', '"Doe, Jane"', '=?UTF-8?B?SsO8cmdlbg==?=', 'Support');
const mailbox = fc
  .tuple(displayName, pooled)
  .map(([n, a]) => (n === '' ? (a.length % 2 === 0 ? a : `<${a}>`) : `${n} <${a}>`));
const oddEntry = fc.constantFrom(
  '<>',
  '""  <>',
  'undisclosed-recipients:;',
  'not an address',
  'Team: a@customer.example, support@acme.example;',
);
const addressValue = fc
  .array(fc.oneof({ weight: 5, arbitrary: mailbox }, { weight: 1, arbitrary: oddEntry }), {
    minLength: 1,
    maxLength: 5,
  })
  .map((xs) => xs.join(', '));

const ADDRESS_FIELDS = [
  'From',
  'Reply-To',
  'Sender',
  'To',
  'Cc',
  'Delivered-To',
  'X-Original-To',
  'X-Forwarded-To',
];
const relatedField: fc.Arbitrary<HeaderField> = fc.oneof(
  fc.record({ name: fc.constantFrom(...ADDRESS_FIELDS), value: addressValue }),
  fc.record({
    name: fc.constantFrom('X-Original-From', 'X-Original-Sender', 'X-MailFrom', 'Resent-To'),
    value: addressValue,
  }),
  fc.record({
    name: fc.constant('Subject'),
    value: fc.constantFrom(
      'Fwd: invoice',
      'WG: Rechnung',
      'Re: hello',
      'hello',
      '=?UTF-8?B?6L2s5Y+R77yaeA==?=',
    ),
  }),
  fc.record({
    name: fc.constantFrom('List-Id', 'List-Post', 'X-Mailman-Version', 'X-BeenThere', 'Precedence'),
    value: fc.constantFrom(
      '<users.lists.example.org>',
      '<mailto:users@lists.example.org>',
      '3.3.9',
      'users@lists.example.org',
      'list',
    ),
  }),
  fc.record({
    name: fc.constantFrom('Received', 'X-MS-Exchange-Inbox-Rules-Loop', 'X-Forwarded-For'),
    value: fc.constantFrom(
      'from a by b with ESMTP id 1 for <support@acme.example>; Tue, 4 Mar 2025 10:00:00 +0000',
      'from a by b with ESMTP id 2 for <acme@helpdesk.example>; Tue, 4 Mar 2025 10:00:01 +0000',
      'info@acme.example',
      'info@acme.example support@acme.example',
    ),
  }),
);

const bodyText = fc.oneof(
  fc.constant(undefined),
  fc
    .tuple(
      pooled,
      fc.constantFrom(
        '---------- Forwarded message ---------',
        'Begin forwarded message:',
        '________________________________',
      ),
    )
    .map(([a, marker]) => `FYI\n\n${marker}\nFrom: Someone <${a}>\nDate: today\n`),
);

const message = fc.record({
  fields: fc.array(relatedField, { minLength: 0, maxLength: 14 }),
  bodyText,
  rcptTo: fc.option(fc.array(pooled, { maxLength: 2 }), { nil: undefined }),
  bounce: fc.boolean(),
});

interface Generated {
  readonly fields: HeaderField[];
  readonly bodyText: string | undefined;
  readonly rcptTo: string[] | undefined;
  readonly bounce: boolean;
}

function resolveGenerated(m: Generated, fields: readonly HeaderField[] = m.fields): RequesterResolution {
  return resolveRequester(createHeaderList(fields), {
    ...CONTEXT,
    ...(m.bodyText === undefined ? {} : { bodyText: m.bodyText }),
    ...(m.rcptTo === undefined ? {} : { envelope: { rcptTo: m.rcptTo } }),
    ...(m.bounce
      ? {
          bounceRequester: 'final-recipient' as const,
          reportText: 'Final-Recipient: rfc822; support@acme.example\n',
        }
      : {}),
  });
}

describe('invariants', () => {
  // Invariant: the requester is never a support, system or partner address.
  const runs = { numRuns: 300 };
  test.prop([message], runs)('LOOP-3, LOOP-4, REQ-4: requester never an own/partner address', (m) => {
    const r = resolveGenerated(m);
    if (r.requester !== null) {
      expect(role(r.requester.key)).toBeNull();
      expect(addressKey(r.requester.address)).toBe(r.requester.key);
    }
  });

  // Invariant: ccs never contain duplicates, the requester, or support/system/partner addresses.
  test.prop([message], runs)('EXCH-3, LOOP-3, LOOP-4: ccs unique, no requester or own addresses', (m) => {
    const r = resolveGenerated(m);
    const keys = r.ccs.map((c) => c.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const k of keys) {
      expect(role(k)).toBeNull();
      expect(k).not.toBe(r.requester?.key);
      expect(addressKey(r.ccs.find((c) => c.key === k)!.address)).toBe(k);
    }
  });

  test.prop([message], { numRuns: 200 })('OUT-3: the recipient, when found, is a support address', (m) => {
    const r = resolveGenerated(m);
    if (r.recipient !== null)
      expect(['support@acme.example', 'billing@acme.example']).toContain(r.recipient.address);
  });

  const unrelated = fc.array(
    fc.record({
      name: fc.constantFrom(
        'X-Spam-Score',
        'Thread-Index',
        'Content-Language',
        'X-Priority',
        'Importance',
        'Keywords',
        'X-Campaign-Id',
      ),
      value: fc.string({ unit: 'grapheme', maxLength: 60 }),
    }),
    { maxLength: 6 },
  );

  test.prop([message, unrelated, fc.array(fc.nat(), { minLength: 40, maxLength: 40 })], { numRuns: 200 })(
    'the result does not change when unrelated headers are added or fields of different names are reordered',
    (m, extra, order) => {
      const base = resolveGenerated(m);
      const withExtra = [...m.fields, ...extra];
      // Permute by random keys, then put same-name fields back in their original relative order.
      const permuted = withExtra
        .map((f, i) => ({ f, k: order[i % order.length]! * 64 + i }))
        .sort((a, b) => a.k - b.k)
        .map((x) => x.f);
      const queues = new Map<string, HeaderField[]>();
      for (const f of withExtra) {
        const q = queues.get(f.name.toLowerCase()) ?? [];
        q.push(f);
        queues.set(f.name.toLowerCase(), q);
      }
      const reordered = permuted.map((f) => queues.get(f.name.toLowerCase())!.shift()!);
      expect(resolveGenerated(m, reordered)).toEqual(base);
    },
  );
});

describe('never throws on hostile input, bounded time', () => {
  const resolve = createRequesterResolver(CONTEXT);
  const hostileBody = fc.option(fc.string({ unit: 'binary', maxLength: 2000 }), { nil: undefined });

  test.prop([fc.string({ unit: 'binary', maxLength: 4000 }), hostileBody, hostileBody], { numRuns: 200 })(
    'arbitrary strings as the message, body and report',
    (raw, body, report) => {
      const r = resolve(parseHeaders(raw), {
        ...(body === undefined ? {} : { bodyText: body }),
        ...(report === undefined ? {} : { reportText: report }),
      });
      expect(Array.isArray(r.warnings)).toBe(true);
    },
  );

  test.prop([fc.uint8Array({ maxLength: 4000 })], { numRuns: 200 })(
    'arbitrary bytes as the message',
    (bytes) => {
      expect(() => resolveRequester(parseHeaders(bytes), CONTEXT)).not.toThrow();
    },
  );

  const hostilePiece = fc.constantFrom(
    '<',
    '>',
    '"',
    '\\',
    '(',
    ')',
    ',',
    ';',
    ':',
    '@',
    '=?UTF-8?B?',
    '=?x?Q?=FF?=',
    '\u0000',
    '\uFFFD',
    '\uD800',
    ' via ',
    'mailto:',
    '[mailto:',
    '__proto__',
    'constructor',
    'support@acme.example',
    '*@*.',
    'xn--',
    '\t',
    '\r\n ',
  );
  const hostileValue = fc.array(hostilePiece, { maxLength: 60 }).map((xs) => xs.join(''));
  const hostileBlock = fc.array(
    fc.record({
      name: fc.oneof(
        fc.constantFrom(
          ...ADDRESS_FIELDS,
          'Received',
          'Resent-From',
          'Resent-Date',
          'X-Original-From',
          'List-Id',
          'List-Post',
          'Mailing-list',
          'X-Failed-Recipients',
          'Subject',
          'X-Forwarded-For',
          '__proto__',
          'constructor',
        ),
        fc.string({ maxLength: 20 }),
      ),
      value: fc.oneof(hostileValue, fc.string({ unit: 'grapheme', maxLength: 200 })),
    }),
    { maxLength: 30 },
  );
  const hostileText = fc
    .array(
      fc.oneof(
        hostilePiece,
        fc.constantFrom('From: ', 'Final-Recipient: ', '\n', '> ', '---- Forwarded message ----\n'),
      ),
      { maxLength: 200 },
    )
    .map((xs) => xs.join(''));

  test.prop([hostileBlock, hostileText, fc.array(hostileValue, { maxLength: 3 })], { numRuns: 300 })(
    'generated hostile header blocks, bodies, reports and envelopes',
    (fields, text, rcptTo) => {
      for (const bounceRequester of ['sender', 'final-recipient'] as const) {
        const r = resolveRequester(createHeaderList(fields), {
          ...CONTEXT,
          bodyText: text,
          reportText: text,
          envelope: { rcptTo },
          bounceRequester,
        });
        if (r.requester !== null) expect(role(r.requester.key)).toBeNull();
      }
    },
  );

  it('large inputs stay within bounds: 50,000 To addresses, a 2 MB body of label lines, 5,000 Received fields', () => {
    const to = Array.from({ length: 50_000 }, (_, i) => `u${i}@customer.example`).join(', ');
    const received = Array.from({ length: 5_000 }, (_, i) => ({
      name: 'Received',
      value: `from a by b for <x${i}@y.example>; Tue, 4 Mar 2025 10:00:00 +0000`,
    }));
    const headers = createHeaderList([
      { name: 'From', value: 'bob@acme.example' },
      { name: 'Subject', value: 'Fwd: x' },
      { name: 'To', value: to },
      ...received,
    ]);
    const body = 'From: x\nSent: y\n'.repeat(120_000);
    const started = performance.now();
    const r = resolveRequester(headers, { ...CONTEXT, bodyText: body });
    const elapsed = performance.now() - started;
    expect(r.ccs.length).toBeLessThanOrEqual(500);
    expect(elapsed).toBeLessThan(3_000);
  });

  it('a malformed context is a programmer error with a message saying how to fix it', () => {
    expect(() => resolveRequester(createHeaderList([]), { systemAddresses: ['*@*@x'] })).toThrow(
      /systemAddresses.*pattern/,
    );
    expect(() => resolveRequester(createHeaderList([]), { supportAddresses: ['nope'] })).toThrow(
      /supportAddresses/,
    );
    expect(() => resolveRequester(createHeaderList([]), { replyToPolicy: 'always' as never })).toThrow(
      /replyToPolicy must be one of/,
    );
  });
});

describe('inputs of the wrong type from a careless caller', () => {
  it('non-string envelope recipients, body and report are ignored, not thrown on', () => {
    const headers = createHeaderList([{ name: 'From', value: 'ann@customer.example' }]);
    const odd = { rcptTo: [42, null, 'acme@helpdesk.example'] } as unknown as { rcptTo: string[] };
    const r = resolveRequester(headers, {
      ...CONTEXT,
      envelope: odd,
      bodyText: 7 as unknown as string,
      reportText: {} as unknown as string,
      bounceRequester: 'final-recipient',
    });
    expect(r.recipient).toMatchObject({ address: 'support@acme.example', source: 'envelope' });
    expect(r.requester?.key).toBe('ann@customer.example');
  });
});
