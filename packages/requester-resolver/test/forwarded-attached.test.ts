import { readFileSync } from 'node:fs';
import {
  attachedMessages,
  createHeaderList,
  type HeaderList,
  parseHeaders,
  textBody,
} from '@mailroom/headers';
import { createRequesterResolver, resolveRequester } from '@mailroom/requester-resolver';
import { describe, expect, it } from 'vitest';
import { ACME, fixturesDir } from './load-fixture.js';

/** A fixture as the CLI reads it: headers, the text part and the attached messages, all through @mailroom/headers. */
function load(name: string): { headers: HeaderList; bodyText: string; attached: HeaderList[] } {
  const raw = new Uint8Array(readFileSync(`${fixturesDir}forwards-attached/${name}`));
  const headers = parseHeaders(raw);
  return {
    headers,
    bodyText: textBody(raw, headers),
    attached: attachedMessages(raw, headers).map((a) => a.headers),
  };
}

const CASES = [
  ['outlook-desktop-en.eml', 'ann.example@customer.example', 'Ann Example'],
  // Thunderbird keeps the original's Reply-To: REQ-1 takes it, as for any mail from that customer.
  ['thunderbird-de.eml', 'einkauf@kunde.example', 'Einkauf Müller AG'],
  ['gmail-en.eml', 'chen.wei@client.example', 'Chen Wei'],
] as const;

describe('REQ-1: an agent forward sent as an attachment (message/rfc822) makes the original author the requester', () => {
  it.each(CASES)('REQ-1, REQ-4: %s', (file, address, name) => {
    const { headers, bodyText, attached } = load(file);
    expect(attached).toHaveLength(1);
    const r = resolveRequester(headers, { ...ACME, bodyText, attachedMessages: attached });
    expect(r.requester).toMatchObject({ address, name, source: 'forwarded-original' });
    expect(r.recipient?.address).toBe('support@acme.example');
    expect(r.warnings.map((w) => w.code)).not.toContain('forwarded-original-not-found');
    expect(r.explanation.join(' ')).toMatch(/forwarded a message as an attachment \(message\/rfc822 #1/);
  });

  it('REQ-1: without the attached messages the forward is reported, not guessed (the resolver stays compatible)', () => {
    const { headers, bodyText } = load('outlook-desktop-en.eml');
    const r = resolveRequester(headers, { ...ACME, bodyText });
    expect(r.requester?.address).toBe('bob.agent@acme.example');
    expect(r.warnings.map((w) => w.code)).toContain('forwarded-original-not-found');
  });

  it('REQ-1: the Reply-To policy applies to the attached original (from-only takes its From)', () => {
    const { headers, bodyText, attached } = load('thunderbird-de.eml');
    const resolve = createRequesterResolver({ ...ACME, replyToPolicy: 'from-only' });
    const r = resolve(headers, { bodyText, attachedMessages: attached });
    expect(r.requester).toMatchObject({ address: 'lukas.meier@kunde.example', source: 'forwarded-original' });
  });

  it('REQ-1: the agent guard applies to the attached original as to the message itself (no From, Reply-To an agent)', () => {
    const { headers, bodyText } = load('outlook-desktop-en.eml');
    const attached = createHeaderList([
      { name: 'Sender', value: 'Ann Example <ann.example@customer.example>' },
      { name: 'Reply-To', value: 'Bob Agent <bob.agent@acme.example>' },
      { name: 'Subject', value: 'Invoice 2291 is wrong' },
    ]);
    const r = resolveRequester(headers, { ...ACME, bodyText, attachedMessages: [attached] });
    expect(r.requester).toMatchObject({
      address: 'ann.example@customer.example',
      source: 'forwarded-original',
    });
    expect(r.explanation.join(' ')).toMatch(/its author is the attached message's Sender/);
  });

  it('REQ-4, LOOP-4: an attached message from a support address is never the requester', () => {
    const { headers, bodyText } = load('outlook-desktop-en.eml');
    const own = createHeaderList([
      { name: 'From', value: 'Acme Support <support@acme.example>' },
      { name: 'Subject', value: 'Invoice 2291 is wrong' },
    ]);
    const r = resolveRequester(headers, { ...ACME, bodyText, attachedMessages: [own] });
    expect(r.requester?.source).not.toBe('forwarded-original');
    expect(r.excluded).toContainEqual({
      address: 'support@acme.example',
      reason: 'support-address',
      field: 'attached-message From',
    });
  });

  it('REQ-1: a customer who attaches a message is the requester (only agents and support forwards are opened)', () => {
    const { bodyText, attached } = load('outlook-desktop-en.eml');
    const customer = createHeaderList([
      { name: 'From', value: 'Dana <dana@northwind.example>' },
      { name: 'To', value: 'support@acme.example' },
      { name: 'Subject', value: 'FW: Invoice 2291 is wrong' },
    ]);
    const r = resolveRequester(customer, { ...ACME, bodyText, attachedMessages: attached });
    expect(r.requester).toMatchObject({ address: 'dana@northwind.example', source: 'from' });
  });

  it('REQ-1: without a forward subject an attachment counts only when it has the same subject', () => {
    const { attached } = load('gmail-en.eml');
    const agent = (subject: string): HeaderList =>
      createHeaderList([
        { name: 'From', value: 'Bob Agent <bob.agent@acme.example>' },
        { name: 'To', value: 'acme@helpdesk.example' },
        { name: 'Subject', value: subject },
      ]);
    const same = resolveRequester(agent('Cannot log in since the password reset'), {
      ...ACME,
      attachedMessages: attached,
    });
    expect(same.requester).toMatchObject({
      address: 'chen.wei@client.example',
      source: 'forwarded-original',
    });
    const other = resolveRequester(agent('Minutes of our meeting, see the mail attached'), {
      ...ACME,
      attachedMessages: attached,
    });
    expect(other.requester).toMatchObject({ address: 'bob.agent@acme.example', source: 'from' });
  });

  it('REQ-1: several attached originals: the first author is the requester and the others are mentioned', () => {
    const { headers, bodyText, attached } = load('outlook-desktop-en.eml');
    const second = createHeaderList([{ name: 'From', value: 'Zoe <zoe@other.example>' }]);
    const r = resolveRequester(headers, { ...ACME, bodyText, attachedMessages: [...attached, second] });
    expect(r.requester?.address).toBe('ann.example@customer.example');
    expect(r.explanation.join(' ')).toContain('1 more attached message(s) name other authors');
  });

  it('REQ-1: an inline forwarded block wins over an attachment', () => {
    const { headers, attached } = load('outlook-desktop-en.eml');
    const bodyText =
      'FYI\n\n---------- Forwarded message ---------\nFrom: Carl <carl@inline.example>\nSubject: x\n';
    const r = resolveRequester(headers, { ...ACME, bodyText, attachedMessages: attached });
    expect(r.requester?.address).toBe('carl@inline.example');
  });

  it('malformed attachedMessages entries (not HeaderLists) are ignored, never thrown on', () => {
    const { headers, bodyText } = load('outlook-desktop-en.eml');
    const junk = [null, 42, 'From: x@y', {}] as unknown as HeaderList[];
    const r = resolveRequester(headers, { ...ACME, bodyText, attachedMessages: junk });
    expect(r.warnings.map((w) => w.code)).toContain('forwarded-original-not-found');
  });
});
