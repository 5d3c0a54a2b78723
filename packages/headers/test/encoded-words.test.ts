import { decodeEncodedWords, parseHeaders } from '@mailroom/headers';
import { describe, expect, it } from 'vitest';

describe('decodeEncodedWords (RFC 2047)', () => {
  it('decodes the RFC 2047 §8 examples', () => {
    expect(decodeEncodedWords('=?ISO-8859-1?Q?Keld_J=F8rn_Simonsen?=')).toBe('Keld Jørn Simonsen');
    expect(decodeEncodedWords('=?ISO-8859-1?Q?Andr=E9?= Pirard')).toBe('André Pirard');
    expect(decodeEncodedWords('(=?ISO-8859-1?Q?a?=)')).toBe('(a)');
    expect(decodeEncodedWords('=?ISO-8859-1?Q?a?= b')).toBe('a b');
    // White space between adjacent encoded words is not displayed (§6.2)...
    expect(decodeEncodedWords('=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=')).toBe('ab');
    expect(decodeEncodedWords('=?ISO-8859-1?Q?a?=\r\n  =?ISO-8859-1?Q?b?=')).toBe('ab');
    // ...unless it is encoded.
    expect(decodeEncodedWords('=?ISO-8859-1?Q?a_b?=')).toBe('a b');
    expect(decodeEncodedWords('=?ISO-8859-1?Q?a?= =?ISO-8859-2?Q?_b?=')).toBe('a b');
  });

  it('accepts an RFC 2231 §5 language suffix on the charset', () => {
    expect(decodeEncodedWords('=?US-ASCII*EN?Q?Keith_Moore?=')).toBe('Keith Moore');
  });

  it('decodes B and Q, in upper and lower case', () => {
    expect(decodeEncodedWords('=?UTF-8?B?w6nDqMOg?=')).toBe('éèà');
    expect(decodeEncodedWords('=?utf-8?b?w6nDqMOg?=')).toBe('éèà');
    expect(decodeEncodedWords('=?utf-8?q?=C3=A9t=C3=A9?=')).toBe('été');
  });

  // Each encoded with the charset's real bytes (checked with iconv and the WHATWG decoders).
  const charsets: ReadonlyArray<readonly [string, string, string]> = [
    ['UTF-8', '=?UTF-8?B?5L2g5aW977yM5LiW55WM?=', '你好，世界'],
    ['ISO-8859-1', '=?ISO-8859-1?Q?Gr=FC=DFe?=', 'Grüße'],
    ['ISO-8859-15', '=?ISO-8859-15?Q?=A4uro?=', '€uro'],
    ['windows-1252', '=?windows-1252?Q?=93quoted=94_=80?=', '“quoted” €'],
    ['ISO-2022-JP', '=?ISO-2022-JP?B?GyRCRnxLXDhsGyhC?=', '日本語'],
    ['Shift_JIS', '=?Shift_JIS?B?k/qWe4zq?=', '日本語'],
    ['EUC-JP', '=?EUC-JP?B?xvzL3Ljs?=', '日本語'],
    ['KOI8-R', '=?KOI8-R?Q?=F0=D2=C9=D7=C5=D4?=', 'Привет'],
    ['windows-1251', '=?windows-1251?B?z/Do4uXy?=', 'Привет'],
    ['GB2312', '=?GB2312?B?xOO6ww==?=', '你好'],
    ['GBK', '=?GBK?B?xOO6ww==?=', '你好'],
    ['Big5', '=?Big5?B?p0Gmbg==?=', '你好'],
    ['EUC-KR', '=?EUC-KR?B?vsiz58fPvLy/5A==?=', '안녕하세요'],
    ['ISO-8859-7', '=?ISO-8859-7?Q?=E3=E5=E9=DC?=', 'γειά'],
  ];
  for (const [charset, word, text] of charsets) {
    it(`decodes ${charset}`, () => {
      expect(decodeEncodedWords(word)).toBe(text);
    });
  }

  it('joins adjacent words of one charset so a character split across words survives', () => {
    // "你好" in UTF-8 is e4 bd a0 e5 a5 bd; here the first character is split between two Q words.
    expect(decodeEncodedWords('=?UTF-8?Q?=E4=BD?= =?UTF-8?Q?=A0=E5=A5=BD?=')).toBe('你好');
    // Same with B words whose base64 is padded in the middle of the run.
    expect(decodeEncodedWords('=?UTF-8?B?5L0=?= =?UTF-8?B?oOWlvQ==?=')).toBe('你好');
  });

  it('keeps text outside encoded words, including text that only looks like one', () => {
    expect(decodeEncodedWords('Re: =?UTF-8?Q?caf=C3=A9?= and more')).toBe('Re: café and more');
    expect(decodeEncodedWords('a =? b ?= c')).toBe('a =? b ?= c');
    expect(decodeEncodedWords('plain')).toBe('plain');
  });

  it('leaves a word it cannot decode as written, never throws', () => {
    for (const broken of ['=?UTF-8?X?abc?=', '=?UTF-8?B?', '=??B?YWJj?=', '=?=?=?=?']) {
      expect(decodeEncodedWords(broken)).toBe(broken);
    }
    expect(() => decodeEncodedWords('=?x-unknown-charset?Q?abc?=')).not.toThrow();
    expect(() => decodeEncodedWords('=?UTF-8?B?####?=')).not.toThrow();
    expect(() => decodeEncodedWords('=?UTF-8?Q?=ZZ?=')).not.toThrow();
  });

  it('parseHeaders leaves encoded words encoded in the raw value', () => {
    const list = parseHeaders('Subject: =?UTF-8?Q?caf=C3=A9?=\r\n\r\n');
    expect(list.get('subject')).toBe('=?UTF-8?Q?caf=C3=A9?=');
    expect(decodeEncodedWords(list.get('subject')!)).toBe('café');
  });
});
