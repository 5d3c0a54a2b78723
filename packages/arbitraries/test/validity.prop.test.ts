import { fc, test } from '@fast-check/vitest';
import {
  ADDRESS_KINDS,
  address,
  addressList,
  ENCODED_WORD_CHARSETS,
  headerBlock,
  headerField,
  hostileHeaderBlock,
  mailbox,
  message,
} from '@mailroom/arbitraries';
import {
  addressKey,
  decodeEncodedWords,
  parseAddressList,
  parseDate,
  parseHeaders,
  parseMessageIds,
} from '@mailroom/headers';
import { describe, expect, it } from 'vitest';

// The fast-check contract, part 2: values are valid by construction wherever the generator says so.
describe('valid by construction', () => {
  test.prop([address()], { numRuns: 300 })(
    'every address has a non-null addressKey on its ASCII domain',
    (a) => {
      const key = addressKey(a.address);
      expect(key).not.toBeNull();
      expect(key!.endsWith(`@${a.asciiDomain}`)).toBe(true);
      expect(a.address).toBe(`${a.localPart}@${a.domain}`);
    },
  );

  for (const kind of ADDRESS_KINDS) {
    test.prop([address({ kinds: [kind] })], { numRuns: 50 })(
      `address({ kinds: ['${kind}'] }) gives only ${kind}`,
      (a) => {
        expect(a.kind).toBe(kind);
        if (kind === 'idn') expect(a.domain).not.toBe(a.asciiDomain);
        if (kind === 'idn') expect(new URL(`http://${a.domain}/`).hostname).toBe(a.asciiDomain);
        if (kind === 'plus-tag') expect(a.localPart).toContain('+');
        if (kind === 'quoted') expect(a.localPart).toMatch(/^".*"$/);
        if (kind === 'ip-literal') expect(a.domain).toMatch(/^\[.*\]$/);
      },
    );
  }

  test.prop([mailbox()], { numRuns: 300 })(
    'a mailbox round-trips through parseAddressList of its formatted form',
    (m) => {
      const parsed = parseAddressList(m.formatted);
      expect(parsed).toHaveLength(1);
      expect(parsed[0]!.address).toBe(m.address.address);
      expect(parsed[0]!.name).toBe(m.name);
    },
  );

  test.prop([addressList()], { numRuns: 200 })(
    'an address list parses to its mailboxes, groups included, in order',
    (l) => {
      const parsed = parseAddressList(l.formatted);
      expect(parsed.map((p) => [p.address, p.name, p.group])).toEqual(
        l.mailboxes.map((m) => [m.address.address, m.name, m.group]),
      );
    },
  );

  test.prop([headerField()], { numRuns: 300 })('a header field decodes to its decoded text', (f) => {
    expect(decodeEncodedWords(f.value)).toBe(f.decoded);
    expect(f.lines[0]!.startsWith(`${f.name}:`)).toBe(true);
    for (const line of f.lines.slice(1)) expect(line).toMatch(/^[ \t]\S/);
  });

  test.prop([headerBlock()], { numRuns: 150 })(
    'a header block parses to its fields, without defects',
    (b) => {
      const parsed = parseHeaders(b.raw);
      expect(parsed.defects).toEqual([]);
      expect(parsed.fields).toEqual(b.fields.map((f) => ({ name: f.name, value: f.value })));
      for (const f of b.fields) {
        if (f.timestamp !== undefined) expect(parseDate(f.value)).toBe(f.timestamp);
        if (f.messageIds !== undefined) expect(parseMessageIds(f.value)).toEqual(f.messageIds);
        if (f.mailboxes !== undefined) {
          expect(parseAddressList(f.value).map((m) => m.address)).toEqual(
            f.mailboxes.map((m) => m.address.address),
          );
        }
      }
    },
  );

  test.prop([message()], { numRuns: 150 })(
    'a message body starts at bodyOffset, for strings and for bytes',
    (m) => {
      const fromText = parseHeaders(m.raw);
      expect(m.raw.slice(fromText.bodyOffset!)).toBe(m.body);
      const bytes = new TextEncoder().encode(m.raw);
      const fromBytes = parseHeaders(bytes);
      expect(new TextDecoder().decode(bytes.subarray(fromBytes.bodyOffset!))).toBe(m.body);
      expect(fromBytes.fields).toEqual(fromText.fields);
      expect(m.raw).toBe(`${m.headerBlock}${m.eol}${m.body}`);
    },
  );

  test.prop([hostileHeaderBlock({ manyFields: 2000, maxLineLength: 5000 })], { numRuns: 100 })(
    'a hostile block holds the trouble its kinds name',
    (h) => {
      const text = new TextDecoder('latin1').decode(h.raw);
      expect(h.kinds.length).toBeGreaterThan(0);
      if (h.kinds.includes('nul-bytes')) expect(h.raw).toContain(0);
      if (h.kinds.includes('eight-bit')) expect(h.raw.some((b) => b >= 0x80)).toBe(true);
      if (h.kinds.includes('prototype-names'))
        expect(text).toMatch(
          /(^|[\r\n])(__proto__|constructor|hasOwnProperty|prototype|toString|valueOf|__defineGetter__|isPrototypeOf):/,
        );
      if (h.kinds.includes('huge-line'))
        expect(text.split(/\r\n|\r|\n/).some((l) => l.length > 998)).toBe(true);
    },
  );
});

