/** The charsets the encoded-word generators write (RFC 2047 charset names as real clients spell them). */
export type EncodedWordCharset =
  | 'UTF-8'
  | 'ISO-8859-1'
  | 'windows-1252'
  | 'ISO-2022-JP'
  | 'KOI8-R'
  | 'Shift_JIS'
  | 'GB2312';

/** One charset the generators can encode into: its name and the non-ASCII characters text is drawn from. */
export interface CharsetRepertoire {
  readonly charset: EncodedWordCharset;
  /** Non-ASCII characters the charset can encode; generated text mixes them with ASCII letters and spaces. */
  readonly characters: string;
}

// JIS X 0208 row 4 (hiragana ぁ..ん) plus a few kanji as (row, cell) codes; ISO-2022-JP and Shift_JIS share them.
const HIRAGANA = Array.from({ length: 83 }, (_, i) => String.fromCharCode(0x3041 + i)).join('');
const JIS_KANJI: ReadonlyMap<string, number> = new Map([
  ['日', 0x467c],
  ['本', 0x4b5c],
  ['語', 0x386c],
  ['件', 0x376f],
  ['名', 0x4c3e],
  ['電', 0x4545],
  ['子', 0x3b52],
  ['会', 0x3271],
  ['議', 0x3544],
  ['資', 0x3b71],
  ['料', 0x4e41],
  ['確', 0x334e],
  ['認', 0x4727],
  ['東', 0x456c],
  ['京', 0x357e],
  ['山', 0x3b33],
  ['田', 0x4544],
]);
// GB2312 (row, cell) codes: hiragana sit in row 4 as in JIS X 0208, hanzi below.
const GB_HANZI: ReadonlyMap<string, number> = new Map([
  ['你', 0x4463],
  ['好', 0x3a43],
  ['中', 0x5650],
  ['文', 0x4e44],
  ['邮', 0x534a],
  ['件', 0x3c7e],
  ['会', 0x3b61],
  ['议', 0x5269],
  ['资', 0x574a],
  ['料', 0x414f],
  ['确', 0x4837],
  ['认', 0x484f],
  ['北', 0x3131],
  ['京', 0x3e29],
  ['上', 0x494f],
  ['海', 0x3a23],
  ['问', 0x4e4a],
  ['题', 0x4c62],
  ['谢', 0x503b],
]);

const LATIN1_LETTERS = 'àáâãäåæçèéêëìíîïñòóôõöøùúûüýÿßÀÁÂÄÅÇÉÈÊÑÓÖØÜ¡¿£§°';
const CP1252_EXTRA = '€‚„…†‡‰Š‹ŒŽ‘’“”•–—™š›œžŸ';
const CYRILLIC = 'абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ';

/**
 * The charsets and character repertoires the encoded-word generators use (read-only data: choose charsets
 * with the `charsets` option of `headerField` rather than editing it).
 *
 * @example
 * ENCODED_WORD_CHARSETS.map((r) => r.charset); // ['UTF-8', 'ISO-8859-1', 'windows-1252', 'ISO-2022-JP', ...]
 */
export const ENCODED_WORD_CHARSETS: readonly CharsetRepertoire[] = Object.freeze([
  {
    charset: 'UTF-8',
    characters: `${LATIN1_LETTERS}€łŁşğıİ${CYRILLIC.slice(0, 12)}αβγδΩ你好日本語한국어👍😀`,
  },
  { charset: 'ISO-8859-1', characters: LATIN1_LETTERS },
  { charset: 'windows-1252', characters: LATIN1_LETTERS + CP1252_EXTRA },
  { charset: 'ISO-2022-JP', characters: HIRAGANA + [...JIS_KANJI.keys()].join('') },
  { charset: 'KOI8-R', characters: CYRILLIC },
  { charset: 'Shift_JIS', characters: HIRAGANA + [...JIS_KANJI.keys()].join('') },
  { charset: 'GB2312', characters: HIRAGANA + [...GB_HANZI.keys()].join('') },
]);

