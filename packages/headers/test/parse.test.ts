import { createHeaderList, DEFAULT_HEADER_LIMITS, type HeaderList, parseHeaders } from '@mailroom/headers';
import { describe, expect, it } from 'vitest';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
/** One byte per char code, for 8-bit input that is not UTF-8. */
const latin1 = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const codes = (list: HeaderList): string[] => list.defects.map((d) => d.code);

describe('line endings', () => {
  const fields = [
    { name: 'From', value: 'Ann <ann@example.com>' },
    { name: 'Subject', value: 'Hello' },
  ];
  for (const [label, eol] of [
    ['CRLF', '\r\n'],
    ['LF', '\n'],
    ['bare CR', '\r'],
  ] as const) {
    it(`reads fields and finds the body with ${label} line endings`, () => {
      const raw = `From: Ann <ann@example.com>${eol}Subject: Hello${eol}${eol}Body${eol}`;
      for (const input of [raw, bytes(raw)]) {
        const list = parseHeaders(input);
        expect(list.fields).toEqual(fields);
        expect(list.bodyOffset).toBe(raw.indexOf('Body'));
        expect(list.truncated).toBe(false);
      }
    });
  }

  it('records bare CR as a defect and still reads the fields', () => {
    const list = parseHeaders('Subject: a\rX-Other: b\r\r\nbody');
    expect(codes(list)).toContain('bare-cr');
    expect(list.get('x-other')).toBe('b');
  });

  it('reads a block that mixes CRLF and LF', () => {
    const list = parseHeaders('A: 1\r\nB: 2\nC: 3\r\n\nbody');
    expect(list.fields.map((f) => f.value)).toEqual(['1', '2', '3']);
    expect(list.bodyOffset).toBe('A: 1\r\nB: 2\nC: 3\r\n\n'.length);
  });
});

describe('folding', () => {
  it('unfolds continuation lines (space or tab) by removing only the line breaks', () => {
    const list = parseHeaders('Subject: This is a\r\n long subject\r\n\tfolded twice\r\n\r\n');
    expect(list.get('subject')).toBe('This is a long subject\tfolded twice');
  });

  it('trims white space around the value but keeps it inside', () => {
    expect(parseHeaders('Subject:   two  spaces   \r\n\r\n').get('subject')).toBe('two  spaces');
    expect(parseHeaders('Subject:no-space\r\n\r\n').get('subject')).toBe('no-space');
  });

  it('gives an empty value for a field with nothing after the colon, folded or not', () => {
    const list = parseHeaders('Subject:\r\nX-Empty: \r\n  \r\n\r\n');
    expect(list.fields).toEqual([
      { name: 'Subject', value: '' },
      { name: 'X-Empty', value: '' },
    ]);
  });

  it('reports a continuation line with no field before it and ignores it', () => {
    const list = parseHeaders(' folded first\r\nSubject: ok\r\n\r\n');
    expect(codes(list)).toEqual(['continuation-without-field']);
    expect(list.defects[0]!.line).toBe(1);
    expect(list.fields).toEqual([{ name: 'Subject', value: 'ok' }]);
  });
});

