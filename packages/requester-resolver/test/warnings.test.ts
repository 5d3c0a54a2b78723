import { parseHeaders } from '@mailroom/headers';
import { resolveRequester } from '@mailroom/requester-resolver';
import { describe, expect, it } from 'vitest';
import { ACME, loadFixture } from './load-fixture.js';

const codes = (r: { warnings: readonly { code: string }[] }): string[] => r.warnings.map((w) => w.code);

describe('warnings, each from a fixture', () => {
  it('REQ-1: web form → Reply-To is the requester, reply-to-differs is raised', async () => {
    const { headers } = await loadFixture('warnings/reply-to-differs-web-form.eml');
    const r = resolveRequester(headers, ACME);
    expect(r.requester).toMatchObject({ address: 'tom.baker@gmail.example', source: 'reply-to' });
    expect(codes(r)).toEqual(['reply-to-differs']);
    expect(r.recipient).toMatchObject({ address: 'support@acme.example', source: 'delivered-to' });
  });

  it('REQ-1: from-only ignores Reply-To but still reports that it differs', async () => {
    const { headers } = await loadFixture('warnings/reply-to-differs-web-form.eml');
    const r = resolveRequester(headers, { ...ACME, replyToPolicy: 'from-only' });
    expect(r.requester).toMatchObject({ address: 'notifications@forms-platform.example', source: 'from' });
    expect(codes(r)).toContain('reply-to-differs');
  });

  it('REQ-1: reply-to-if-same-domain uses Reply-To only on From’s domain', async () => {
    const { headers } = await loadFixture('warnings/reply-to-differs-web-form.eml');
    expect(
      resolveRequester(headers, { ...ACME, replyToPolicy: 'reply-to-if-same-domain' }).requester?.source,
    ).toBe('from');
    const same = parseHeaders(
      'From: Shop <shop@example.com>\r\nReply-To: Orders <orders@example.com>\r\n\r\n',
    );
    expect(resolveRequester(same, { replyToPolicy: 'reply-to-if-same-domain' }).requester).toMatchObject({
      address: 'orders@example.com',
      source: 'reply-to',
    });
  });

  it('REQ-1: an outsider with an agent in Reply-To → reply-to-is-agent, the outsider stays requester', async () => {
    const { headers } = await loadFixture('warnings/reply-to-is-agent.eml');
    const r = resolveRequester(headers, ACME);
    expect(r.requester).toMatchObject({ address: 'billing@vendor-payments.example', source: 'from' });
    expect(codes(r)).toContain('reply-to-is-agent');
    expect(codes(r)).toContain('reply-to-differs');
  });

  it('LOOP-4: mail from the support address itself → from-is-support-address, no requester', async () => {
    const { headers } = await loadFixture('warnings/from-is-support-address.eml');
    const r = resolveRequester(headers, ACME);
    expect(r.requester).toBeNull();
    expect(codes(r)).toEqual([
      'from-is-support-address',
      'requester-is-support-address',
      'no-valid-requester',
    ]);
    expect(r.excluded).toContainEqual({
      address: 'support@acme.example',
      reason: 'support-address',
      field: 'From',
    });
  });

  it('LOOP-4, REQ-4: Reply-To names the support address (case differs) → skipped, From becomes requester', async () => {
    const { headers } = await loadFixture('warnings/requester-is-support-address.eml');
    const r = resolveRequester(headers, ACME);
    expect(r.requester).toMatchObject({ address: 'invoices@billing-platform.example', source: 'from' });
    expect(codes(r)).toContain('requester-is-support-address');
    expect(r.ccs.map((c) => c.key)).toEqual(['mette.jensen@kunde.example']);
  });

  it('LOOP-4: a newsletter test send with the helpdesk system address in Reply-To → requester-is-system-address', async () => {
    const { headers } = await loadFixture('warnings/requester-is-system-address.eml');
    const r = resolveRequester(headers, ACME);
    expect(r.requester).toMatchObject({ address: 'news@acme-mail.example', source: 'from' });
    expect(codes(r)).toContain('requester-is-system-address');
    expect(r.excluded).toContainEqual({
      address: 'noreply@helpdesk.example',
      reason: 'system-address',
      field: 'Reply-To',
    });
  });

  it('LOOP-3: mail from a partner helpdesk → requester-is-partner, no requester (reject)', async () => {
    const { headers } = await loadFixture('warnings/requester-is-partner.eml');
    const r = resolveRequester(headers, ACME);
    expect(r.requester).toBeNull();
    expect(codes(r)).toContain('requester-is-partner');
    expect(r.excluded).toContainEqual({
      address: 'support@partner-desk.example',
      reason: 'partner-address',
      field: 'From',
    });
  });

  it('REQ-2, REQ-3: Gmail forwarding then Microsoft 365 forwarding → multiple-forwarding-hops with the path', async () => {
    const { headers } = await loadFixture('warnings/multiple-forwarding-hops.eml');
    const r = resolveRequester(headers, ACME);
    // REQ-2: the requester is still chosen per REQ-1.
    expect(r.requester).toMatchObject({ address: 'ann.example@customer.example', source: 'from' });
    const w = r.warnings.find((x) => x.code === 'multiple-forwarding-hops');
    expect(w?.hops?.map((h) => h.address)).toEqual([
      'info@acme-legacy.example',
      'support@acme.example',
      'acme@helpdesk.example',
    ]);
    expect(w?.rules).toContain('REQ-2');
    // OUT-3: the most trusted evidence naming a support address is Delivered-To (the helpdesk alias).
    expect(r.recipient).toMatchObject({ address: 'support@acme.example', source: 'delivered-to' });
  });

  it('REQ-2: one Microsoft 365 forwarding hop is supported: no warning, path of two', async () => {
    const { headers } = await loadFixture('warnings/single-forwarding-hop.eml');
    const r = resolveRequester(headers, ACME);
    expect(codes(r)).not.toContain('multiple-forwarding-hops');
    expect(r.forwardingPath.map((h) => h.address)).toEqual(['support@acme.example', 'acme@helpdesk.example']);
    expect(r.ccs.map((c) => c.key)).toEqual(['carl.jones@customer.example']);
  });

  it('REQ-2: two Resent-* blocks are two hops', async () => {
    const { headers } = await loadFixture('warnings/resent-twice.eml');
    const r = resolveRequester(headers, ACME);
    expect(codes(r)).toContain('multiple-forwarding-hops');
    expect(r.requester).toMatchObject({ address: 'tom.baker@gmail.example', source: 'from' });
  });

  it('REQ-1: From <> and an empty group → no-valid-requester, the empty address is excluded as invalid', async () => {
    const { headers } = await loadFixture('warnings/no-valid-requester.eml');
    const r = resolveRequester(headers, ACME);
    expect(r.requester).toBeNull();
    expect(codes(r)).toContain('no-valid-requester');
    expect(r.excluded).toContainEqual({ address: '', reason: 'invalid', field: 'From' });
    expect(r.ccs).toEqual([]);
  });

  it('REQ-1: an agent forward as an attachment (no inline block) → forwarded-original-not-found', async () => {
    const { headers, bodyText } = await loadFixture('warnings/forwarded-as-attachment.eml');
    const r = resolveRequester(headers, { ...ACME, bodyText });
    expect(r.requester).toMatchObject({ address: 'bob.agent@acme.example', source: 'from' });
    expect(codes(r)).toContain('forwarded-original-not-found');
  });

  it('EXCH-3, LOOP-3, LOOP-4: CCs de-duplicated by addressKey (case, IDN), minus requester, support, system, partner', async () => {
    const { headers } = await loadFixture('warnings/ccs-dedup.eml');
    const r = resolveRequester(headers, ACME);
    expect(r.requester?.key).toBe('mette.jensen@kunde.example');
    expect(r.ccs.map((c) => c.key)).toEqual([
      'lars.jensen@kunde.example',
      'karin@kunde.example',
      'soeren@xn--bcher-kva.example',
      'bob.agent@acme.example',
    ]);
    expect(r.ccs[0]?.name).toBe('Jensen, Lars');
    expect(r.ccs[2]?.name).toBe('Søren Møller');
    const reasons = r.excluded.map((e) => `${e.reason}:${e.address}`);
    expect(reasons).toEqual(
      expect.arrayContaining([
        'support-address:support@acme.example',
        'partner-address:support@partner-desk.example',
        'system-address:notifications@acme.zendesk-like.helpdesk.example',
        'invalid:',
      ]),
    );
    expect(reasons.some((x) => x.startsWith('invalid:not-an-address'))).toBe(true);
  });
});

