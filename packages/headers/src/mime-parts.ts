import libmime from 'libmime';
import { type ContentType, parseContentType } from './content-type.js';
import { decodeEncodedWords } from './encoded-words.js';
import type { HeaderList } from './header-list.js';
import { parseHeaders } from './parse.js';

/**
 * Bounds of a MIME walk. Past a bound the walk stops (or a decode stops) and says so in `defects` / `truncated`;
 * nothing throws and nothing grows without limit.
 */
export interface MimeLimits {
  /** Multipart nesting followed at most: a multipart at this depth (the message itself is depth 0) is not opened. */
  readonly maxDepth: number;
  /** Parts yielded at most, the message itself included. */
  readonly maxParts: number;
  /** Body bytes searched for boundaries at most; a part running past this bound is cut there. */
  readonly maxScanBytes: number;
  /** Bytes one decode ({@link partBytes}) produces at most. */
  readonly maxDecodedBytes: number;
  /** Longest boundary parameter accepted (RFC 2046 allows 70); a longer one leaves the multipart unopened. */
  readonly maxBoundaryLength: number;
  /** Bytes of one part's header block read at most. */
  readonly maxPartHeaderBytes: number;
  /** Characters of text {@link partText} and {@link textBody} return at most. */
  readonly maxTextChars: number;
}

/** Bounds used when the caller gives none: generous for real mail, cheap for hostile mail. */
export const DEFAULT_MIME_LIMITS: MimeLimits = Object.freeze({
  maxDepth: 8,
  maxParts: 256,
  maxScanBytes: 32 * 1024 * 1024,
  maxDecodedBytes: 8 * 1024 * 1024,
  maxBoundaryLength: 200,
  maxPartHeaderBytes: 64 * 1024,
  maxTextChars: 256 * 1024,
});

/** Stable codes for what a MIME walk found wrong or stopped at. */
export type MimeDefectCode =
  | 'depth-limit'
  | 'part-limit'
  | 'scan-limit'
  | 'boundary-missing'
  | 'boundary-too-long'
  | 'no-close-delimiter'
  | 'part-header-truncated';

/** Something malformed in the MIME structure, or a bound that stopped the walk, with the part it concerns. */
export interface MimeDefect {
  readonly code: MimeDefectCode;
  readonly detail: string;
  /** {@link MimePart.path} of the part concerned (`''` for the message itself). */
  readonly path: string;
}

/** Options for {@link mimeParts}, {@link textBody} and {@link attachedMessages}. */
export interface MimeWalkOptions {
  /** Bounds, merged over {@link DEFAULT_MIME_LIMITS}. */
  readonly limits?: Partial<MimeLimits>;
  /**
   * Where the body starts in `raw`. Default: `headers.bodyOffset` (`raw` is the whole message). Pass `0` when
   * `raw` holds only the body.
   */
  readonly bodyOffset?: number;
}

/** How a part asks to be shown (RFC 2183); `null` when it has no Content-Disposition. */
export type MimeDisposition = 'inline' | 'attachment' | null;

/** One node of the MIME tree: the message itself, a multipart container, or a leaf part. */
export interface MimePart {
  /** IMAP-style section number: `''` for the message itself, `'1'`, `'1.2'`, … for parts. */
  readonly path: string;
  /** 0 for the message itself, 1 for its parts, … */
  readonly depth: number;
  /** The part's header block (for the message itself, the message headers). */
  readonly headers: HeaderList;
  /** Parsed Content-Type (`text/plain` when absent, RFC 2045 §5.2). */
  readonly contentType: ContentType;
  /** `type/subtype`, lower-cased. */
  readonly mediaType: string;
  /** Lower-cased Content-Transfer-Encoding, `'7bit'` when absent. */
  readonly transferEncoding: string;
  /** The `charset` parameter, lower-cased, or `null`. */
  readonly charset: string | null;
  /** Content-Disposition type; read when first asked for. */
  readonly disposition: MimeDisposition;
  /** Decoded file name (`filename` of Content-Disposition, else `name` of Content-Type), or `null`. */
  readonly filename: string | null;
  /** Byte offset in `raw` where the part (its header block) starts. */
  readonly start: number;
  /** Byte offset in `raw` where the part's body starts. */
  readonly bodyStart: number;
  /** Byte offset in `raw` where the part ends (exclusive; the line break before the next delimiter excluded). */
  readonly end: number;
}

