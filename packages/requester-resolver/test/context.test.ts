import { fc, test } from '@fast-check/vitest';
import { createHeaderList, parseHeaders } from '@mailroom/headers';
import {
  addressPatternProblem,
  createRequesterResolver,
  parseResolverContext,
  resolutionColumns,
  resolveRequester,
  resolverContextFromCli,
} from '@mailroom/requester-resolver';
import { describe, expect, it } from 'vitest';

describe('parseResolverContext (the CLI-facing context)', () => {
  it('accepts a full context and reports nothing', () => {
    const json = {
      supportAddresses: [
        'help@acme.example',
        { address: 'support@acme.example', aliases: ['acme@helpdesk.example'] },
      ],
      systemAddresses: ['*@*.zendesk.com', 'noreply@atera.com', '*@ticketing.atera.com'],
      partnerAddresses: ['support@partner-desk.example'],
      agentAddresses: ['*@acme.example'],
      replyToPolicy: 'reply-to-if-same-domain',
      bounceRequester: 'final-recipient',
      envelope: { mailFrom: '', rcptTo: ['acme@helpdesk.example'] },
      limits: { maxBodyChars: 1000 },
    };
    const { context, problems } = parseResolverContext(json);
    expect(problems).toEqual([]);
    expect(context).toEqual(json);
  });

  it('keeps the valid parts and names every problem by JSON path', () => {
    const { context, problems } = parseResolverContext({
      supportAddresses: [
        'ok@acme.example',
        'not an address',
        { address: 'x@acme.example', aliases: ['bad', 3] },
        7,
      ],
      systemAddresses: ['*@*.zendesk.com', '*a*b@x.example', '@nope'],
      replyToPolicy: 'always',
      limits: { maxBodyChars: -1, nope: 3 },
      envelope: { rcptTo: 'a@b.example' },
      surprise: true,
    });
    expect(context.supportAddresses).toEqual(['ok@acme.example', { address: 'x@acme.example' }]);
    expect(context.systemAddresses).toEqual(['*@*.zendesk.com']);
    expect(context.replyToPolicy).toBeUndefined();
    expect(problems.map((p) => p.path)).toEqual([
      'surprise',
      'supportAddresses[1]',
      'supportAddresses[2].aliases[0]',
      'supportAddresses[2].aliases[1]',
      'supportAddresses[3]',
      'systemAddresses[1]',
      'systemAddresses[2]',
      'replyToPolicy',
      'envelope.rcptTo',
      'limits.maxBodyChars',
      'limits.nope',
    ]);
    // Whatever it keeps is safe to use: resolveRequester does not throw on it.
    expect(() => resolveRequester(createHeaderList([]), context)).not.toThrow();
  });

  it('rejects a non-object', () => {
    expect(parseResolverContext(null).problems).toEqual([
      { path: '', message: 'the context must be a JSON object' },
    ]);
    expect(parseResolverContext([1]).problems).toHaveLength(1);
  });

  test.prop([fc.jsonValue()], { numRuns: 200 })(
    'never throws on arbitrary JSON, and its context never makes resolveRequester throw',
    (json) => {
      const { context } = parseResolverContext(json);
      expect(() =>
        resolveRequester(createHeaderList([{ name: 'From', value: 'a@b.example' }]), context),
      ).not.toThrow();
    },
  );

  test.prop(
    [
      fc.record(
        {
          supportAddresses: fc.array(
            fc.oneof(
              fc.string(),
              fc.emailAddress(),
              fc.record({ address: fc.emailAddress(), aliases: fc.array(fc.string()) }),
            ),
          ),
          systemAddresses: fc.array(
            fc.oneof(
              fc.string(),
              fc.emailAddress().map((e) => `*@*.${e.split('@')[1]}`),
            ),
          ),
          agentAddresses: fc.array(fc.string()),
          limits: fc.dictionary(
            fc.constantFrom('maxBodyChars', 'maxBodyLines', 'x'),
            fc.oneof(fc.integer(), fc.string()),
          ),
        },
        { requiredKeys: [] },
      ),
    ],
    { numRuns: 200 },
  )('context-shaped JSON: what it keeps never makes resolveRequester throw', (json) => {
    const { context } = parseResolverContext(json);
    expect(() =>
      resolveRequester(createHeaderList([{ name: 'From', value: 'a@b.example' }]), context),
    ).not.toThrow();
  });
});

