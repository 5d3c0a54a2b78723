import libmime from 'libmime';

// One RFC 2047 encoded word. Charset and text exclude `?` and white space, so the match is linear.
const ENCODED_WORD = /=\?([^?\s]{1,75})\?([QqBb])\?([^?\s]*)\?=/g;
const ONLY_WSP = /^[ \t\r\n]*$/;

interface Word {
  readonly start: number;
  readonly end: number;
  readonly charset: string;
  readonly encoding: string;
  readonly text: string;
}

function decodeRun(run: readonly Word[]): string {
  const first = run[0]!;
  try {
    return libmime.decodeWord(first.charset, first.encoding, run.map((w) => w.text).join(''));
  } catch {
    return run.map((w) => `=?${w.charset}?${w.encoding}?${w.text}?=`).join('');
  }
}

/**
 * Decodes RFC 2047 encoded words (`=?charset?Q|B?text?=`) in a header value into Unicode text, in any charset
 * libmime knows. White space between adjacent encoded words is dropped (RFC 2047 §6.2) and adjacent words in
 * the same charset and encoding are decoded together, so multi-byte characters split across words survive.
 * A word that cannot be decoded is left as written.
 *
 * @example
 * decodeEncodedWords('=?ISO-8859-1?Q?Andr=E9?= Pirard'); // 'André Pirard'
 * decodeEncodedWords('=?UTF-8?B?5L2g5aW9?='); // '你好'
 */
export function decodeEncodedWords(value: string): string {
  if (!value.includes('=?')) return value;
  const words: Word[] = [];
  for (const m of value.matchAll(ENCODED_WORD)) {
    words.push({
      start: m.index,
      end: m.index + m[0].length,
      charset: m[1]!,
      encoding: m[2]!.toUpperCase(),
      text: m[3]!,
    });
  }
  if (words.length === 0) return value;
  let out = '';
  let cursor = 0;
  let run: Word[] = [];
  const flush = (): void => {
    if (run.length > 0) out += decodeRun(run);
    run = [];
  };
  for (const word of words) {
    const gap = value.slice(cursor, word.start);
    const previous = run[run.length - 1];
    if (previous !== undefined && ONLY_WSP.test(gap)) {
      const sameKind =
        previous.encoding === word.encoding && previous.charset.toLowerCase() === word.charset.toLowerCase();
      if (!sameKind) flush();
    } else {
      flush();
      out += gap;
    }
    run.push(word);
    cursor = word.end;
  }
  flush();
  return out + value.slice(cursor);
}