const LF = 0x0a;
const CR = 0x0d;
const DASH = 0x2d;
const NO_HEADER_DEFECTS = { maxDefects: 8, maxFields: 200 } as const;

function checkedLimits(limits: Partial<MimeLimits> | undefined): MimeLimits {
  if (limits === undefined) return DEFAULT_MIME_LIMITS;
  const merged = { ...DEFAULT_MIME_LIMITS, ...limits };
  for (const [key, value] of Object.entries(merged)) {
    if (!Number.isSafeInteger(value) || (value as number) < 1) {
      throw new RangeError(`MIME walk: limits.${key} must be a positive integer (got ${String(value)}).`);
    }
  }
  return merged;
}

function checkedRaw(raw: unknown, fn: string): Uint8Array {
  if (!(raw instanceof Uint8Array)) {
    throw new TypeError(
      `${fn}: pass the raw message as a Uint8Array (new TextEncoder().encode(text) for a string)`,
    );
  }
  return raw;
}

class Part implements MimePart {
  readonly path: string;
  readonly depth: number;
  readonly headers: HeaderList;
  readonly contentType: ContentType;
  readonly mediaType: string;
  readonly transferEncoding: string;
  readonly charset: string | null;
  readonly start: number;
  readonly bodyStart: number;
  readonly end: number;
  #disposition: { type: MimeDisposition; params: ReadonlyMap<string, string> } | undefined;

  constructor(
    path: string,
    depth: number,
    headers: HeaderList,
    start: number,
    bodyStart: number,
    end: number,
  ) {
    this.path = path;
    this.depth = depth;
    this.headers = headers;
    this.contentType = parseContentType(headers.get('content-type')?.slice(0, 8192));
    this.mediaType = this.contentType.mediaType;
    const encoding = headers.get('content-transfer-encoding');
    this.transferEncoding = encoding === undefined ? '7bit' : encoding.slice(0, 64).trim().toLowerCase();
    this.charset = this.contentType.params.get('charset')?.trim().toLowerCase() || null;
    this.start = start;
    this.bodyStart = bodyStart;
    this.end = end;
  }

  #readDisposition(): { type: MimeDisposition; params: ReadonlyMap<string, string> } {
    if (this.#disposition === undefined) {
      const value = this.headers.get('content-disposition');
      if (value === undefined) this.#disposition = { type: null, params: new Map() };
      else {
        // Same grammar as Content-Type parameters (RFC 2183 §2, RFC 2231): reuse that parser on `x/y; params`.
        const parsed = parseContentType(`x/y;${value.slice(0, 8192).replace(/^[^;]*;?/, '')}`);
        const type = (value.split(';', 1)[0] ?? '').trim().toLowerCase();
        this.#disposition = {
          type: type === 'attachment' ? 'attachment' : type === 'inline' ? 'inline' : null,
          params: parsed.params,
        };
      }
    }
    return this.#disposition;
  }

  get disposition(): MimeDisposition {
    return this.#readDisposition().type;
  }

  get filename(): string | null {
    const name = this.#readDisposition().params.get('filename') ?? this.contentType.params.get('name');
    if (name === undefined || name === '') return null;
    try {
      return decodeEncodedWords(name);
    } catch {
      return name;
    }
  }
}