function jisCode(ch: string): number | undefined {
  const cp = ch.codePointAt(0)!;
  if (cp >= 0x3041 && cp <= 0x3093) return 0x2421 + (cp - 0x3041);
  return JIS_KANJI.get(ch);
}

function gbCode(ch: string): number | undefined {
  const cp = ch.codePointAt(0)!;
  if (cp >= 0x3041 && cp <= 0x3093) return 0x2421 + (cp - 0x3041);
  return GB_HANZI.get(ch);
}

let singleByteTables: Map<string, ReadonlyMap<string, number>> | undefined;

/** Reverse table of a single-byte charset's upper half, read once from the platform's TextDecoder. */
function upperHalf(label: 'windows-1252' | 'koi8-r'): ReadonlyMap<string, number> {
  singleByteTables ??= new Map();
  let table = singleByteTables.get(label);
  if (table === undefined) {
    const bytes = Uint8Array.from({ length: 128 }, (_, i) => 0x80 + i);
    const text = new TextDecoder(label).decode(bytes);
    const map = new Map<string, number>();
    [...text].forEach((ch, i) => {
      if (!map.has(ch)) map.set(ch, 0x80 + i);
    });
    table = map;
    singleByteTables.set(label, table);
  }
  return table;
}

function unencodable(ch: string, charset: string): never {
  throw new RangeError(
    `encodeCharset: ${JSON.stringify(ch)} has no encoding in ${charset}; use its repertoire`,
  );
}

/**
 * Encodes text into the bytes of one of the {@link ENCODED_WORD_CHARSETS}, by hand (no iconv), for the
 * characters of that charset's repertoire plus ASCII. ISO-2022-JP output always ends in ASCII mode (RFC 1468).
 * Throws a RangeError for a character outside the repertoire (a programmer error).
 *
 * @example
 * encodeCharset('Привет', 'KOI8-R'); // Uint8Array [0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4]
 */
export function encodeCharset(text: string, charset: EncodedWordCharset): Uint8Array {
  if (charset === 'UTF-8') return new TextEncoder().encode(text);
  const out: number[] = [];
  let jisMode = false;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) {
      if (jisMode) {
        out.push(0x1b, 0x28, 0x42);
        jisMode = false;
      }
      out.push(cp);
      continue;
    }
    switch (charset) {
      case 'ISO-8859-1':
        if (cp < 0xa0 || cp > 0xff) unencodable(ch, charset);
        out.push(cp);
        break;
      case 'windows-1252':
      case 'KOI8-R': {
        const byte = upperHalf(charset === 'KOI8-R' ? 'koi8-r' : 'windows-1252').get(ch);
        if (byte === undefined) unencodable(ch, charset);
        out.push(byte);
        break;
      }
      case 'GB2312': {
        const code = gbCode(ch);
        if (code === undefined) unencodable(ch, charset);
        out.push((code >> 8) | 0x80, (code & 0xff) | 0x80);
        break;
      }
      case 'Shift_JIS': {
        const code = jisCode(ch);
        if (code === undefined) unencodable(ch, charset);
        const j1 = code >> 8;
        const j2 = code & 0xff;
        out.push(((j1 + 1) >> 1) + (j1 <= 0x5e ? 0x70 : 0xb0));
        out.push(j2 + (j1 & 1 ? (j2 >= 0x60 ? 0x20 : 0x1f) : 0x7e));
        break;
      }
      case 'ISO-2022-JP': {
        const code = jisCode(ch);
        if (code === undefined) unencodable(ch, charset);
        if (!jisMode) {
          out.push(0x1b, 0x24, 0x42);
          jisMode = true;
        }
        out.push(code >> 8, code & 0xff);
        break;
      }
    }
  }
  if (jisMode) out.push(0x1b, 0x28, 0x42);
  return Uint8Array.from(out);
}
