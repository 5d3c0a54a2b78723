import fc from 'fast-check';
import { address, addressList, type GeneratedMailbox } from './addresses.js';
import { ENCODED_WORD_CHARSETS, type EncodedWordCharset } from './charsets.js';
import { encodeWords } from './encoded-words.js';

/** A line ending a generator writes. */
export type LineEnding = '\r\n' | '\n';

/** A generated header field: what is written, and what a parser should read back. */
export interface GeneratedHeaderField {
  /** The field name as written. */
  readonly name: string;
  /** The unfolded raw value, exactly what `parseHeaders` returns for it (encoded words left encoded). */
  readonly value: string;
  /** The value as a reader sees it after RFC 2047 decoding; present for unstructured text fields. */
  readonly decoded?: string;
  /** The physical lines as written, without line endings: `Name: …` then continuation lines starting with white space. */
  readonly lines: readonly string[];
  /** For address fields: the mailboxes the value lists. */
  readonly mailboxes?: readonly GeneratedMailbox[];
  /** For `Message-ID`, `In-Reply-To` and `References`: the ids without angle brackets. */
  readonly messageIds?: readonly string[];
  /** For `Date`: the instant written, in epoch milliseconds. */
  readonly timestamp?: number;
}

/** Options for {@link headerField}. */
export interface HeaderFieldOptions {
  /** Field names to use (default: unstructured names such as `Subject`, `Comments`, `X-…`). */
  readonly name?: fc.Arbitrary<string>;
  /** Charsets of the encoded words (default: every charset of `ENCODED_WORD_CHARSETS`). */
  readonly charsets?: readonly EncodedWordCharset[];
}

const FIELD_NAME_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-';
const TEXT_FIELD_NAMES = ['Subject', 'Comments', 'Thread-Topic', 'Organization', 'X-Mailer', 'User-Agent'];
// Printable ASCII except space and `=` (so plain text never looks like an encoded word).
const PLAIN_CHARS = Array.from({ length: 0x7e - 0x21 + 1 }, (_, i) => String.fromCharCode(0x21 + i))
  .filter((c) => c !== '=')
  .join('');
const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

function textOf(set: string, minLength: number, maxLength: number): fc.Arbitrary<string> {
  return fc.string({ unit: fc.constantFrom(...set), minLength, maxLength });
}

const xName: fc.Arbitrary<string> = textOf(FIELD_NAME_CHARS, 1, 20).map((s) => `X-${s}`);

const textFieldName: fc.Arbitrary<string> = fc.oneof(fc.constantFrom(...TEXT_FIELD_NAMES), xName);

interface Segment {
  /** Words as written; more than one when an encoded text was split to respect the 75-character limit. */
  readonly written: readonly string[];
  readonly text: string;
  readonly encoded: boolean;
}

function segments(charsets: readonly EncodedWordCharset[]): fc.Arbitrary<Segment[]> {
  const repertoires = ENCODED_WORD_CHARSETS.filter((r) => charsets.includes(r.charset));
  const plain: fc.Arbitrary<Segment> = textOf(PLAIN_CHARS, 1, 12).map((t) => ({
    written: [t],
    text: t,
    encoded: false,
  }));
  // RFC 6532: raw UTF-8 in a header value.
  const utf8: fc.Arbitrary<Segment> = textOf(LETTERS + ENCODED_WORD_CHARSETS[0]!.characters, 1, 8).map(
    (t) => ({
      written: [t],
      text: t,
      encoded: false,
    }),
  );
  const encoded: fc.Arbitrary<Segment> = fc
    .constantFrom(...repertoires)
    .chain((r) =>
      fc.tuple(
        fc
          .array(fc.oneof(textOf(r.characters, 1, 10), textOf(LETTERS, 1, 6)), { minLength: 1, maxLength: 3 })
          .map((w) => w.join(' ')),
        fc.constant(r.charset),
        fc.constantFrom('B' as const, 'Q' as const),
      ),
    )
    .map(([text, charset, encoding]) => ({
      written: encodeWords(text, charset, encoding),
      text,
      encoded: true,
    }));
  return fc.array(
    fc.oneof(
      { weight: 3, arbitrary: plain },
      { weight: 1, arbitrary: utf8 },
      { weight: 2, arbitrary: encoded },
    ),
    { minLength: 0, maxLength: 6 },
  );
}