/** The first `--` line of a body, when a multipart has no boundary parameter (folded badly, or cut). */
function guessBoundary(raw: Uint8Array, from: number, end: number, max: number): string {
  let at = from;
  while (at < end) {
    if (raw[at] === DASH && raw[at + 1] === DASH) {
      let stop = at + 2;
      while (stop < end && stop - at - 2 <= max && raw[stop] !== LF && raw[stop] !== CR) stop++;
      let text = '';
      for (let i = at + 2; i < stop; i++) text += String.fromCharCode(raw[i]!);
      text = text.trimEnd();
      return text.endsWith('--') ? text.slice(0, -2) : text;
    }
    const lf = raw.indexOf(LF, at);
    if (lf === -1 || lf >= end) return '';
    at = lf + 1;
  }
  return '';
}

/** One open multipart: where its next delimiter line is. */
interface Cursor {
  readonly part: Part;
  /** `--boundary` as bytes. */
  readonly delimiter: Uint8Array;
  /** `raw` cut at the part's end, so searches never run past it. */
  readonly view: Uint8Array;
  /** Offset of the current delimiter line, `-1` when the multipart is finished. */
  at: number;
  children: number;
}

/** Whether `raw[at..]` is a delimiter line of `delimiter`: at a line start, followed by `--`, white space or a line end. */
function isDelimiterAt(view: Uint8Array, delimiter: Uint8Array, at: number, lineStartFloor: number): boolean {
  // Some mailers indent delimiter lines (sisimai rfc3464-35): white space alone before it still starts a line.
  let lineStart = at;
  const indentFloor = Math.max(lineStartFloor, at - 32);
  while (lineStart > indentFloor && (view[lineStart - 1] === 0x20 || view[lineStart - 1] === 0x09))
    lineStart--;
  if (lineStart !== lineStartFloor && view[lineStart - 1] !== LF) return false;
  const n = delimiter.length;
  if (at + n > view.length) return false;
  for (let k = 1; k < n; k++) if (view[at + k] !== delimiter[k]) return false;
  const after = view[at + n];
  // `--b-inner` is not a delimiter of `b`; `--b--` (the close delimiter) is.
  if (after === DASH) return view[at + n + 1] === DASH;
  return after === undefined || after === LF || after === CR || after === 0x20 || after === 0x09;
}

function findDelimiter(cursor: Cursor, from: number): number {
  const { view, delimiter } = cursor;
  const floor = cursor.part.bodyStart;
  for (let i = view.indexOf(DASH, from); i !== -1; i = view.indexOf(DASH, i + 1)) {
    if (view[i + 1] === DASH && isDelimiterAt(view, delimiter, i, floor)) return i;
  }
  return -1;
}

function openCursor(raw: Uint8Array, part: Part, limits: MimeLimits, defects: MimeDefect[]): Cursor | null {
  let boundary = part.contentType.params.get('boundary') ?? '';
  if (boundary === '') {
    boundary = guessBoundary(raw, part.bodyStart, part.end, limits.maxBoundaryLength);
    if (boundary === '') {
      defects.push({
        code: 'boundary-missing',
        detail: `${part.mediaType} without a boundary`,
        path: part.path,
      });
      return null;
    }
    defects.push({
      code: 'boundary-missing',
      detail: `${part.mediaType} without a boundary parameter: used the first "--" line`,
      path: part.path,
    });
  }
  if (boundary.length > limits.maxBoundaryLength) {
    defects.push({
      code: 'boundary-too-long',
      detail: `boundary of ${boundary.length} characters (at most ${limits.maxBoundaryLength}): not opened`,
      path: part.path,
    });
    return null;
  }
  const delimiter = new TextEncoder().encode(`--${boundary}`);
  const cursor: Cursor = { part, delimiter, view: raw.subarray(0, part.end), at: -1, children: 0 };
  cursor.at = findDelimiter(cursor, part.bodyStart);
  return cursor;
}