describe('character sets in raw header bytes', () => {
  it('reads RFC 6532 UTF-8 header values without defects', () => {
    const list = parseHeaders(
      bytes('Subject: Grüße aus München 👋\r\nFrom: Jörg <jörg@bücher.example>\r\n\r\n'),
    );
    expect(list.get('subject')).toBe('Grüße aus München 👋');
    expect(list.get('from')).toBe('Jörg <jörg@bücher.example>');
    expect(list.defects).toEqual([]);
  });

  it('reads 8-bit bytes that are not UTF-8 as Windows-1252 and records a defect for that line only', () => {
    const list = parseHeaders(latin1('Subject: caf\xe9 \x80\r\nX-Ok: ok\r\n\r\n'));
    expect(list.get('subject')).toBe('café €');
    expect(list.defects).toEqual([expect.objectContaining({ code: 'invalid-utf8', line: 1 })]);
  });

  it('keeps valid UTF-8 lines when another line is 8-bit garbage', () => {
    const utf8Line = bytes('Subject: Grüße\r\n');
    const garbage = latin1('X-Garbage: \xff\xfe\xc3\r\n\r\nbody');
    const raw = new Uint8Array([...utf8Line, ...garbage]);
    const list = parseHeaders(raw);
    expect(list.get('subject')).toBe('Grüße');
    expect(list.get('x-garbage')).toBe('ÿþÃ');
    expect(list.defects).toEqual([expect.objectContaining({ code: 'invalid-utf8', line: 2 })]);
    expect(list.bodyOffset).toBe(raw.length - 4);
  });

  it('regression: many short lines of 8-bit garbage are read in linear time (a decoder exception per line took 10 s)', () => {
    // 500,000 lines of one 0xFF byte: each line threw inside the fatal UTF-8 decoder (about 20 µs each).
    const raw = latin1('\xff\n'.repeat(500_000));
    const started = performance.now();
    const list = parseHeaders(raw);
    expect(performance.now() - started).toBeLessThan(4000);
    expect(list.defects[0]).toMatchObject({ code: 'invalid-utf8', line: 1 });
    expect(list.fields).toEqual([]);
  });

  it('decodes valid lines around garbage lines exactly as a whole-block UTF-8 decode would', () => {
    const raw = new Uint8Array([
      ...bytes('Subject: Grüße\r\nX-A: 日本\n'),
      ...latin1('X-Bad: \xe9t\xe9\r\n'),
      ...bytes('X-B: ok\rX-C: ünï\r\n\r\nbody'),
    ]);
    const list = parseHeaders(raw);
    expect(list.fields.map((f) => [f.name, f.value])).toEqual([
      ['Subject', 'Grüße'],
      ['X-A', '日本'],
      ['X-Bad', 'été'],
      ['X-B', 'ok'],
      ['X-C', 'ünï'],
    ]);
    expect(list.defects.filter((d) => d.code === 'invalid-utf8')).toEqual([
      expect.objectContaining({ line: 3 }),
    ]);
  });

  it('removes NUL bytes and records them', () => {
    const list = parseHeaders(latin1('Subject: a\0b\r\n\r\n'));
    expect(list.get('subject')).toBe('ab');
    expect(codes(list)).toEqual(['nul-byte']);
  });
});

describe('duplicate fields and look-up', () => {
  const list = parseHeaders(
    'Received: from a by b; Tue, 1 Jul 2003 10:52:37 +0200\r\nSUBJECT: first\r\nreceived: from c by d; Tue, 1 Jul 2003 10:50:00 +0200\r\nSubject: second\r\n\r\n',
  );

  it('keeps every field in input order with the name as written', () => {
    expect(list.fields.map((f) => f.name)).toEqual(['Received', 'SUBJECT', 'received', 'Subject']);
    expect([...list].map((f) => f.name)).toEqual(['Received', 'SUBJECT', 'received', 'Subject']);
    expect(list.size).toBe(4);
  });

  it('get returns the first value, getAll every value, both case-insensitive', () => {
    expect(list.get('subject')).toBe('first');
    expect(list.getAll('Subject')).toEqual(['first', 'second']);
    expect(list.getAll('RECEIVED')).toHaveLength(2);
    expect(list.get('x-missing')).toBeUndefined();
    expect(list.getAll('x-missing')).toEqual([]);
  });

  it('has and names work on lower-cased names', () => {
    expect(list.has('SuBjEcT')).toBe(true);
    expect(list.has('cc')).toBe(false);
    expect(list.names()).toEqual(['received', 'subject']);
  });

  it('createHeaderList builds the same look-up from plain fields', () => {
    const made = createHeaderList([
      { name: 'To', value: 'a@example.com' },
      { name: 'to', value: 'b@example.com' },
    ]);
    expect(made.getAll('TO')).toEqual(['a@example.com', 'b@example.com']);
    expect(made.bodyOffset).toBeNull();
    expect(made.defects).toEqual([]);
  });
});

