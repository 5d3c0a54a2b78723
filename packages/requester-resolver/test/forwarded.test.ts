import { readFileSync } from 'node:fs';
import { parseHeaders } from '@mailroom/headers';
import {
  DEFAULT_FORWARD_TABLES,
  FORWARD_BLOCK_MARKERS,
  FORWARD_HEADER_LABELS,
  FORWARD_SUBJECT_PREFIXES,
  findForwardedOriginal,
  isForwardSubject,
  resolveRequester,
} from '@mailroom/requester-resolver';
import { describe, expect, it } from 'vitest';
import { ACME, fixturesDir, loadFixture } from './load-fixture.js';

interface ForwardCase {
  readonly file: string;
  readonly client: string;
  readonly language: string;
  readonly expect: { readonly address: string; readonly name: string; readonly source: string };
}

const cases: ForwardCase[] = JSON.parse(readFileSync(`${fixturesDir}forwards.json`, 'utf8'));

describe('REQ-1: an agent forward makes the original author the requester', () => {
  it('the fixtures cover at least 12 languages and every client family', () => {
    expect(new Set(cases.map((c) => c.language.split('-')[0])).size).toBeGreaterThanOrEqual(12);
    for (const client of [
      'gmail',
      'outlook-desktop',
      'outlook-web',
      'outlook-mobile',
      'apple-mail',
      'thunderbird',
    ]) {
      expect(cases.some((c) => c.client === client)).toBe(true);
    }
  });

  it.each(cases.map((c) => [c.file, c] as const))('REQ-1, REQ-4: %s', async (_file, c) => {
    const { headers, bodyText } = await loadFixture(c.file);
    const r = resolveRequester(headers, { ...ACME, bodyText });
    expect(r.requester).toMatchObject({
      address: c.expect.address,
      name: c.expect.name,
      source: 'forwarded-original',
    });
    // OUT-3: the agent forwarded to the helpdesk's ingestion alias of support@acme.example.
    expect(r.recipient?.address).toBe('support@acme.example');
    expect(r.warnings.map((w) => w.code)).not.toContain('forwarded-original-not-found');
  });

  it.each(cases.map((c) => [c.file, c] as const))(
    'REQ-1: %s from a non-agent keeps the sender',
    async (_file, c) => {
      const { headers, bodyText } = await loadFixture(c.file);
      const r = resolveRequester(headers, { supportAddresses: ACME.supportAddresses, bodyText });
      expect(r.requester).toMatchObject({ address: 'bob.agent@acme.example', source: 'from' });
    },
  );

  it("REQ-1: an HTML-only Outlook on the web forward, through mailparser's HTML-to-text, resolves too", async () => {
    const { headers, bodyText } = await loadFixture('forwards-html/outlook-web-html-only.eml');
    const r = resolveRequester(headers, { ...ACME, bodyText });
    expect(r.requester).toMatchObject({
      address: 'ann.example@customer.example',
      source: 'forwarded-original',
    });
  });

  it('REQ-1: without the body the agent stays requester and the resolver says the original was not found', async () => {
    const { headers } = await loadFixture('forwards/gmail-en.eml');
    const r = resolveRequester(headers, ACME);
    expect(r.requester).toMatchObject({ address: 'bob.agent@acme.example', source: 'from' });
    expect(r.warnings.map((w) => w.code)).toContain('forwarded-original-not-found');
  });
});