/** The byte range of the next body part of a multipart, or `null` at its end. */
function nextChild(cursor: Cursor, defects: MimeDefect[]): { start: number; end: number } | null {
  const { view } = cursor;
  const at = cursor.at;
  if (at === -1) return null;
  const afterDelimiter = at + cursor.delimiter.length;
  if (view[afterDelimiter] === DASH && view[afterDelimiter + 1] === DASH) {
    cursor.at = -1;
    return null;
  }
  const lineEnd = view.indexOf(LF, afterDelimiter);
  if (lineEnd === -1) {
    cursor.at = -1;
    defects.push({
      code: 'no-close-delimiter',
      detail: 'the body ends on a delimiter line',
      path: cursor.part.path,
    });
    return null;
  }
  const start = lineEnd + 1;
  const next = findDelimiter(cursor, start);
  let end = view.length;
  if (next === -1) {
    defects.push({
      code: 'no-close-delimiter',
      detail: 'no closing delimiter: the last part runs to the end',
      path: cursor.part.path,
    });
  } else {
    // The line break before a delimiter belongs to the delimiter (RFC 2046 §5.1.1).
    end = next;
    while (end > start && (view[end - 1] === 0x20 || view[end - 1] === 0x09)) end--;
    if (end > start && view[end - 1] === LF) end--;
    if (end > start && view[end - 1] === CR) end--;
  }
  cursor.at = next;
  return { start, end };
}

/**
 * Walks the MIME tree of a message lazily, in document order (pre-order: a multipart before its parts), within
 * explicit bounds ({@link MimeLimits}): nesting depth, part count, bytes scanned, boundary length, part header
 * size. Nothing is decoded while walking: each {@link MimePart} gives its headers, content type and byte range, and
 * {@link partBytes} / {@link partText} decode the parts you need. Parts of a multipart are found one at a time as
 * you iterate, so stopping early skips the rest of the message. `message/rfc822` parts are yielded but not opened
 * (see {@link attachedMessages}). Never throws on message content; `defects` and `truncated` (filled while
 * iterating) say what was malformed or where a bound stopped the walk.
 *
 * @example
 * const headers = parseHeaders(raw);
 * const walk = mimeParts(raw, headers);
 * for (const part of walk) {
 *   if (part.mediaType === 'message/delivery-status') console.log(partText(raw, part));
 *   if (part.disposition === 'attachment') console.log(part.filename, part.end - part.bodyStart);
 * }
 * walk.truncated; // true when a bound stopped the walk
 */
export function mimeParts(raw: Uint8Array, headers: HeaderList, options: MimeWalkOptions = {}): MimeWalk {
  return new MimeWalk(checkedRaw(raw, 'mimeParts'), headers, options);
}

/** The iterable {@link mimeParts} returns; each iteration walks the message again. */
export class MimeWalk implements Iterable<MimePart> {
  readonly #raw: Uint8Array;
  readonly #headers: HeaderList;
  readonly #limits: MimeLimits;
  readonly #bodyOffset: number;
  #defects: MimeDefect[] = [];
  #truncated = false;

  constructor(raw: Uint8Array, headers: HeaderList, options: MimeWalkOptions = {}) {
    this.#raw = raw;
    this.#headers = headers;
    this.#limits = checkedLimits(options.limits);
    const offset = options.bodyOffset ?? headers.bodyOffset ?? raw.length;
    this.#bodyOffset = Number.isSafeInteger(offset) ? Math.min(Math.max(0, offset), raw.length) : raw.length;
  }

  /** What the last (or current) iteration found malformed, and the bounds it hit. */
  get defects(): readonly MimeDefect[] {
    return this.#defects;
  }

  /** True when a bound stopped the last (or current) iteration before the end of the message. */
  get truncated(): boolean {
    return this.#truncated;
  }