describe('header names that are Object.prototype keys', () => {
  const names = ['__proto__', 'constructor', 'hasOwnProperty', 'toString', 'valueOf', 'prototype'];
  const raw = `${names.map((n, i) => `${n}: v${i}`).join('\r\n')}\r\n\r\n`;
  const list = parseHeaders(raw);

  it('are ordinary fields: get, getAll and has see exactly what was written', () => {
    names.forEach((n, i) => {
      expect(list.get(n)).toBe(`v${i}`);
      expect(list.getAll(n)).toEqual([`v${i}`]);
      expect(list.has(n)).toBe(true);
    });
    expect(list.names()).toEqual(names.map((n) => n.toLowerCase()));
  });

  it('absent ones are absent, and nothing leaks onto Object.prototype', () => {
    const empty = parseHeaders('Subject: x\r\n\r\n');
    for (const n of names) {
      expect(empty.get(n)).toBeUndefined();
      expect(empty.getAll(n)).toEqual([]);
      expect(empty.has(n)).toBe(false);
    }
    expect(({} as Record<string, unknown>)['v0']).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });
});

describe('obsolete syntax', () => {
  it('accepts white space before the colon (RFC 5322 §4.5) and records it', () => {
    const list = parseHeaders('Subject : old style\r\nTo\t: a@example.com\r\n\r\n');
    expect(list.fields).toEqual([
      { name: 'Subject', value: 'old style' },
      { name: 'To', value: 'a@example.com' },
    ]);
    expect(codes(list)).toEqual(['whitespace-before-colon', 'whitespace-before-colon']);
  });

  it('skips an mbox "From " line at the top', () => {
    const list = parseHeaders('From sender@example.com Mon Jan  1 00:00:00 2024\nSubject: x\n\n');
    expect(list.fields).toEqual([{ name: 'Subject', value: 'x' }]);
    expect(codes(list)).toEqual(['mbox-from-line']);
  });
});

describe('malformed lines become defects, never exceptions', () => {
  it('a line without a colon is reported and skipped', () => {
    const list = parseHeaders('Subject: ok\r\nThis is not a header\r\nX-After: yes\r\n\r\n');
    expect(list.fields.map((f) => f.name)).toEqual(['Subject', 'X-After']);
    expect(list.defects).toEqual([expect.objectContaining({ code: 'missing-colon', line: 2 })]);
  });

  it('an invalid field name is reported and skipped', () => {
    const list = parseHeaders('Sub ject: x\r\n: no name\r\nOk: y\r\n\r\n');
    expect(list.fields).toEqual([{ name: 'Ok', value: 'y' }]);
    expect(codes(list)).toEqual(['invalid-field-name', 'invalid-field-name']);
  });

  it('a line over 998 characters is kept and reported once', () => {
    const long = 'x'.repeat(1200);
    const list = parseHeaders(`X-Long: ${long}\r\nX-Long2: ${long}\r\n\r\n`);
    expect(list.get('x-long')).toBe(long);
    expect(codes(list)).toEqual(['line-over-998']);
  });

  it('a non-string, non-bytes input is a programmer error with a message that says what to pass', () => {
    expect(() => parseHeaders(42 as unknown as string)).toThrow(/Uint8Array or a string/);
  });
});

