import { readFileSync } from 'node:fs';
import {
  addresses,
  decodeEncodedWords,
  fromParsedMail,
  inReplyTo,
  messageId,
  parseHeaders,
  receivedChain,
  references,
} from '@mailroom/headers';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';

const raw = readFileSync(new URL('./fixtures/thunderbird-request.eml', import.meta.url));

describe('fromParsedMail', () => {
  it('gives the same fields as parseHeaders from a real simpleParser result, with no bodyOffset', async () => {
    const parsed = await simpleParser(raw);
    const list = fromParsedMail(parsed);
    const direct = parseHeaders(new Uint8Array(raw));
    expect(list.fields).toEqual(direct.fields);
    expect(list.defects).toEqual([]);
    expect(list.bodyOffset).toBeNull();
    expect(direct.bodyOffset).toBe(raw.indexOf('\r\n\r\n') + 4);
  });

  it('the accessors read it as mailparser does', async () => {
    const parsed = await simpleParser(raw);
    const list = fromParsedMail(parsed);
    expect(decodeEncodedWords(list.get('subject')!)).toBe(parsed.subject);
    expect(decodeEncodedWords(list.get('subject')!)).toBe(
      'Drucker im Büro druckt nicht mehr – bitte um Hilfe',
    );
    const from = addresses(list, 'from');
    expect(from.map((m) => [m.address, m.name])).toEqual(parsed.from!.value.map((m) => [m.address, m.name]));
    const cc = Array.isArray(parsed.cc) ? parsed.cc.flatMap((c) => c.value) : parsed.cc!.value;
    expect(addresses(list, 'cc').map((m) => [m.address, m.name])).toEqual(cc.map((m) => [m.address, m.name]));
    expect(addresses(list, 'cc').map((m) => m.name)).toEqual(['Björn Schröder', 'Weber, Anna']);
    expect(`<${messageId(list)}>`).toBe(parsed.messageId);
    expect(inReplyTo(list).map((id) => `<${id}>`)).toEqual([parsed.inReplyTo]);
    expect(references(list).map((id) => `<${id}>`)).toEqual(parsed.references);
    expect(receivedChain(list).map((h) => h.by)).toEqual(['mx1.helpdesk.example.com', 'mail.example.de']);
  });

  it('accepts the minimal shape it documents', () => {
    const list = fromParsedMail({ headerLines: [{ key: 'subject', line: 'Subject: hi' }] });
    expect(list.get('subject')).toBe('hi');
  });
});