  *[Symbol.iterator](): Iterator<MimePart> {
    const raw = this.#raw;
    const limits = this.#limits;
    const defects: MimeDefect[] = [];
    this.#defects = defects;
    this.#truncated = false;
    let end = raw.length;
    if (end - this.#bodyOffset > limits.maxScanBytes) {
      end = this.#bodyOffset + limits.maxScanBytes;
      this.#truncated = true;
      defects.push({
        code: 'scan-limit',
        detail: `body longer than ${limits.maxScanBytes} bytes: cut there`,
        path: '',
      });
    }
    const root = new Part('', 0, this.#headers, 0, this.#bodyOffset, end);
    yield root;
    let parts = 1;
    const stack: Cursor[] = [];
    const open = (part: Part): void => {
      if (part.contentType.type !== 'multipart') return;
      if (part.depth >= limits.maxDepth) {
        this.#truncated = true;
        defects.push({
          code: 'depth-limit',
          detail: `nested deeper than ${limits.maxDepth}: not opened`,
          path: part.path,
        });
        return;
      }
      const cursor = openCursor(raw, part, limits, defects);
      if (cursor !== null) stack.push(cursor);
    };
    open(root);
    while (stack.length > 0) {
      const cursor = stack[stack.length - 1]!;
      const range = nextChild(cursor, defects);
      if (range === null) {
        stack.pop();
        continue;
      }
      if (parts >= limits.maxParts) {
        this.#truncated = true;
        defects.push({
          code: 'part-limit',
          detail: `more than ${limits.maxParts} parts: stopped`,
          path: cursor.part.path,
        });
        return;
      }
      parts++;
      cursor.children++;
      const length = range.end - range.start;
      const partHeaders = parseHeaders(raw.subarray(range.start, range.end), {
        limits: {
          ...NO_HEADER_DEFECTS,
          maxHeaderBytes: Math.max(1, Math.min(length, limits.maxPartHeaderBytes)),
        },
      });
      const path = cursor.part.path === '' ? `${cursor.children}` : `${cursor.part.path}.${cursor.children}`;
      if (partHeaders.bodyOffset === null && length > limits.maxPartHeaderBytes) {
        defects.push({
          code: 'part-header-truncated',
          detail: `part header block longer than ${limits.maxPartHeaderBytes} bytes: body skipped`,
          path,
        });
      }
      const bodyStart = range.start + (partHeaders.bodyOffset ?? length);
      const part = new Part(path, cursor.part.depth + 1, partHeaders, range.start, bodyStart, range.end);
      yield part;
      open(part);
    }
  }
}

// base64 alphabet → value; -1 elsewhere (line breaks, white space and junk are skipped; `=` ends a segment).
const BASE64 = new Int8Array(256).fill(-1);
for (let i = 0; i < 64; i++)
  BASE64['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.charCodeAt(i)] = i;

function decodeBase64(input: Uint8Array, max: number): Uint8Array {
  const out = new Uint8Array(Math.min(max, Math.ceil((input.length * 3) / 4)));
  let n = 0;
  let bits = 0;
  let count = 0;
  for (let i = 0; i < input.length && n < out.length; i++) {
    const c = input[i]!;
    if (c === 0x3d) {
      // Padding ends a segment: drop its leftover bits, so concatenated padded segments decode one by one.
      bits = 0;
      count = 0;
      continue;
    }
    const v = BASE64[c]!;
    if (v < 0) continue;
    bits = ((bits << 6) | v) & 0xffffff;
    count += 6;
    if (count >= 8) {
      count -= 8;
      out[n++] = (bits >> count) & 0xff;
    }
  }
  return out.subarray(0, n);
}

function hexValue(c: number | undefined): number {
  if (c === undefined) return -1;
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

function decodeQuotedPrintable(input: Uint8Array, max: number): Uint8Array {
  const out = new Uint8Array(Math.min(max, input.length));
  let n = 0;
  for (let i = 0; i < input.length && n < out.length; i++) {
    const c = input[i]!;
    if (c !== 0x3d) {
      out[n++] = c;
      continue;
    }
    const hi = hexValue(input[i + 1]);
    const lo = hexValue(input[i + 2]);
    if (hi >= 0 && lo >= 0) {
      out[n++] = (hi << 4) | lo;
      i += 2;
      continue;
    }
    // A soft line break: `=`, optional trailing white space, then a line end.
    let j = i + 1;
    while (j < input.length && (input[j] === 0x20 || input[j] === 0x09)) j++;
    if (input[j] === LF) i = j;
    else if (input[j] === CR) i = input[j + 1] === LF ? j + 1 : j;
    else if (j >= input.length) i = j;
    else out[n++] = c;
  }
  return out.subarray(0, n);
}

/** Options for {@link partBytes} and {@link partText}. */
export interface PartDecodeOptions {
  /** Decoded bytes produced at most; default {@link DEFAULT_MIME_LIMITS}`.maxDecodedBytes`. */
  readonly maxBytes?: number;
  /** Characters of text returned at most ({@link partText}); default {@link DEFAULT_MIME_LIMITS}`.maxTextChars`. */
  readonly maxChars?: number;
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(
      `partText/partBytes: options.${name} must be a positive integer (got ${String(value)}).`,
    );
  }
  return value;
}

/**
 * The body of a part with its Content-Transfer-Encoding undone (base64, quoted-printable; 7bit, 8bit, binary and
 * unknown encodings as they are). At most `maxBytes` bytes. Identity encodings return a view into `raw` (no copy).
 *
 * @example
 * for (const part of mimeParts(raw, headers)) {
 *   if (part.disposition === 'attachment') save(part.filename, partBytes(raw, part));
 * }
 */
export function partBytes(raw: Uint8Array, part: MimePart, options: PartDecodeOptions = {}): Uint8Array {
  const max = positive(options.maxBytes, DEFAULT_MIME_LIMITS.maxDecodedBytes, 'maxBytes');
  const body = checkedRaw(raw, 'partBytes').subarray(part.bodyStart, Math.max(part.bodyStart, part.end));
  if (part.transferEncoding === 'base64')
    return decodeBase64(body.subarray(0, Math.ceil(max / 3) * 4 + 4096), max);
  if (part.transferEncoding === 'quoted-printable')
    return decodeQuotedPrintable(body.subarray(0, max * 3), max);
  return body.subarray(0, max);
}

const ASCII_COMPATIBLE_UTF8 = new Set(['', 'utf-8', 'utf8', 'us-ascii', 'ascii', 'unicode-1-1-utf-8']);
const utf8 = new TextDecoder('utf-8');

/**
 * Bytes to text in a MIME charset: UTF-8 and US-ASCII with the platform decoder (the common case, fast), any other
 * charset with libmime (iconv-lite and encoding-japanese: ISO-8859-*, windows-*, ISO-2022-JP mislabeled as EUC-JP,
 * Shift_JIS, GB18030, Big5, KOI8-R, UTF-7, …); UTF-8 when the charset is unknown. Malformed bytes become U+FFFD.
 */
function decodeCharset(bytes: Uint8Array, charset: string | null): string {
  const label = charset ?? '';
  if (ASCII_COMPATIBLE_UTF8.has(label)) return utf8.decode(bytes);
  try {
    // libmime's public entry for bytes in a charset is decodeWord; base64 carries the bytes through unchanged.
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000)
      binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return libmime.decodeWord(label.slice(0, 64), 'B', btoa(binary));
  } catch {
    return utf8.decode(bytes);
  }
}

/** Line-ending tags: HTML reduced to text keeps its block structure as lines. */
const BLOCK_TAGS = new Set([
  'br',
  'p',
  'div',
  'tr',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'table',
  'blockquote',
  'pre',
]);
/** Elements whose content is not text. */
const HIDDEN_ELEMENTS = new Set(['head', 'style', 'script', 'title']);
const NAMED_ENTITIES: ReadonlyMap<string, string> = new Map([
  ['nbsp', ' '],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['amp', '&'],
  ['apos', "'"],
  ['ndash', '–'],
  ['mdash', '—'],
  ['hellip', '…'],
  ['laquo', '«'],
  ['raquo', '»'],
  ['copy', '©'],
  ['euro', '€'],
]);

function decodeEntity(name: string): string | undefined {
  if (name.startsWith('#')) {
    const code =
      name[1] === 'x' || name[1] === 'X'
        ? Number.parseInt(name.slice(2), 16)
        : Number.parseInt(name.slice(1), 10);
    if (!Number.isSafeInteger(code) || code < 1 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))
      return undefined;
    return code === 0xa0 ? ' ' : String.fromCodePoint(code);
  }
  return NAMED_ENTITIES.get(name.toLowerCase());
}