describe('bounces', () => {
  it('REQ-1: by default a bounce is from the mailer daemon', async () => {
    const { headers } = await loadFixture('bounces/dsn-final-recipient.eml');
    expect(resolveRequester(headers, ACME).requester).toMatchObject({
      address: 'MAILER-DAEMON@mail.acme.example',
    });
  });

  it('REQ-1: with bounceRequester final-recipient the failed recipient is the requester', async () => {
    const { headers, raw } = await loadFixture('bounces/dsn-final-recipient.eml');
    const reportText = raw.toString('utf8');
    const r = resolveRequester(headers, { ...ACME, bounceRequester: 'final-recipient', reportText });
    expect(r.requester).toMatchObject({ address: 'tom.baker@gmail.example', source: 'dsn-final-recipient' });
  });

  it('REQ-1: final-recipient asked but absent → final-recipient-not-found and REQ-1 fallback', async () => {
    const { headers, bodyText } = await loadFixture('bounces/bounce-without-report.eml');
    const r = resolveRequester(headers, { ...ACME, bounceRequester: 'final-recipient', bodyText });
    expect(codes(r)).toContain('final-recipient-not-found');
    expect(r.requester).toMatchObject({ address: 'postmaster@oldhost.example', source: 'from' });
  });

  it('LOOP-4: a failed recipient that is a support address never becomes the requester', () => {
    const headers = parseHeaders(
      'From: MAILER-DAEMON@x.example\r\nX-Failed-Recipients: support@acme.example\r\n\r\n',
    );
    const r = resolveRequester(headers, { ...ACME, bounceRequester: 'final-recipient' });
    expect(r.requester?.key).toBe('mailer-daemon@x.example');
    expect(codes(r)).toContain('requester-is-support-address');
  });
});