describe('bounds: past a limit the parser stops, records a defect and returns what it read', () => {
  it('maxHeaderBytes', () => {
    const raw = `Subject: a\r\nX-Next: b\r\nX-Third: ${'c'.repeat(100)}\r\n\r\nbody`;
    const list = parseHeaders(raw, { limits: { maxHeaderBytes: 30 } });
    expect(list.fields).toEqual([
      { name: 'Subject', value: 'a' },
      { name: 'X-Next', value: 'b' },
    ]);
    expect(codes(list)).toEqual(['header-too-large']);
    expect(list.truncated).toBe(true);
    expect(list.bodyOffset).toBeNull();
  });

  it('maxHeaderBytes also bounds a block without any line break', () => {
    const list = parseHeaders(bytes(`Subject: ${'a'.repeat(10_000)}`), { limits: { maxHeaderBytes: 1000 } });
    expect(list.truncated).toBe(true);
    expect(list.fields).toEqual([]);
    expect(codes(list)).toEqual(['header-too-large']);
  });

  it('maxFields', () => {
    const raw = `${Array.from({ length: 10 }, (_, i) => `X-F${i}: ${i}`).join('\r\n')}\r\n\r\nbody`;
    const list = parseHeaders(raw, { limits: { maxFields: 4 } });
    expect(list.fields.map((f) => f.value)).toEqual(['0', '1', '2', '3']);
    expect(codes(list)).toEqual(['too-many-fields']);
    expect(list.truncated).toBe(true);
    expect(list.bodyOffset).toBeNull();
  });

  it('maxLineLength cuts one line and goes on', () => {
    const list = parseHeaders(`Subject: ${'a'.repeat(50)}\r\nX-Next: b\r\n\r\n`, {
      limits: { maxLineLength: 20 },
    });
    expect(list.get('subject')).toBe('a'.repeat(11));
    expect(list.get('x-next')).toBe('b');
    expect(list.defects).toEqual([expect.objectContaining({ code: 'line-truncated', line: 1 })]);
  });

  it('maxDefects keeps the first defects and says how many more were dropped', () => {
    const raw = `${'no colon\r\n'.repeat(50)}Subject: ok\r\n\r\n`;
    const list = parseHeaders(raw, { limits: { maxDefects: 5 } });
    expect(list.defects).toHaveLength(5);
    expect(list.defects.slice(0, 4).every((d) => d.code === 'missing-colon')).toBe(true);
    expect(list.defects[4]!.detail).toMatch(/46 further defects/);
    expect(list.get('subject')).toBe('ok');
  });

  it('has generous defaults that a hostile message reaches', () => {
    expect(DEFAULT_HEADER_LIMITS).toEqual({
      maxHeaderBytes: 4 * 1024 * 1024,
      maxFields: 10_000,
      maxLineLength: 2 * 1024 * 1024,
      maxDefects: 200,
    });
    const raw = `${Array.from({ length: 10_001 }, (_, i) => `X-F${i}: v`).join('\n')}\n\n`;
    const list = parseHeaders(raw);
    expect(list.size).toBe(10_000);
    expect(list.truncated).toBe(true);
  });
});

describe('bodyOffset', () => {
  it('is a byte offset for Uint8Array input and a string index for string input', () => {
    const raw = 'Subject: Grüße 👋\r\n\r\nBody ü';
    const text = parseHeaders(raw);
    expect(raw.slice(text.bodyOffset!)).toBe('Body ü');
    const encoded = bytes(raw);
    const fromBytes = parseHeaders(encoded);
    expect(fromBytes.bodyOffset).toBe(encoded.length - bytes('Body ü').length);
    expect(fromBytes.bodyOffset).not.toBe(text.bodyOffset);
  });

  it('is the input length when there is no body, and 0-based past an empty header block', () => {
    expect(parseHeaders('Subject: x\r\n').bodyOffset).toBe('Subject: x\r\n'.length);
    expect(parseHeaders('Subject: x').bodyOffset).toBe('Subject: x'.length);
    expect(parseHeaders('\r\nbody').bodyOffset).toBe(2);
    expect(parseHeaders('').bodyOffset).toBe(0);
    expect(parseHeaders(new Uint8Array()).fields).toEqual([]);
  });

  it('does not read the body: a body that looks like headers stays out', () => {
    const list = parseHeaders('Subject: x\n\nX-Not-A-Header: y\nFrom: z\n');
    expect(list.fields).toEqual([{ name: 'Subject', value: 'x' }]);
  });
});