/** Text with `&…;` entities decoded (a bounded scan, no regular expression). */
function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  let out = '';
  let at = 0;
  for (let amp = text.indexOf('&'); amp !== -1; amp = text.indexOf('&', at)) {
    // `;` is looked for only just after `&` (entity names are short): a text of `&` without `;` stays linear.
    const near = text.slice(amp + 1, amp + 12).indexOf(';');
    const semi = near === -1 ? -1 : amp + 1 + near;
    const decoded = semi === -1 ? undefined : decodeEntity(text.slice(amp + 1, semi));
    if (decoded === undefined) {
      out += text.slice(at, amp + 1);
      at = amp + 1;
    } else {
      out += text.slice(at, amp) + decoded;
      at = semi + 1;
    }
  }
  return out + text.slice(at);
}

/**
 * HTML reduced to its text: tags dropped (block tags end a line), `head`/`style`/`script` content dropped,
 * entities decoded, runs of blank lines kept short. A scan with `indexOf`, linear in the input, at most `max`
 * characters out.
 */
function htmlToText(html: string, max: number): string {
  const lower = html.toLowerCase();
  // Hidden elements whose closing tag is absent from the rest of the text: never searched for again (linear time).
  const unclosed = new Set<string>();
  let out = '';
  let at = 0;
  while (at < html.length && out.length < max) {
    const lt = html.indexOf('<', at);
    out += decodeEntities(html.slice(at, lt === -1 ? html.length : lt));
    if (lt === -1) break;
    const gt = html.indexOf('>', lt + 1);
    if (gt === -1) break;
    let nameStart = lt + 1;
    const closing = html[nameStart] === '/';
    if (closing) nameStart++;
    let nameEnd = nameStart;
    while (nameEnd < gt && nameEnd - nameStart < 12) {
      const c = lower.charCodeAt(nameEnd);
      if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39))) break;
      nameEnd++;
    }
    const name = lower.slice(nameStart, nameEnd);
    at = gt + 1;
    if (!closing && HIDDEN_ELEMENTS.has(name) && !unclosed.has(name)) {
      const close = lower.indexOf(`</${name}`, at);
      if (close === -1) unclosed.add(name);
      else {
        const closeEnd = html.indexOf('>', close);
        at = closeEnd === -1 ? html.length : closeEnd + 1;
      }
      continue;
    }
    if (BLOCK_TAGS.has(name)) out += '\n';
  }
  return out.length > max ? out.slice(0, max) : out;
}