describe('hostileHeaderBlock at its defaults', () => {
  test('10,000 fields are generated when many-fields takes its default size', () => {
    const values = fc.sample(hostileHeaderBlock({ maxPieces: 1 }), { seed: 3, numRuns: 200 });
    const counts = values
      .filter((v) => v.kinds[0] === 'many-fields')
      .map((v) => new TextDecoder('latin1').decode(v.raw).match(/X-Field-\d+:/g)?.length ?? 0);
    expect(counts).toContain(10_000);
  });
});

// A generator that silently stopped producing one of its shapes would still pass the properties above.
describe('every advertised shape is actually generated', () => {
  it('address: every kind', () => {
    const kinds = new Set(fc.sample(address(), { seed: 1, numRuns: 500 }).map((a) => a.kind));
    expect([...kinds].sort()).toEqual([...ADDRESS_KINDS].sort());
  });

  it('mailbox: every name style', () => {
    const styles = new Set(fc.sample(mailbox(), { seed: 1, numRuns: 500 }).map((m) => m.nameStyle));
    expect([...styles].sort()).toEqual(['angle-only', 'comment', 'encoded', 'none', 'quoted', 'words']);
  });

  it('headerField: encoded words in every charset, in B and in Q, and folded lines', () => {
    const fields = fc.sample(headerField(), { seed: 1, numRuns: 1000 });
    const seen = new Set<string>();
    for (const f of fields)
      for (const m of f.value.matchAll(/=\?([^?]+)\?([BQ])\?/g)) seen.add(`${m[1]} ${m[2]}`);
    for (const { charset } of ENCODED_WORD_CHARSETS) {
      expect(seen).toContain(`${charset} B`);
      expect(seen).toContain(`${charset} Q`);
    }
    expect(fields.some((f) => f.lines.length > 1 && f.lines.some((l) => l.startsWith('\t')))).toBe(true);
  });

  it('headerBlock: text, address, message-id and date fields, and both line endings', () => {
    const blocks = fc.sample(headerBlock(), { seed: 1, numRuns: 200 });
    const fields = blocks.flatMap((b) => b.fields);
    expect(fields.some((f) => f.decoded !== undefined)).toBe(true);
    expect(fields.some((f) => f.mailboxes?.some((m) => m.group !== undefined))).toBe(true);
    expect(fields.some((f) => (f.messageIds?.length ?? 0) > 1)).toBe(true);
    expect(fields.some((f) => f.timestamp !== undefined)).toBe(true);
    expect(new Set(blocks.map((b) => b.eol))).toEqual(new Set(['\r\n', '\n']));
  });

  it('hostileHeaderBlock: every kind of trouble', () => {
    const arb = hostileHeaderBlock({ manyFields: 50, maxLineLength: 1500 });
    const kinds = new Set(fc.sample(arb, { seed: 1, numRuns: 300 }).flatMap((h) => h.kinds));
    expect(kinds.size).toBe(19);
  });
});