/** How a generated field is folded: not at all, or at white space before this width, with a space or a tab. */
interface Folding {
  readonly width: number;
  readonly tab: boolean;
}

const folding: fc.Arbitrary<Folding> = fc.record({
  width: fc.oneof(fc.constant(0), fc.constantFrom(78, 76), fc.integer({ min: 10, max: 120 })),
  tab: fc.boolean(),
});

/**
 * Splits `Name: word word …` into physical lines, breaking before a separator when the line would pass the
 * width. A break never leaves a line empty or made only of white space.
 */
function foldLine(
  head: string,
  words: readonly string[],
  fold: Folding,
): { lines: string[]; separators: string[] } {
  const lines: string[] = [];
  const separators: string[] = [];
  let line = head;
  words.forEach((w, i) => {
    if (i === 0) {
      line += ` ${w}`;
      return;
    }
    if (fold.width > 0 && line.length + 1 + w.length > fold.width) {
      lines.push(line);
      const sep = fold.tab ? '\t' : ' ';
      separators.push(sep);
      line = sep + w;
    } else {
      separators.push(' ');
      line += ` ${w}`;
    }
  });
  lines.push(line);
  return { lines, separators };
}

function textField(name: string, parts: readonly Segment[], fold: Folding): GeneratedHeaderField {
  const words = parts.flatMap((p) => p.written);
  const { lines, separators } = foldLine(`${name}:`, words, fold);
  let decoded = '';
  let w = 0;
  parts.forEach((part, i) => {
    if (i > 0) {
      const sep = separators[w - 1]!;
      // RFC 2047 §6.2: white space between two encoded words is not displayed.
      if (!(part.encoded && parts[i - 1]!.encoded)) decoded += sep;
    }
    decoded += part.text;
    w += part.written.length;
  });
  const joined = lines.join('');
  return { name, value: joined.slice(name.length + 2), decoded, lines };
}

/**
 * Generates an unstructured header field (`Subject`, `Comments`, `X-…`) as clients write it: printable ASCII,
 * raw UTF-8 (RFC 6532), and RFC 2047 encoded words (B and Q) in UTF-8, ISO-8859-1, windows-1252, ISO-2022-JP,
 * KOI8-R, Shift_JIS and GB2312, folded at white space with a space or a tab. `value` is the unfolded raw value
 * (what `parseHeaders` returns) and `decoded` what `decodeEncodedWords(value)` must give.
 *
 * @example
 * fc.assert(fc.property(headerField(), (f) => decodeEncodedWords(f.value) === f.decoded));
 * fc.sample(headerField({ name: fc.constant('Subject'), charsets: ['KOI8-R'] }), 1);
 */
export function headerField(options: HeaderFieldOptions = {}): fc.Arbitrary<GeneratedHeaderField> {
  const charsets = options.charsets ?? ENCODED_WORD_CHARSETS.map((r) => r.charset);
  if (charsets.length === 0 || charsets.some((c) => !ENCODED_WORD_CHARSETS.some((r) => r.charset === c))) {
    throw new TypeError('headerField: charsets must be a non-empty list of ENCODED_WORD_CHARSETS names');
  }
  return fc
    .tuple(options.name ?? textFieldName, segments(charsets), folding)
    .map(([name, parts, fold]) => textField(name, parts, fold));
}

const ADDRESS_FIELD_NAMES = ['From', 'To', 'Cc', 'Reply-To', 'Sender', 'Bcc'];

const addressField: fc.Arbitrary<GeneratedHeaderField> = fc
  .tuple(fc.constantFrom(...ADDRESS_FIELD_NAMES), addressList(), fc.constantFrom(0, 78, 40))
  .map(([name, list, width]) => {
    // Folding only at the spaces the list already has, always with a space: the value reads the same.
    const { lines } = foldLine(`${name}:`, list.formatted.split(' '), { width, tab: false });
    return { name, value: list.formatted, lines, mailboxes: list.mailboxes };
  });

const ID_LEFT = `${LETTERS}0123456789._%+-$`;

const messageIdText: fc.Arbitrary<string> = fc
  .tuple(textOf(ID_LEFT, 1, 30), address({ kinds: ['plain'] }))
  .map(([left, a]) => `${left}@${a.asciiDomain}`);