/**
 * The text of a part: transfer encoding undone, charset decoded (any charset libmime or the platform knows),
 * `format=flowed` lines joined (RFC 3676), HTML reduced to text when the part is `text/html`. At most `maxChars`
 * characters, from at most `maxBytes` decoded bytes. Works on any part (a `message/delivery-status` part gives its
 * fields). Never throws on message content.
 *
 * @example
 * for (const part of mimeParts(raw, headers)) {
 *   if (part.mediaType === 'text/plain') return partText(raw, part, { maxChars: 4096 });
 * }
 */
export function partText(raw: Uint8Array, part: MimePart, options: PartDecodeOptions = {}): string {
  const maxChars = positive(options.maxChars, DEFAULT_MIME_LIMITS.maxTextChars, 'maxChars');
  const bytes = partBytes(raw, part, options);
  let text = decodeCharset(bytes, part.charset);
  if (part.mediaType === 'text/html') return htmlToText(text, maxChars);
  const format = part.contentType.params.get('format');
  if (part.mediaType === 'text/plain' && format !== undefined && format.toLowerCase() === 'flowed') {
    try {
      text = libmime.decodeFlowed(
        text.slice(0, maxChars * 2),
        (part.contentType.params.get('delsp') ?? '').toLowerCase() === 'yes',
      );
    } catch {
      // keep the text as written
    }
  }
  return text.length > maxChars ? text.slice(0, maxChars) : text;
}

