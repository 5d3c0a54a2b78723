import { parseHeaders, serializeHeaders } from '@mailroom/headers';
import { describe, expect, it } from 'vitest';

describe('serializeHeaders', () => {
  it('writes Name: value lines ending in CRLF by default, LF on request, without the empty line', () => {
    const fields = [
      { name: 'From', value: 'Ann <ann@example.com>' },
      { name: 'Subject', value: 'Hello' },
    ];
    expect(serializeHeaders(fields)).toBe('From: Ann <ann@example.com>\r\nSubject: Hello\r\n');
    expect(serializeHeaders(fields, { eol: '\n' })).toBe('From: Ann <ann@example.com>\nSubject: Hello\n');
    expect(serializeHeaders([])).toBe('');
  });

  it('folds at white space so no line passes 78 characters when a break exists', () => {
    const value = Array.from({ length: 30 }, (_, i) => `<ref${i}@example.com>`).join(' ');
    const text = serializeHeaders([{ name: 'References', value }]);
    const lines = text.split('\r\n').slice(0, -1);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(78);
    for (const line of lines.slice(1)) expect(line).toMatch(/^ \S/);
    expect(parseHeaders(text).get('references')).toBe(value);
  });

  it('keeps a word longer than the width whole, and foldAt 0 never folds', () => {
    const long = 'x'.repeat(200);
    const text = serializeHeaders([{ name: 'X-Long', value: long }]);
    // It may move the word to a continuation line, but never cuts it.
    expect(text.split('\r\n').some((line) => line.includes(long))).toBe(true);
    expect(parseHeaders(text).get('x-long')).toBe(long);
    const spaced = 'word '.repeat(40).trim();
    expect(serializeHeaders([{ name: 'Subject', value: spaced }], { foldAt: 0 })).toBe(
      `Subject: ${spaced}\r\n`,
    );
  });

  it('never breaks inside a run of white space, so no line is blank', () => {
    const value = `${'a'.repeat(70)}     ${'b'.repeat(70)}`;
    const text = serializeHeaders([{ name: 'Subject', value }], { foldAt: 40 });
    for (const line of text.split('\r\n').slice(0, -1)) expect(line.trim()).not.toBe('');
    expect(parseHeaders(text).get('subject')).toBe(value);
  });

  it('throws on an invalid field name or a value with a line break, saying how to fix the call', () => {
    expect(() => serializeHeaders([{ name: 'Bad Name', value: 'x' }])).toThrow(
      /invalid field name "Bad Name"/,
    );
    expect(() => serializeHeaders([{ name: '', value: 'x' }])).toThrow(TypeError);
    expect(() => serializeHeaders([{ name: 'Subject', value: 'a\r\nBcc: victim@example.com' }])).toThrow(
      /unfold it first/,
    );
    expect(() => serializeHeaders([{ name: 'Subject', value: 'a\nb' }])).toThrow(/line break/);
  });
});