describe('system, partner and agent address patterns', () => {
  const resolveFrom = (from: string, systemAddresses: string[]) =>
    resolveRequester(parseHeaders(`From: ${from}\r\n\r\n`), { systemAddresses });

  it.each([
    ['support@acme.zendesk.com', '*@*.zendesk.com', true],
    ['Support@EU.Acme.Zendesk.COM', '*@*.zendesk.com', true],
    ['support@zendesk.com', '*@*.zendesk.com', false],
    ['support@evilzendesk.com', '*@*.zendesk.com', false],
    ['acme@ticketing.atera.com', '*@ticketing.atera.com', true],
    ['acme@x.ticketing.atera.com', '*@ticketing.atera.com', false],
    ['noreply@atera.com', 'noreply@atera.com', true],
    ['no-reply-7@example.com', 'no-reply*@example.com', true],
    ['reply@example.com', 'no-reply*@example.com', false],
    ['bounce-1@mail.example.com', '*-1@*.example.com', true],
    ['x@bücher.example', '*@bücher.example', true],
    ['x@xn--bcher-kva.example', '*@bücher.example', true],
  ])('LOOP-4: %s against %s → system address: %s', (from, pattern, isSystem) => {
    const r = resolveFrom(from, [pattern]);
    expect(r.requester === null).toBe(isSystem);
    expect(r.excluded.some((e) => e.reason === 'system-address')).toBe(isSystem);
  });

  it.each(['', '*', '*@*', 'a*b*@x.example', 'x@*', 'x@a.*.example', '@x.example', 'x@'])(
    '%s is not a pattern',
    (p) => {
      expect(addressPatternProblem(p)).not.toBeNull();
    },
  );

  it('matching is linear: a 300-character local part against a wildcard pattern is immediate', () => {
    const local = 'a'.repeat(250);
    const resolve = createRequesterResolver({ systemAddresses: ['a*a@b.example', '*@*.b.example'] });
    const headers = parseHeaders(`From: ${local}@b.example\r\n\r\n`);
    const started = performance.now();
    for (let i = 0; i < 2000; i++) expect(resolve(headers).requester).toBeNull();
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('OUT-3: recipient detection in order of trust', () => {
  const context = {
    supportAddresses: [
      { address: 'support@acme.example', aliases: ['acme@helpdesk.example'] },
      { address: 'billing@acme.example', aliases: ['billing-acme@helpdesk.example'] },
    ],
  };
  const headers = parseHeaders(
    [
      'From: ann@customer.example',
      'To: Billing <billing@acme.example>',
      'Cc: support@acme.example',
      'X-Forwarded-To: billing-acme@helpdesk.example',
      'X-Original-To: support@acme.example',
      'Delivered-To: acme@helpdesk.example',
      '',
      '',
    ].join('\r\n'),
  );

  it('OUT-3: the envelope beats every header', () => {
    const r = resolveRequester(headers, {
      ...context,
      envelope: { rcptTo: ['<Billing-Acme@helpdesk.example>'] },
    });
    expect(r.recipient).toEqual({
      address: 'billing@acme.example',
      matched: 'Billing-Acme@helpdesk.example',
      source: 'envelope',
    });
  });
  it('OUT-3: then Delivered-To, matched through an alias', () => {
    expect(resolveRequester(headers, context).recipient).toEqual({
      address: 'support@acme.example',
      matched: 'acme@helpdesk.example',
      source: 'delivered-to',
    });
  });
  it('OUT-3: then X-Original-To, X-Forwarded-To, To, Cc', () => {
    const without = (...names: string[]) =>
      createHeaderList(headers.fields.filter((f) => !names.includes(f.name)));
    expect(resolveRequester(without('Delivered-To'), context).recipient?.source).toBe('x-original-to');
    expect(resolveRequester(without('Delivered-To', 'X-Original-To'), context).recipient).toMatchObject({
      address: 'billing@acme.example',
      source: 'x-forwarded-to',
    });
    expect(
      resolveRequester(without('Delivered-To', 'X-Original-To', 'X-Forwarded-To'), context).recipient,
    ).toMatchObject({
      address: 'billing@acme.example',
      source: 'to',
    });
    expect(
      resolveRequester(without('Delivered-To', 'X-Original-To', 'X-Forwarded-To', 'To'), context).recipient,
    ).toMatchObject({
      address: 'support@acme.example',
      source: 'cc',
    });
    expect(
      resolveRequester(without('Delivered-To', 'X-Original-To', 'X-Forwarded-To', 'To', 'Cc'), context)
        .recipient,
    ).toBeNull();
  });
  it('OUT-3: an envelope recipient that is not a support address does not stop the search', () => {
    expect(
      resolveRequester(headers, { ...context, envelope: { rcptTo: ['other@x.example'] } }).recipient?.source,
    ).toBe('delivered-to');
  });
});

describe('REQ-2: each kind of forwarding evidence', () => {
  const hops = (lines: string[]) =>
    resolveRequester(
      parseHeaders(`${['From: ann@customer.example', ...lines].join('\r\n')}\r\n\r\n`),
      {},
    ).forwardingPath.map((h) => h.address);
  const warned = (lines: string[]) =>
    resolveRequester(
      parseHeaders(`${['From: ann@customer.example', ...lines].join('\r\n')}\r\n\r\n`),
      {},
    ).warnings.some((w) => w.code === 'multiple-forwarding-hops');

  it('REQ-2: Received `for` changing along the chain', () => {
    const lines = [
      'Received: from b by c for <c@helpdesk.example>; Tue, 4 Mar 2025 10:00:02 +0000',
      'Received: from a by b for <b@acme.example>; Tue, 4 Mar 2025 10:00:01 +0000',
      'Received: from x by a for <a@acme.example>; Tue, 4 Mar 2025 10:00:00 +0000',
    ];
    expect(hops(lines)).toEqual(['a@acme.example', 'b@acme.example', 'c@helpdesk.example']);
    expect(warned(lines)).toBe(true);
    expect(warned(lines.slice(0, 2))).toBe(false);
  });
  it('REQ-2: repeated, different Delivered-To', () => {
    const lines = [
      'Delivered-To: c@helpdesk.example',
      'Delivered-To: b@acme.example',
      'Delivered-To: a@acme.example',
    ];
    expect(hops(lines)).toEqual(['a@acme.example', 'b@acme.example', 'c@helpdesk.example']);
    expect(warned(lines)).toBe(true);
    expect(warned(['Delivered-To: c@helpdesk.example', 'Delivered-To: C@helpdesk.example'])).toBe(false);
  });
  it('REQ-2: X-Forwarded-For / X-Forwarded-To from two Gmail forwards', () => {
    expect(
      warned([
        'X-Forwarded-To: c@helpdesk.example',
        'X-Forwarded-For: b@gmail.example c@helpdesk.example',
        'X-Forwarded-For: a@gmail.example b@gmail.example',
      ]),
    ).toBe(true);
  });
  it('REQ-2, REQ-3: two Microsoft 365 inbox-rule redirects', () => {
    const lines = [
      'X-MS-Exchange-Inbox-Rules-Loop: b@acme.example',
      'X-MS-Exchange-Inbox-Rules-Loop: a@acme.example',
      'Delivered-To: c@helpdesk.example',
    ];
    expect(hops(lines)).toEqual(['a@acme.example', 'b@acme.example', 'c@helpdesk.example']);
    expect(warned(lines)).toBe(true);
  });
  it('REQ-2: a Microsoft 365 tenant routing address is the same mailbox, not another hop', () => {
    const lines = [
      'Delivered-To: acme@helpdesk.example',
      'X-MS-Exchange-ForwardingLoop: support@acme.example;2f1c8a3e-7b4d-4e5f-9a0b-1c2d3e4f5a6b',
      'Received: from a by b for <support@acme.mail.onmicrosoft.com>; Tue, 4 Mar 2025 10:00:01 +0000',
      'Received: from x by a for <support@acme.example>; Tue, 4 Mar 2025 10:00:00 +0000',
    ];
    expect(hops(lines)).toEqual(['support@acme.example', 'acme@helpdesk.example']);
    expect(warned(lines)).toBe(false);
    // Without the forwarding marker, only the Received chain names both forms: still one entry.
    const routingFirst = [lines[0]!, lines[2]!, lines[3]!];
    expect(hops(routingFirst)).toHaveLength(2);
    expect(warned(routingFirst)).toBe(false);
  });

  it('REQ-2: Resent-* blocks count one hop each', () => {
    expect(warned(['Resent-From: x@acme.example', 'Resent-Date: Tue, 4 Mar 2025 10:00:00 +0000'])).toBe(
      false,
    );
    expect(
      warned([
        'Resent-From: x@acme.example',
        'Resent-Date: Tue, 4 Mar 2025 10:00:01 +0000',
        'Resent-From: y@acme.example',
        'Resent-Date: Tue, 4 Mar 2025 10:00:00 +0000',
      ]),
    ).toBe(true);
  });
});

describe('createRequesterResolver', () => {
  it('per-message inputs in the shared context are defaults; per-call inputs override them', () => {
    const headers = parseHeaders('From: bob@acme.example\r\nSubject: Fwd: x\r\n\r\n');
    const forward = '---------- Forwarded message ---------\nFrom: Ann <ann@customer.example>\n';
    const resolve = createRequesterResolver({ agentAddresses: ['*@acme.example'], bodyText: forward });
    expect(resolve(headers).requester?.key).toBe('ann@customer.example');
    expect(resolve(headers, { bodyText: 'no forward here' }).requester?.key).toBe('bob@acme.example');
  });
});

describe('resolverContextFromCli (for `mailroom triage --support-address --agent-address --context`)', () => {
  it('appends the flags to the file lists and names flag problems by flag', () => {
    const { context, problems } = resolverContextFromCli({
      contextJson: { supportAddresses: ['support@acme.example'], systemAddresses: ['*@*.zendesk.com'] },
      supportAddresses: ['help@acme.example', 'nope'],
      agentAddresses: ['*@acme.example'],
    });
    expect(context).toEqual({
      supportAddresses: ['support@acme.example', 'help@acme.example'],
      systemAddresses: ['*@*.zendesk.com'],
      agentAddresses: ['*@acme.example'],
    });
    expect(problems).toEqual([{ path: '--support-address[1]', message: 'is not a valid address' }]);
  });

  it('works with flags only, and reports a context file that is not an object', () => {
    expect(resolverContextFromCli({ supportAddresses: ['a@b.example'] }).context).toEqual({
      supportAddresses: ['a@b.example'],
    });
    expect(resolverContextFromCli({ contextJson: [] }).problems).toEqual([
      { path: '--context', message: 'the context must be a JSON object' },
    ]);
  });

  it('resolutionColumns flattens a resolution for table and JSON output', () => {
    const headers = parseHeaders(
      'From: Shop <shop@forms.example>\r\nReply-To: Ann <ann@customer.example>\r\nTo: support@acme.example, carl@example.org\r\n\r\n',
    );
    const r = resolveRequester(headers, { supportAddresses: ['support@acme.example'] });
    expect(resolutionColumns(r)).toEqual({
      requester: 'Ann <ann@customer.example>',
      requesterSource: 'reply-to',
      recipient: 'support@acme.example',
      ccs: 'carl@example.org',
      warnings: 'reply-to-differs',
    });
  });
});