const messageIdField: fc.Arbitrary<GeneratedHeaderField> = fc
  .oneof(
    fc.tuple(fc.constant('Message-ID'), fc.array(messageIdText, { minLength: 1, maxLength: 1 })),
    fc.tuple(fc.constant('In-Reply-To'), fc.array(messageIdText, { minLength: 1, maxLength: 1 })),
    fc.tuple(fc.constant('References'), fc.array(messageIdText, { minLength: 1, maxLength: 6 })),
  )
  .chain(([name, ids]) =>
    fc.constantFrom(0, 78).map((width) => {
      const { lines } = foldLine(
        `${name}:`,
        ids.map((id) => `<${id}>`),
        { width, tab: false },
      );
      return { name, value: ids.map((id) => `<${id}>`).join(' '), lines, messageIds: ids };
    }),
  );

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** RFC 5322 §3.3 date-time for an instant seen from a zone `offset` minutes east of UTC. */
function formatDate(ms: number, offset: number, weekday: boolean): string {
  const local = new Date(ms + offset * 60_000);
  const sign = offset < 0 ? '-' : '+';
  const zone = `${sign}${two(Math.floor(Math.abs(offset) / 60))}${two(Math.abs(offset) % 60)}`;
  const day = weekday ? `${DAYS[local.getUTCDay()]}, ` : '';
  return `${day}${local.getUTCDate()} ${MONTHS[local.getUTCMonth()]} ${local.getUTCFullYear()} ${two(
    local.getUTCHours(),
  )}:${two(local.getUTCMinutes())}:${two(local.getUTCSeconds())} ${zone}`;
}

const dateField: fc.Arbitrary<GeneratedHeaderField> = fc
  .tuple(
    fc.integer({ min: Date.UTC(1995, 0, 1) / 1000, max: Date.UTC(2037, 11, 31) / 1000 }),
    fc.constantFrom(0, 60, 120, -300, -240, -480, 330, 540, -210, 345),
    fc.boolean(),
  )
  .map(([seconds, offset, weekday]) => {
    const value = formatDate(seconds * 1000, offset, weekday);
    return { name: 'Date', value, lines: [`Date: ${value}`], timestamp: seconds * 1000 };
  });

/** A generated header block: its fields, line ending and text. */
export interface GeneratedHeaderBlock {
  readonly fields: readonly GeneratedHeaderField[];
  readonly eol: LineEnding;
  /** Every line of every field followed by `eol`; no empty line at the end. */
  readonly raw: string;
}

/** Options for {@link headerBlock}. */
export interface HeaderBlockOptions {
  /** The line ending (default: CRLF or LF, generated). */
  readonly eol?: LineEnding;
  /** Fields at least (default 1). */
  readonly minFields?: number;
  /** Fields at most (default 12). */
  readonly maxFields?: number;
}

/** Any one generated field: unstructured text, addresses, message ids or a date. */
const anyField: fc.Arbitrary<GeneratedHeaderField> = fc.oneof(
  { weight: 3, arbitrary: headerField() },
  { weight: 2, arbitrary: addressField },
  { weight: 1, arbitrary: messageIdField },
  { weight: 1, arbitrary: dateField },
);

/**
 * Generates a header block as a mail client writes it: text fields from {@link headerField}, address fields
 * (`From`, `To`, `Cc`, … with groups and encoded names), `Message-ID`/`In-Reply-To`/`References` and `Date`,
 * names possibly repeated, folded, all lines ending in CRLF or all in LF. `parseHeaders(b.raw)` gives
 * `b.fields` (names and values) in order and no defect.
 *
 * @example
 * fc.assert(fc.property(headerBlock(), (b) => parseHeaders(b.raw).fields.length === b.fields.length));
 */
export function headerBlock(options: HeaderBlockOptions = {}): fc.Arbitrary<GeneratedHeaderBlock> {
  const minFields = options.minFields ?? 1;
  const maxFields = options.maxFields ?? 12;
  if (
    !Number.isInteger(minFields) ||
    !Number.isInteger(maxFields) ||
    minFields < 0 ||
    maxFields < minFields
  ) {
    throw new TypeError(
      'headerBlock: minFields and maxFields must be integers with 0 <= minFields <= maxFields',
    );
  }
  const eol =
    options.eol === undefined ? fc.constantFrom<LineEnding>('\r\n', '\n') : fc.constant(options.eol);
  return fc
    .tuple(fc.array(anyField, { minLength: minFields, maxLength: maxFields }), eol)
    .map(([fields, e]) => ({
      fields,
      eol: e,
      raw: fields.map((f) => f.lines.map((l) => l + e).join('')).join(''),
    }));
}
