import { ENCODED_WORD_CHARSETS, encodeCharset, encodeWords } from '@mailroom/arbitraries';
import { decodeEncodedWords } from '@mailroom/headers';
import { describe, expect, it } from 'vitest';

// The WHATWG labels of the platform decoders that check the hand-written encoders.
const DECODER: Record<string, string> = {
  'UTF-8': 'utf-8',
  'ISO-8859-1': 'iso-8859-1',
  'windows-1252': 'windows-1252',
  'ISO-2022-JP': 'iso-2022-jp',
  'KOI8-R': 'koi8-r',
  Shift_JIS: 'shift_jis',
  GB2312: 'gb2312',
};

describe('encodeCharset', () => {
  for (const { charset, characters } of ENCODED_WORD_CHARSETS) {
    it(`${charset}: every character of the repertoire, and ASCII around it, decodes back with TextDecoder`, () => {
      const text = `Re: ${characters} end`;
      const bytes = encodeCharset(text, charset);
      expect(new TextDecoder(DECODER[charset]).decode(bytes)).toBe(text);
    });
  }

  it('writes known byte sequences (spot checks from the charset tables)', () => {
    expect([...encodeCharset('Привет', 'KOI8-R')]).toEqual([0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4]);
    expect([...encodeCharset('あ', 'Shift_JIS')]).toEqual([0x82, 0xa0]);
    expect([...encodeCharset('你好', 'GB2312')]).toEqual([0xc4, 0xe3, 0xba, 0xc3]);
    expect([...encodeCharset('€', 'windows-1252')]).toEqual([0x80]);
    // ISO-2022-JP switches to JIS X 0208 and back to ASCII (RFC 1468).
    expect([...encodeCharset('aあ', 'ISO-2022-JP')]).toEqual([
      0x61, 0x1b, 0x24, 0x42, 0x24, 0x22, 0x1b, 0x28, 0x42,
    ]);
  });

  it('throws a RangeError naming the character outside the repertoire', () => {
    expect(() => encodeCharset('€', 'ISO-8859-1')).toThrow(RangeError);
    expect(() => encodeCharset('Ж', 'Shift_JIS')).toThrow(/"Ж" has no encoding in Shift_JIS/);
  });
});

describe('encodeWords', () => {
  it('writes the RFC 2047 examples', () => {
    expect(encodeWords('André', 'ISO-8859-1', 'Q')).toEqual(['=?ISO-8859-1?Q?Andr=E9?=']);
    expect(encodeWords('你好', 'GB2312', 'B')).toEqual(['=?GB2312?B?xOO6ww==?=']);
    expect(encodeWords('a b?', 'UTF-8', 'Q')).toEqual(['=?UTF-8?Q?a_b=3F?=']);
  });

  it('splits long text into words of at most 75 characters between whole characters', () => {
    for (const { charset, characters } of ENCODED_WORD_CHARSETS) {
      for (const encoding of ['B', 'Q'] as const) {
        const words = encodeWords(characters, charset, encoding);
        expect(words.length).toBeGreaterThan(1);
        for (const w of words) expect(w.length).toBeLessThanOrEqual(75);
        expect(decodeEncodedWords(words.join(' '))).toBe(characters);
      }
    }
  });
});