describe('REQ-1 order', () => {
  it('REQ-1: Reply-To, else From, else Sender', () => {
    const r = (lines: string[]) =>
      resolveRequester(parseHeaders(`${lines.join('\r\n')}\r\n\r\n`), {}).requester;
    expect(r(['From: a@x.example', 'Reply-To: b@x.example', 'Sender: c@x.example'])).toMatchObject({
      key: 'b@x.example',
      source: 'reply-to',
    });
    expect(r(['From: a@x.example', 'Sender: c@x.example'])).toMatchObject({
      key: 'a@x.example',
      source: 'from',
    });
    expect(r(['From: not an address', 'Reply-To: <>', 'Sender: C@X.example'])).toMatchObject({
      address: 'C@X.example',
      key: 'c@x.example',
      source: 'sender',
    });
    expect(r(['From: a@x.example', 'Reply-To: "Group": ;'])).toMatchObject({
      key: 'a@x.example',
      source: 'from',
    });
  });
});

describe('LOOP-3 on From', () => {
  it('LOOP-3: mail from a partner is rejected even when its Reply-To names a customer', () => {
    const headers = parseHeaders(
      'From: Partner <support@partner-desk.example>\r\nReply-To: ann@customer.example\r\nTo: support@acme.example\r\n\r\n',
    );
    const r = resolveRequester(headers, ACME);
    expect(r.requester).toBeNull();
    expect(codes(r)).toContain('requester-is-partner');
  });
});