/** Whether `path` is `ancestor` or lies inside it. */
function within(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}.`);
}

/**
 * The readable text of a message, what a person wrote: the first `text/plain` part that is not an attachment (nor
 * inside one), else the first such `text/html` part reduced to text; `''` when there is none. Decoded (transfer
 * encoding, charset), at most `limits.maxTextChars` characters. This is the `bodyText` the requester resolver reads
 * forwarded blocks from. Never throws on message content.
 *
 * @example
 * const headers = parseHeaders(raw);
 * resolve(headers, { bodyText: textBody(raw, headers) });
 */
export function textBody(raw: Uint8Array, headers: HeaderList, options: MimeWalkOptions = {}): string {
  const walk = mimeParts(raw, headers, options);
  const limits = checkedLimits(options.limits);
  const decode = { maxBytes: limits.maxDecodedBytes, maxChars: limits.maxTextChars };
  let skipped: string | null = null;
  let html: MimePart | null = null;
  for (const part of walk) {
    if (skipped !== null && within(part.path, skipped)) continue;
    if (part.disposition === 'attachment') {
      skipped = part.path;
      continue;
    }
    if (part.mediaType === 'text/plain') return partText(raw, part, decode);
    if (part.mediaType === 'text/html') html ??= part;
  }
  return html === null ? '' : partText(raw, html, decode);
}

/** A message attached to another (`message/rfc822` or `message/global`), as {@link attachedMessages} finds it. */
export interface AttachedMessage {
  /** The part that holds it. */
  readonly part: MimePart;
  /** The attached message's bytes (transfer encoding undone): walk it with `mimeParts(raw, headers)`. */
  readonly raw: Uint8Array;
  /** Its header block. */
  readonly headers: HeaderList;
}

const ATTACHED_MESSAGE_TYPES = new Set(['message/rfc822', 'message/global']);

/**
 * The messages attached to a message (`message/rfc822`, `message/global` parts: "Forward as attachment" in Outlook,
 * Thunderbird, Gmail; the returned original of a bounce), in document order, each with its own header block.
 * Messages inside attached messages are not opened. At most `max` (default 8). Never throws on message content.
 *
 * @example
 * for (const attached of attachedMessages(raw, parseHeaders(raw))) {
 *   attached.headers.get('from'); // the original author of a forward sent as an attachment
 * }
 */
export function attachedMessages(
  raw: Uint8Array,
  headers: HeaderList,
  options: MimeWalkOptions & { readonly max?: number } = {},
): AttachedMessage[] {
  const max = positive(options.max, 8, 'max');
  const limits = checkedLimits(options.limits);
  const out: AttachedMessage[] = [];
  for (const part of mimeParts(raw, headers, options)) {
    if (part.path === '' || !ATTACHED_MESSAGE_TYPES.has(part.mediaType)) continue;
    const bytes = partBytes(raw, part, { maxBytes: limits.maxDecodedBytes });
    out.push({
      part,
      raw: bytes,
      headers: parseHeaders(bytes, { limits: { maxHeaderBytes: limits.maxPartHeaderBytes, maxDefects: 50 } }),
    });
    if (out.length >= max) break;
  }
  return out;
}
