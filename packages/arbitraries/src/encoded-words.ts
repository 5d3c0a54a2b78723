import { type EncodedWordCharset, encodeCharset } from './charsets.js';

/** RFC 2047 encodings: `B` (base64) and `Q` (quoted-printable-like). */
export type EncodedWordEncoding = 'B' | 'Q';

/** RFC 2047 §2: an encoded word is at most 75 characters long. */
const MAX_WORD = 75;

function isQSafe(byte: number): boolean {
  // RFC 2047 §5(3): the characters allowed unencoded in a phrase: letters, digits, ! * + - /
  return (
    (byte >= 0x30 && byte <= 0x39) ||
    (byte >= 0x41 && byte <= 0x5a) ||
    (byte >= 0x61 && byte <= 0x7a) ||
    byte === 0x21 ||
    byte === 0x2a ||
    byte === 0x2b ||
    byte === 0x2d ||
    byte === 0x2f
  );
}

function qEncode(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) {
    if (byte === 0x20) out += '_';
    else if (isQSafe(byte)) out += String.fromCharCode(byte);
    else out += `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function bEncode(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function word(text: string, charset: EncodedWordCharset, encoding: EncodedWordEncoding): string {
  const bytes = encodeCharset(text, charset);
  return `=?${charset}?${encoding}?${encoding === 'B' ? bEncode(bytes) : qEncode(bytes)}?=`;
}

/**
 * Encodes text as RFC 2047 encoded words in the given charset and encoding, splitting it between whole
 * characters so that no word is longer than 75 characters. Join the words with a space: decoders drop white
 * space between adjacent encoded words (RFC 2047 §6.2), so the decoded text is `text` exactly.
 * Throws a RangeError when a character is not in the charset's repertoire (see `ENCODED_WORD_CHARSETS`).
 *
 * @example
 * encodeWords('André', 'ISO-8859-1', 'Q'); // ['=?ISO-8859-1?Q?Andr=E9?=']
 * encodeWords('你好', 'GB2312', 'B'); // ['=?GB2312?B?xOO6ww==?=']
 */
export function encodeWords(
  text: string,
  charset: EncodedWordCharset,
  encoding: EncodedWordEncoding,
): string[] {
  const words: string[] = [];
  let current = '';
  for (const ch of text) {
    const candidate = current + ch;
    if (current.length > 0 && word(candidate, charset, encoding).length > MAX_WORD) {
      words.push(word(current, charset, encoding));
      current = ch;
    } else {
      current = candidate;
    }
  }
  if (current.length > 0) words.push(word(current, charset, encoding));
  return words;
}