describe('forwarded-block recognition', () => {
  it('finds the author after a marker in quoted (`> `) text', () => {
    const body =
      'see below\n\n> -------- Forwarded Message --------\n> Subject: x\n> From: Ann <ann@example.com>\n';
    expect(findForwardedOriginal(body)?.address).toBe('ann@example.com');
  });

  it('reads Outlook `*From:*` (HTML-to-text), `[mailto:]` and `addr<mailto:addr>` forms', () => {
    for (const line of [
      '*From:* Ann Example <ann@example.com>',
      'From: Ann Example [mailto:ann@example.com]',
      'From: ann@example.com<mailto:ann@example.com>',
      'From: "Example, Ann" <ann@example.com>',
      'From: Ann Example <ann@example.com<mailto:ann@example.com>>',
      'From: *Ann Example* <ann@example.com>',
    ]) {
      expect(
        findForwardedOriginal(`FYI\n________________________________\n${line}\nSent: today\n`, {
          subjectIsForward: true,
        })?.address,
      ).toBe('ann@example.com');
    }
  });

  it('needs a marker, or a forward subject plus two labels: an ordinary "From:" sentence is not a forward', () => {
    const body = 'Hi,\nFrom: what I see the invoice is wrong.\nThanks';
    expect(findForwardedOriginal(body)).toBeNull();
    expect(findForwardedOriginal(body, { subjectIsForward: true })).toBeNull();
    expect(
      findForwardedOriginal('Hi\n\nFrom: Ann <ann@example.com>\nSent: Monday\n', { subjectIsForward: true })
        ?.address,
    ).toBe('ann@example.com');
    expect(findForwardedOriginal('Hi\n\nFrom: Ann <ann@example.com>\nSent: Monday\n')).toBeNull();
  });

  it('Gmail bold names and Outlook link forms give the plain name', () => {
    const body = '---------- Forwarded message ---------\nFrom: *Ann Example* <ann@example.com>\n';
    expect(findForwardedOriginal(body)).toMatchObject({ address: 'ann@example.com', name: 'Ann Example' });
  });

  it('REQ-1: an Exchange sender shown by name only (no address) is not an original author', () => {
    const headers = parseHeaders('From: bob@acme.example\r\nSubject: FW: x\r\n\r\n');
    const bodyText = 'FYI\n________________________________\nFrom: Smith, John\nSent: Monday\nTo: Support\n';
    const r = resolveRequester(headers, { ...ACME, bodyText });
    expect(r.requester?.key).toBe('bob@acme.example');
    expect(r.warnings.map((w) => w.code)).toContain('forwarded-original-not-found');
  });

  it('reply separators (Original Message, Outlook underscore line) open a block only under a forward subject', () => {
    for (const separator of [
      '-----Original Message-----',
      '________________________________',
      '-------- Originalnachricht --------',
    ]) {
      const body = `Thanks!\n\n${separator}\nFrom: Ann <ann@example.com>\nSent: Monday\n`;
      expect(findForwardedOriginal(body)).toBeNull();
      expect(findForwardedOriginal(body, { subjectIsForward: true })?.address).toBe('ann@example.com');
    }
  });

  it('REQ-1: an agent replying (RE:) with Outlook history and the helpdesk in Cc stays the requester', async () => {
    const { headers, bodyText } = await loadFixture('replies/outlook-agent-reply-with-history.eml');
    const r = resolveRequester(headers, { ...ACME, bodyText });
    expect(r.requester).toMatchObject({ address: 'bob.agent@acme.example', source: 'from' });
    expect(r.ccs.map((c) => c.key)).toEqual(['ann.example@customer.example']);
    expect(r.recipient).toMatchObject({ address: 'support@acme.example', source: 'delivered-to' });
  });

  it('a marker too far above the block does not count', () => {
    const body = `-------- Forwarded Message --------\n${'text\n'.repeat(20)}From: Ann <ann@example.com>\n`;
    expect(findForwardedOriginal(body)).toBeNull();
  });

  it('the tables are extensible data: a new language label works without code changes', () => {
    const body = '---------- Preposlana poruka ---------\nŠalje: Ana <ana@example.hr>\n';
    expect(findForwardedOriginal(body)).toBeNull();
    const tables = {
      blockMarkers: [
        ...FORWARD_BLOCK_MARKERS,
        { client: 'gmail', language: 'hr', phrase: 'Preposlana poruka' },
      ],
      headerLabels: [...FORWARD_HEADER_LABELS, { language: 'hr', field: 'from' as const, label: 'Šalje' }],
    };
    expect(findForwardedOriginal(body, { tables })?.address).toBe('ana@example.hr');
  });

  it('the label tables name at least 12 languages', () => {
    expect(new Set(DEFAULT_FORWARD_TABLES.headerLabels.map((l) => l.language)).size).toBeGreaterThanOrEqual(
      12,
    );
    const fromLabels = FORWARD_HEADER_LABELS.filter((l) => l.field === 'from').map((l) => l.label);
    for (const l of ['From', 'De', 'Von', 'Da', 'Van', 'Från', 'Fra', 'Od', 'От', '差出人', '发件人']) {
      expect(fromLabels).toContain(l);
    }
  });
});

describe('forward subject prefixes', () => {
  it.each([
    ['Fwd: x', 'Fwd'],
    ['FW: x', 'FW'],
    ['Fw: x', 'Fw'],
    ['TR: x', 'TR'],
    ['WG: x', 'WG'],
    ['RV: x', 'RV'],
    ['I: x', 'I'],
    ['Doorst: x', 'Doorst'],
    ['VS: x', 'VS'],
    ['PD: x', 'PD'],
    ['ENC: x', 'ENC'],
    ['VB: x', 'VB'],
    ['VL: x', 'VL'],
    ['转发：x', '转发'],
    ['Fwd[2]: x', 'Fwd'],
    ['FW : x', 'FW'],
    ['[EXTERNAL] FW: x', 'FW'],
    ['[Fwd: x]', 'Fwd'],
  ])('%s is a forward (%s)', (subject, prefix) => {
    expect(isForwardSubject(subject)).toBe(prefix);
  });

  it.each(['Re: Fwd: x', 'AW: x', 'Invoice: 2291', 'x', '', 'Info: Fw: x'])(
    '%s is not a forward',
    (subject) => {
      expect(isForwardSubject(subject)).toBeNull();
    },
  );

  it('covers the prefixes the issue lists', () => {
    const all = FORWARD_SUBJECT_PREFIXES.map((p) => p.prefix.toLowerCase());
    for (const p of ['fwd', 'fw', 'tr', 'wg', 'rv', 'i', 'doorst', 'vs', 'pd']) expect(all).toContain(p);
  });
});
