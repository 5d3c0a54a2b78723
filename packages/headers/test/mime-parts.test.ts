import { readFileSync } from 'node:fs';
import {
  attachedMessages,
  DEFAULT_MIME_LIMITS,
  type MimePart,
  mimeParts,
  parseHeaders,
  partBytes,
  partText,
  textBody,
} from '@mailroom/headers';
import { describeCorpus, readCorpusMessages } from '@mailroom/test-support';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';

const fixture = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`./fixtures/mime/${name}`, import.meta.url)));
const enc = (text: string): Uint8Array => new TextEncoder().encode(text.replaceAll('\n', '\r\n'));

function walk(raw: Uint8Array): { parts: MimePart[]; shape: string[] } {
  const parts = [...mimeParts(raw, parseHeaders(raw))];
  return { parts, shape: parts.map((p) => `${p.path || 'root'} ${p.mediaType}`) };
}

describe('mimeParts: realistic client mail', () => {
  it('Gmail multipart/alternative with base64 UTF-8 parts: tree, decoded text, HTML reduced to lines', () => {
    const raw = fixture('gmail-alternative-base64.eml');
    const { parts, shape } = walk(raw);
    expect(shape).toEqual(['root multipart/alternative', '1 text/plain', '2 text/html']);
    expect(parts[1]).toMatchObject({
      transferEncoding: 'base64',
      charset: 'utf-8',
      disposition: null,
      filename: null,
    });
    expect(partText(raw, parts[1]!)).toContain('ラベルの右端が 3 mm ほど切れて印刷されます。\r\n');
    const html = partText(raw, parts[2]!);
    expect(html).toContain('佐藤 花子');
    expect(html).toContain('\nLP-400 のファームウェア');
    expect(html).not.toContain('<div');
    expect(textBody(raw, parseHeaders(raw))).toBe(partText(raw, parts[1]!));
    // A part serializes to its public fields only (not the message bytes).
    const json = JSON.parse(JSON.stringify(parts[1]));
    expect(Object.keys(json).some((k) => k.startsWith('_'))).toBe(false);
    expect(json).toMatchObject({
      path: '1',
      mediaType: 'text/plain',
      transferEncoding: 'base64',
      charset: 'utf-8',
    });
  });

  it('Outlook multipart/alternative in windows-1252 quoted-printable: soft breaks joined, € decoded, styles dropped', () => {
    const raw = fixture('outlook-alternative-qp.eml');
    const { parts, shape } = walk(raw);
    expect(shape).toEqual(['root multipart/alternative', '1 text/plain', '2 text/html']);
    const plain = partText(raw, parts[1]!);
    expect(plain).toContain('lists 12 printers at 489,00 € each; the quote said 449,00 €.\r\n');
    expect(plain).toContain('Northwind Traders – Purchasing');
    const html = partText(raw, parts[2]!);
    expect(html).not.toContain('MsoNormal');
    expect(html).toContain('489,00 € each; the quote said 449,00 €.');
    expect(html).toContain('Northwind Traders – Purchasing');
  });

  it('Apple Mail multipart/alternative (folded Content-Type, utf-8 quoted-printable)', () => {
    const raw = fixture('apple-mail-alternative-qp.eml');
    const { parts, shape } = walk(raw);
    expect(shape).toEqual(['root multipart/alternative', '1 text/plain', '2 text/html']);
    expect(parts[1]!.charset).toBe('utf-8');
    expect(textBody(raw, parseHeaders(raw))).toContain('Lager in Köln jeden dritten Auftrag nicht.');
  });

  it('nested multipart/mixed > related > alternative with an inline image and an RFC 2231 PDF attachment', () => {
    const raw = fixture('outlook-nested-mixed-attachments.eml');
    const { parts, shape } = walk(raw);
    expect(shape).toEqual([
      'root multipart/mixed',
      '1 multipart/related',
      '1.1 multipart/alternative',
      '1.1.1 text/plain',
      '1.1.2 text/html',
      '1.2 image/png',
      '2 application/pdf',
    ]);
    const png = parts[5]!;
    expect(png).toMatchObject({ disposition: 'inline', filename: 'image001.png', depth: 2 });
    expect([...partBytes(raw, png).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    const pdf = parts[6]!;
    expect(pdf).toMatchObject({ disposition: 'attachment', filename: 'Rechnung 2026-1187 überarbeitet.pdf' });
    const bytes = partBytes(raw, pdf);
    expect(new TextDecoder().decode(bytes.subarray(0, 8))).toBe('%PDF-1.7');
    expect(bytes.length).toBe(58 + 1024 + 7); // header line, 4 × bytes 0–255, %%EOF line
    expect([...bytes.subarray(58, 58 + 256)]).toEqual(Array.from({ length: 256 }, (_, i) => i));
    expect(partBytes(raw, pdf, { maxBytes: 10 }).length).toBe(10);
    expect(textBody(raw, parseHeaders(raw))).toBe(
      'Hi, the corrected invoice is attached, and the photo shows the cut label.\r\n\r\nRosa\r\n',
    );
    // Byte ranges: each part lies inside its parent, bodies after their header blocks.
    for (const p of parts.slice(1)) {
      const parent = parts.find((q) => q.path === p.path.split('.').slice(0, -1).join('.'))!;
      expect(p.start).toBeGreaterThanOrEqual(parent.bodyStart);
      expect(p.end).toBeLessThanOrEqual(parent.end);
      expect(p.bodyStart).toBeGreaterThanOrEqual(p.start);
    }
  });

  it('Exchange Online NDR (multipart/report): the alternative inside, the delivery-status fields, the returned original', () => {
    const raw = fixture('exchange-online-ndr.eml');
    const { parts, shape } = walk(raw);
    expect(shape).toEqual([
      'root multipart/report',
      '1 multipart/alternative',
      '1.1 text/plain',
      '1.2 text/html',
      '2 message/delivery-status',
      '3 message/rfc822',
    ]);
    expect(parts[0]!.contentType.params.get('report-type')).toBe('delivery-status');
    expect(partText(raw, parts[4]!)).toContain(
      'Final-Recipient: rfc822;billing@acme.example\r\nAction: failed',
    );
    expect(textBody(raw, parseHeaders(raw))).toContain("billing wasn't found at acme.example.");
    const [returned] = attachedMessages(raw, parseHeaders(raw));
    expect(returned?.headers.get('to')).toBe('billing@acme.example');
    expect(returned?.part.path).toBe('3');
  });

  it('Thunderbird forward as attachment: the message/rfc822 part, its file name and its own header block', () => {
    const raw = fixture('thunderbird-forward-as-attachment.eml');
    const headers = parseHeaders(raw);
    const { shape } = walk(raw);
    // The attached message is a part, not opened: its own text/plain is not walked.
    expect(shape).toEqual(['root multipart/mixed', '1 text/plain', '2 message/rfc822']);
    // format=flowed text comes back with LF line ends (libmime's RFC 3676 decoder).
    expect(textBody(raw, headers)).toBe('Please open a ticket for Tomas, original attached.\n\nTom');
    const attached = attachedMessages(raw, headers);
    expect(attached).toHaveLength(1);
    expect(attached[0]!.part).toMatchObject({
      disposition: 'attachment',
      filename: 'Label printer offline after the update.eml',
    });
    expect(attached[0]!.headers.get('reply-to')).toBe('Fernbrook Purchasing <purchasing@fernbrook.example>');
    // The attached bytes walk on their own; format=flowed lines are joined (RFC 3676).
    const inner = attached[0]!;
    expect(textBody(inner.raw, inner.headers)).toContain('shows "offline" although it is on the network.');
  });

  it('a base64-encoded message/rfc822 part is decoded before its headers are read', () => {
    const original = 'From: Ann <ann@customer.example>\r\nSubject: Hi\r\n\r\nBody\r\n';
    const raw = enc(
      [
        'From: bob@acme.example',
        'Content-Type: multipart/mixed; boundary=b',
        '',
        '--b',
        'Content-Type: text/plain',
        '',
        'see attached',
        '--b',
        'Content-Type: message/rfc822',
        'Content-Transfer-Encoding: base64',
        '',
        btoa(original),
        '--b--',
        '',
      ].join('\n'),
    );
    expect(attachedMessages(raw, parseHeaders(raw))[0]?.headers.get('from')).toBe(
      'Ann <ann@customer.example>',
    );
  });
});

describe('mimeParts: malformed structure and bounds', () => {
  it('a multipart without a boundary parameter uses its first "--" line and says so', () => {
    const raw = enc('Content-Type: multipart/mixed\n\n--xyz\n\nfirst\n--xyz\n\nsecond\n--xyz--\n');
    const w = mimeParts(raw, parseHeaders(raw));
    expect([...w].map((p) => p.path)).toEqual(['', '1', '2']);
    expect(w.defects.map((d) => d.code)).toEqual(['boundary-missing']);
    expect(textBody(raw, parseHeaders(raw))).toBe('first');
  });

  it('a boundary that is a prefix of another is not confused with it', () => {
    const raw = enc(
      [
        'Content-Type: multipart/mixed; boundary="b"',
        '',
        '--b',
        'Content-Type: multipart/alternative; boundary="b-inner"',
        '',
        '--b-inner',
        '',
        'inner one',
        '--b-inner',
        '',
        'inner two',
        '--b-inner--',
        '--b',
        '',
        'outer two',
        '--b--',
      ].join('\n'),
    );
    expect(walk(raw).shape).toEqual([
      'root multipart/mixed',
      '1 multipart/alternative',
      '1.1 text/plain',
      '1.2 text/plain',
      '2 text/plain',
    ]);
  });

  it('a missing close delimiter runs the last part to the end; a longer-than-allowed boundary is not opened', () => {
    const open = enc('Content-Type: multipart/mixed; boundary=b\n\n--b\n\nunclosed text');
    const w = mimeParts(open, parseHeaders(open));
    expect([...w].length).toBe(2);
    expect(w.defects.map((d) => d.code)).toContain('no-close-delimiter');
    expect(textBody(open, parseHeaders(open))).toBe('unclosed text');
    const long = enc(
      `Content-Type: multipart/mixed; boundary=${'x'.repeat(300)}\n\n--${'x'.repeat(300)}\n\nhi\n`,
    );
    const lw = mimeParts(long, parseHeaders(long));
    expect([...lw].length).toBe(1);
    expect(lw.defects.map((d) => d.code)).toEqual(['boundary-too-long']);
  });

  it('depth, part count and scan bounds stop the walk and set truncated', () => {
    let nested = 'x';
    for (let i = 20; i > 0; i--)
      nested = `Content-Type: multipart/mixed; boundary=b${i}\n\n--b${i}\n${nested}\n--b${i}--`;
    const deep = enc(nested);
    const dw = mimeParts(deep, parseHeaders(deep), { limits: { maxDepth: 5 } });
    expect(Math.max(...[...dw].map((p) => p.depth))).toBe(5);
    expect(dw.truncated).toBe(true);
    expect(dw.defects.map((d) => d.code)).toContain('depth-limit');
    const many = enc(`Content-Type: multipart/mixed; boundary=b\n\n${'--b\n\nx\n'.repeat(1000)}--b--\n`);
    const mw = mimeParts(many, parseHeaders(many));
    expect([...mw].length).toBe(DEFAULT_MIME_LIMITS.maxParts);
    expect(mw.defects.map((d) => d.code)).toEqual(['part-limit']);
    const sw = mimeParts(many, parseHeaders(many), { limits: { maxScanBytes: 100 } });
    expect([...sw].every((p) => p.end <= parseHeaders(many).bodyOffset! + 100)).toBe(true);
    expect(sw.truncated).toBe(true);
  });

  it('walking is lazy: stopping after the first text part never reads the parts after it', () => {
    // A body whose tail would cost 5,000 parts to walk; the first part is all a caller needs.
    const raw = enc(
      `Content-Type: multipart/mixed; boundary=b\n\n--b\n\nfirst\n${'--b\n\nx\n'.repeat(5000)}--b--\n`,
    );
    const w = mimeParts(raw, parseHeaders(raw));
    let seen = 0;
    for (const part of w) {
      seen++;
      if (part.mediaType === 'text/plain') break;
    }
    expect(seen).toBe(2);
    expect(w.truncated).toBe(false);
  });

  it('bad options are programmer errors with a message saying how to fix the call', () => {
    const raw = enc('Subject: x\n\nbody');
    expect(() => mimeParts(raw, parseHeaders(raw), { limits: { maxParts: 0 } })).toThrow(
      /maxParts must be a positive integer/,
    );
    expect(() => mimeParts('text' as unknown as Uint8Array, parseHeaders(raw))).toThrow(/Uint8Array/);
  });

  it('quoted-printable and base64 decoders: soft breaks with trailing space, lone "=", concatenated base64 segments', () => {
    const raw = enc(
      [
        'Content-Type: multipart/mixed; boundary=b',
        '',
        '--b',
        'Content-Transfer-Encoding: quoted-printable',
        '',
        'caf=C3=A9 =  ',
        'au lait =3D 2=E2=82=AC, 50% =ZZ off=',
        '--b',
        'Content-Transfer-Encoding: base64',
        '',
        'QQ==Qg==',
        '--b--',
      ].join('\n'),
    );
    const parts = walk(raw).parts;
    expect(partText(raw, parts[1]!)).toBe('café au lait = 2€, 50% =ZZ off');
    expect(partText(raw, parts[2]!)).toBe('AB');
  });

  it('charsets beyond UTF-8: ISO-2022-JP, KOI8-R, an unknown label falls back to UTF-8', () => {
    const part = (charset: string, body: string): Uint8Array =>
      enc(`Content-Type: text/plain; charset=${charset}\nContent-Transfer-Encoding: base64\n\n${body}\n`);
    const jis = part('iso-2022-jp', 'GyRCJDMkcyRLJEEkTxsoQg==');
    expect(textBody(jis, parseHeaders(jis))).toBe('こんにちは');
    const koi = part('koi8-r', '8NLJ18XU');
    expect(textBody(koi, parseHeaders(koi))).toBe('Привет');
    const unknown = part('x-made-up', btoa('plain ascii'));
    expect(textBody(unknown, parseHeaders(unknown))).toBe('plain ascii');
  });
});

const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

describeCorpus('sisimai', 'textBody against mailparser on the sisimai corpus', () => {
  // simpleParser's `text` joins every inline text part; textBody is the first one, so it must start simpleParser's.
  it("the first text/plain part is where simpleParser's text starts, for the messages that have one", async () => {
    let compared = 0;
    const differ: string[] = [];
    for (const [name, raw] of readCorpusMessages('sisimai')) {
      const parsed = await simpleParser(Buffer.from(raw));
      const headers = parseHeaders(raw);
      const hasPlain = [...mimeParts(raw, headers)].some(
        (p) => p.mediaType === 'text/plain' && p.disposition !== 'attachment',
      );
      if (!hasPlain || parsed.text === undefined) continue;
      compared++;
      const ours = collapse(textBody(raw, headers));
      if (ours === '' || !collapse(parsed.text).startsWith(ours)) differ.push(name);
    }
    console.log(
      `textBody vs simpleParser: ${compared - differ.length}/${compared} agree; differ: ${differ.join(', ')}`,
    );
    expect(compared).toBeGreaterThan(400);
    // Measured: 546/551 (four ezweb bounces in mislabeled Japanese charsets, one x1 bounce simpleParser mis-splits).
    expect(differ.length).toBeLessThanOrEqual(5);
  });
});
