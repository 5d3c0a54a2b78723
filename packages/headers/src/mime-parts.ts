import libmime from 'libmime';
import { type ContentType, mediaTypeOf, parseContentType } from './content-type.js';
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

const utf8 = new TextDecoder('utf-8');
const LF = 0x0a;
const CR = 0x0d;
const DASH = 0x2d;

const LIMIT_KEYS: readonly (keyof MimeLimits)[] = [
  'maxDepth',
  'maxParts',
  'maxScanBytes',
  'maxDecodedBytes',
  'maxBoundaryLength',
  'maxPartHeaderBytes',
  'maxTextChars',
];

// Frozen limit objects already checked and merged (pure memoization: a frozen object cannot change).
const checkedFrozen = new WeakMap<Partial<MimeLimits>, MimeLimits>();

function checkedLimits(limits: Partial<MimeLimits> | undefined): MimeLimits {
  if (limits === undefined) return DEFAULT_MIME_LIMITS;
  const known = checkedFrozen.get(limits);
  if (known !== undefined) return known;
  const merged = mergeLimits(limits);
  if (Object.isFrozen(limits)) checkedFrozen.set(limits, merged);
  return merged;
}

function mergeLimits(limits: Partial<MimeLimits>): MimeLimits {
  const merged: MimeLimits = {
    maxDepth: limits.maxDepth ?? DEFAULT_MIME_LIMITS.maxDepth,
    maxParts: limits.maxParts ?? DEFAULT_MIME_LIMITS.maxParts,
    maxScanBytes: limits.maxScanBytes ?? DEFAULT_MIME_LIMITS.maxScanBytes,
    maxDecodedBytes: limits.maxDecodedBytes ?? DEFAULT_MIME_LIMITS.maxDecodedBytes,
    maxBoundaryLength: limits.maxBoundaryLength ?? DEFAULT_MIME_LIMITS.maxBoundaryLength,
    maxPartHeaderBytes: limits.maxPartHeaderBytes ?? DEFAULT_MIME_LIMITS.maxPartHeaderBytes,
    maxTextChars: limits.maxTextChars ?? DEFAULT_MIME_LIMITS.maxTextChars,
  };
  // Checked field by field (no Object.entries): the classifier walks a body per message with its own limits.
  const bad = (value: number): boolean => !Number.isSafeInteger(value) || value < 1;
  for (const key of LIMIT_KEYS) {
    if (bad(merged[key])) {
      throw new RangeError(
        `MIME walk: limits.${key} must be a positive integer (got ${String(merged[key])}).`,
      );
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

/** The fields the walker reads from a part's header block, found without building a {@link HeaderList}. */
interface PeekedFields {
  readonly contentType: string | undefined;
  readonly encoding: string | undefined;
  readonly disposition: string | undefined;
  /** Where the body starts; `end` when the header block has no end within the bound. */
  readonly bodyStart: number;
  /** The header block ran past `maxHeaderBytes`. */
  readonly truncated: boolean;
}

const PEEKED = ['content-type', 'content-transfer-encoding', 'content-disposition'] as const;
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * The structure of a body is ASCII, so the walker reads it from a one-byte string of the bytes (byte i is character
 * i, offsets are shared): `String.prototype.indexOf` finds boundaries far faster than a byte loop or a native call
 * per search. Node's `latin1Slice` when present, else the windows-1252 decoder (also one character per byte).
 */
const latin1Slice = (
  globalThis as {
    Buffer?: { prototype: { latin1Slice?(this: Uint8Array, start: number, end: number): string } };
  }
).Buffer?.prototype.latin1Slice;
const windows1252 = new TextDecoder('windows-1252');

function byteString(raw: Uint8Array, end: number): string {
  if (latin1Slice !== undefined) {
    try {
      return latin1Slice.call(raw, 0, end);
    } catch {
      // not a Node Buffer method after all: fall through
    }
  }
  return windows1252.decode(raw.subarray(0, end));
}

/** A header value: the byte string where it is ASCII, else its bytes read as UTF-8 (as `parseHeaders` does). */
function headerValue(text: string, raw: Uint8Array, from: number, to: number): string {
  const value = text.slice(from, to);
  return NON_ASCII.test(value) ? utf8.decode(raw.subarray(from, to)) : value;
}

/**
 * Reads Content-Type, Content-Transfer-Encoding and Content-Disposition (first of each, unfolded, trimmed: what
 * `parseHeaders(...).get(name)` gives) and the end of a part's header block, in one pass. Lines end in CRLF, LF or
 * a bare CR, as for `parseHeaders`.
 */
function peekPartHeaders(
  text: string,
  raw: Uint8Array,
  start: number,
  end: number,
  maxHeaderBytes: number,
): PeekedFields {
  const stop = Math.min(end, start + maxHeaderBytes);
  const values: (string | undefined)[] = [undefined, undefined, undefined];
  let current = -1;
  let at = start;
  // Next CR at or after `at` (searched again only once passed: linear in the block).
  let cr = -2;
  while (at < end) {
    let lf = text.indexOf('\n', at);
    if (lf === -1 || lf > end) lf = end;
    if (cr !== -1 && cr < at) cr = text.indexOf('\r', at);
    const lineEnd = cr !== -1 && cr < lf ? cr : lf;
    const next =
      text.charCodeAt(lineEnd) === CR && text.charCodeAt(lineEnd + 1) === LF ? lineEnd + 2 : lineEnd + 1;
    if (lineEnd === at) {
      return {
        contentType: values[0]?.trim(),
        encoding: values[1]?.trim(),
        disposition: values[2]?.trim(),
        bodyStart: Math.min(next, end),
        truncated: false,
      };
    }
    if (lineEnd > stop) break;
    const first = text.charCodeAt(at);
    if (first === 0x20 || first === 0x09) {
      if (current !== -1 && values[current]!.length < 8192)
        values[current] += headerValue(text, raw, at, lineEnd);
    } else {
      current = -1;
      // Field names are short: the colon is looked for in the first 41 characters only (linear in the block).
      const near = text.slice(at, Math.min(lineEnd, at + 41)).indexOf(':');
      const colon = near === -1 ? -1 : at + near;
      if (colon !== -1) {
        const name = text.slice(at, colon).trimEnd().toLowerCase();
        const k =
          name.length > 11 && name.startsWith('content-')
            ? PEEKED.indexOf(name as (typeof PEEKED)[number])
            : -1;
        if (k !== -1 && values[k] === undefined) {
          values[k] = headerValue(text, raw, colon + 1, Math.min(lineEnd, colon + 1 + 8192));
          current = k;
        }
      }
    }
    at = next;
  }
  return {
    contentType: values[0]?.trim(),
    encoding: values[1]?.trim(),
    disposition: values[2]?.trim(),
    bodyStart: end,
    truncated: at < end,
  };
}

const NO_PARAMS: ContentType = parseContentType(undefined);

class Part implements MimePart {
  readonly path: string;
  readonly depth: number;
  readonly mediaType: string;
  readonly start: number;
  readonly bodyStart: number;
  readonly end: number;
  private readonly _raw: Uint8Array;
  private readonly _contentTypeValue: string | undefined;
  // For the message itself these are read from its HeaderList when first needed.
  private _dispositionValue: string | undefined;
  private _encodingValue: string | undefined;
  private _transferEncoding: string | undefined;
  private _headers: HeaderList | undefined;
  private _contentType: ContentType | undefined;
  private _disposition: { type: MimeDisposition; params: ReadonlyMap<string, string> } | undefined;

  /**
   * `headers` is given for the message itself (its fields are then read from it); a part inside gives the fields
   * the walk peeked. Same argument shapes on every call: the constructor stays monomorphic.
   */
  constructor(
    raw: Uint8Array,
    path: string,
    depth: number,
    headers: HeaderList | undefined,
    peeked: PeekedFields,
    start: number,
    bodyStart: number,
    end: number,
  ) {
    this._raw = raw;
    this.path = path;
    this.depth = depth;
    this._headers = headers;
    this._contentTypeValue = peeked.contentType;
    this._dispositionValue = peeked.disposition;
    this._encodingValue = peeked.encoding;
    this.mediaType = mediaTypeOf(this._contentTypeValue?.slice(0, 8192));
    this.start = start;
    this.bodyStart = bodyStart;
    this.end = end;
  }

  get transferEncoding(): string {
    if (this._transferEncoding === undefined) {
      const value =
        this._headers !== undefined && this.path === ''
          ? this._headers.get('content-transfer-encoding')
          : this._encodingValue;
      this._transferEncoding = value === undefined ? '7bit' : value.slice(0, 64).trim().toLowerCase();
    }
    return this._transferEncoding;
  }

  get headers(): HeaderList {
    this._headers ??= parseHeaders(this._raw.subarray(this.start, this.bodyStart), {
      limits: { maxDefects: 20, maxFields: 500 },
    });
    return this._headers;
  }

  get contentType(): ContentType {
    this._contentType ??=
      this._contentTypeValue === undefined
        ? NO_PARAMS
        : parseContentType(this._contentTypeValue.slice(0, 8192));
    return this._contentType;
  }

  get charset(): string | null {
    return this.contentType.params.get('charset')?.trim().toLowerCase() || null;
  }

  private _readDisposition(): { type: MimeDisposition; params: ReadonlyMap<string, string> } {
    if (this._disposition === undefined) {
      const value = this.path === '' ? this.headers.get('content-disposition') : this._dispositionValue;
      if (value === undefined) this._disposition = { type: null, params: new Map() };
      else {
        // Same grammar as Content-Type parameters (RFC 2183 §2, RFC 2231): reuse that parser on `x/y; params`.
        const semi = value.indexOf(';');
        const type = (semi === -1 ? value : value.slice(0, semi)).trim().toLowerCase();
        const parsed = parseContentType(semi === -1 ? 'x/y' : `x/y${value.slice(semi, semi + 8192)}`);
        this._disposition = {
          type: type === 'attachment' ? 'attachment' : type === 'inline' ? 'inline' : null,
          params: parsed.params,
        };
      }
    }
    return this._disposition;
  }

  /** The public fields only (the part's bytes and caches stay out of JSON). */
  toJSON(): Omit<MimePart, 'headers'> & { readonly headers: readonly { name: string; value: string }[] } {
    return {
      path: this.path,
      depth: this.depth,
      headers: this.headers.fields,
      contentType: this.contentType,
      mediaType: this.mediaType,
      transferEncoding: this.transferEncoding,
      charset: this.charset,
      disposition: this.disposition,
      filename: this.filename,
      start: this.start,
      bodyStart: this.bodyStart,
      end: this.end,
    };
  }

  get disposition(): MimeDisposition {
    return this._readDisposition().type;
  }

  get filename(): string | null {
    const name = this._readDisposition().params.get('filename') ?? this.contentType.params.get('name');
    if (name === undefined || name === '') return null;
    try {
      return decodeEncodedWords(name);
    } catch {
      return name;
    }
  }
}

/** The first `--` line of a body, when a multipart has no boundary parameter (folded badly, or cut). */
function guessBoundary(view: string, from: number, max: number): string {
  let at = from;
  while (at < view.length) {
    if (view.startsWith('--', at)) {
      let stop = view.indexOf('\n', at);
      if (stop === -1) stop = view.length;
      const line = view.slice(at + 2, Math.min(stop, at + 2 + max + 1)).trimEnd();
      return line.endsWith('--') ? line.slice(0, -2) : line;
    }
    const lf = view.indexOf('\n', at);
    if (lf === -1) return '';
    at = lf + 1;
  }
  return '';
}

/** One open multipart: where its next delimiter line is. */
interface Cursor {
  readonly part: Part;
  /** `--boundary`. */
  readonly delimiter: string;
  /** The byte string cut at the part's end (a slice, not a copy), so searches never run past it. */
  readonly view: string;
  /** Offset of the current delimiter line, `-1` when the multipart is finished. */
  at: number;
  children: number;
}

/** Whether `view[at..]` is a delimiter line: at a line start (after white space at most), then `--`, white space or a line end. */
function isDelimiterAt(view: string, delimiterLength: number, at: number, lineStartFloor: number): boolean {
  // Some mailers indent delimiter lines (sisimai rfc3464-35): white space alone before it still starts a line.
  let lineStart = at;
  const indentFloor = Math.max(lineStartFloor, at - 32);
  while (lineStart > indentFloor) {
    const c = view.charCodeAt(lineStart - 1);
    if (c !== 0x20 && c !== 0x09) break;
    lineStart--;
  }
  if (lineStart !== lineStartFloor && view.charCodeAt(lineStart - 1) !== LF) return false;
  const after = view.charCodeAt(at + delimiterLength);
  // `--b-inner` is not a delimiter of `b`; `--b--` (the close delimiter) is.
  if (after === DASH) return view.charCodeAt(at + delimiterLength + 1) === DASH;
  return Number.isNaN(after) || after === LF || after === CR || after === 0x20 || after === 0x09;
}

function findDelimiter(cursor: Cursor, from: number): number {
  const { view, delimiter } = cursor;
  const floor = cursor.part.bodyStart;
  for (let i = view.indexOf(delimiter, from); i !== -1; i = view.indexOf(delimiter, i + 1)) {
    if (isDelimiterAt(view, delimiter.length, i, floor)) return i;
  }
  return -1;
}

function openCursor(text: string, part: Part, limits: MimeLimits, defects: MimeDefect[]): Cursor | null {
  const view = part.end === text.length ? text : text.slice(0, part.end);
  let boundary = part.contentType.params.get('boundary') ?? '';
  if (boundary === '') {
    boundary = guessBoundary(view, part.bodyStart, limits.maxBoundaryLength);
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
  // A boundary is ASCII (RFC 2046); one that is not is matched as the UTF-8 bytes it was read from.
  const delimiter = NON_ASCII.test(boundary)
    ? String.fromCharCode(...new TextEncoder().encode(`--${boundary}`))
    : `--${boundary}`;
  const cursor: Cursor = { part, delimiter, view, at: -1, children: 0 };
  cursor.at = findDelimiter(cursor, part.bodyStart);
  return cursor;
}

/** The byte range of the next body part of a multipart, or `null` at its end. */
function nextChild(cursor: Cursor, defects: MimeDefect[]): { start: number; end: number } | null {
  const { view } = cursor;
  const at = cursor.at;
  if (at === -1) return null;
  const afterDelimiter = at + cursor.delimiter.length;
  if (view.charCodeAt(afterDelimiter) === DASH && view.charCodeAt(afterDelimiter + 1) === DASH) {
    cursor.at = -1;
    return null;
  }
  const lineEnd = view.indexOf('\n', afterDelimiter);
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
    while (end > start && (view.charCodeAt(end - 1) === 0x20 || view.charCodeAt(end - 1) === 0x09)) end--;
    if (end > start && view.charCodeAt(end - 1) === LF) end--;
    if (end > start && view.charCodeAt(end - 1) === CR) end--;
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

/** What one iteration of a walk found wrong, and whether a bound stopped it. */
interface WalkState {
  readonly defects: MimeDefect[];
  truncated: boolean;
}

/** The iterable {@link mimeParts} returns; each iteration walks the message again. */
export class MimeWalk implements Iterable<MimePart> {
  private readonly _raw: Uint8Array;
  private readonly _headers: HeaderList;
  private readonly _limits: MimeLimits;
  private readonly _bodyOffset: number;
  private _state: WalkState = { defects: [], truncated: false };

  constructor(raw: Uint8Array, headers: HeaderList, options: MimeWalkOptions = {}) {
    this._raw = raw;
    this._headers = headers;
    this._limits = checkedLimits(options.limits);
    const offset = options.bodyOffset ?? headers.bodyOffset ?? raw.length;
    this._bodyOffset = Number.isSafeInteger(offset) ? Math.min(Math.max(0, offset), raw.length) : raw.length;
  }

  /** What the last (or current) iteration found malformed, and the bounds it hit. */
  get defects(): readonly MimeDefect[] {
    return this._state.defects;
  }

  /** True when a bound stopped the last (or current) iteration before the end of the message. */
  get truncated(): boolean {
    return this._state.truncated;
  }

  /** Walks the parts again from the start, in document order; `defects` and `truncated` describe this walk. */
  [Symbol.iterator](): Iterator<MimePart> {
    this._state = { defects: [], truncated: false };
    return new MimeIterator(this._raw, this._headers, this._limits, this._bodyOffset, this._state);
  }
}

const DONE: IteratorReturnResult<undefined> = Object.freeze({ value: undefined, done: true });

/** The walk itself: pre-order, one part per `next()`, a stack of open multiparts (no recursion, no generator). */
class MimeIterator implements Iterator<MimePart> {
  private readonly _raw: Uint8Array;
  private readonly _headers: HeaderList;
  private readonly _limits: MimeLimits;
  private readonly _bodyOffset: number;
  private readonly _state: WalkState;
  private readonly _stack: Cursor[] = [];
  private _end: number;
  /** The byte string of the body, made when the first multipart is opened. */
  private _text: string | null = null;
  private _parts = 0;
  /** The part yielded last, opened (if multipart) on the next call. */
  private _pending: Part | null = null;
  private _started = false;
  private _finished = false;

  constructor(
    raw: Uint8Array,
    headers: HeaderList,
    limits: MimeLimits,
    bodyOffset: number,
    state: WalkState,
  ) {
    this._raw = raw;
    this._headers = headers;
    this._limits = limits;
    this._bodyOffset = bodyOffset;
    this._state = state;
    this._end = raw.length;
  }

  next(): IteratorResult<MimePart> {
    if (this._finished) return DONE;
    const limits = this._limits;
    const state = this._state;
    if (!this._started) {
      this._started = true;
      if (this._end - this._bodyOffset > limits.maxScanBytes) {
        this._end = this._bodyOffset + limits.maxScanBytes;
        state.truncated = true;
        state.defects.push({
          code: 'scan-limit',
          detail: `body longer than ${limits.maxScanBytes} bytes: cut there`,
          path: '',
        });
      }
      const root = new Part(
        this._raw,
        '',
        0,
        this._headers,
        {
          contentType: this._headers.get('content-type'),
          encoding: undefined,
          disposition: undefined,
          bodyStart: this._bodyOffset,
          truncated: false,
        },
        0,
        this._bodyOffset,
        this._end,
      );
      this._parts = 1;
      this._pending = root;
      return { value: root, done: false };
    }
    if (this._pending !== null) {
      this._open(this._pending);
      this._pending = null;
    }
    const stack = this._stack;
    while (stack.length > 0) {
      const cursor = stack[stack.length - 1]!;
      const range = nextChild(cursor, state.defects);
      if (range === null) {
        stack.pop();
        continue;
      }
      if (this._parts >= limits.maxParts) {
        state.truncated = true;
        state.defects.push({
          code: 'part-limit',
          detail: `more than ${limits.maxParts} parts: stopped`,
          path: cursor.part.path,
        });
        break;
      }
      this._parts++;
      cursor.children++;
      const path = cursor.part.path === '' ? `${cursor.children}` : `${cursor.part.path}.${cursor.children}`;
      const peeked = peekPartHeaders(
        cursor.view,
        this._raw,
        range.start,
        range.end,
        limits.maxPartHeaderBytes,
      );
      if (peeked.truncated) {
        state.defects.push({
          code: 'part-header-truncated',
          detail: `part header block longer than ${limits.maxPartHeaderBytes} bytes: body skipped`,
          path,
        });
      }
      const part = new Part(
        this._raw,
        path,
        cursor.part.depth + 1,
        undefined,
        peeked,
        range.start,
        peeked.bodyStart,
        range.end,
      );
      this._pending = part;
      return { value: part, done: false };
    }
    this._finished = true;
    return DONE;
  }

  private _open(part: Part): void {
    if (!part.mediaType.startsWith('multipart/')) return;
    const limits = this._limits;
    if (part.depth >= limits.maxDepth) {
      this._state.truncated = true;
      this._state.defects.push({
        code: 'depth-limit',
        detail: `nested deeper than ${limits.maxDepth}: not opened`,
        path: part.path,
      });
      return;
    }
    this._text ??= byteString(this._raw, this._end);
    const cursor = openCursor(this._text, part, limits, this._state.defects);
    if (cursor !== null) this._stack.push(cursor);
  }
}

// base64 alphabet → value; -1 elsewhere (line breaks, white space and junk are skipped; `=` ends a segment).
const BASE64 = new Int8Array(256).fill(-1);
for (let i = 0; i < 64; i++)
  BASE64['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.charCodeAt(i)] = i;

/** Node's native base64 decoder (`Buffer.from(text, 'base64')`), feature-detected. */
const nativeBase64 = (globalThis as { Buffer?: { from(text: string, encoding: 'base64'): Uint8Array } })
  .Buffer;
const PADDING_TAIL = /^[=\s]*$/;

function decodeBase64(input: Uint8Array, max: number): Uint8Array {
  if (nativeBase64 !== undefined && input.length > 256) {
    // The native decoder stops at the first padding and reads `-`/`_` as base64url: use it only when padding ends
    // the text and neither occurs, where it gives exactly what the loop below gives, several times faster.
    const text = byteString(input, input.length);
    const pad = text.indexOf('=');
    if (
      text.indexOf('-') === -1 &&
      text.indexOf('_') === -1 &&
      (pad === -1 || PADDING_TAIL.test(text.slice(pad)))
    ) {
      const out = nativeBase64.from(text, 'base64');
      return out.length > max ? out.subarray(0, max) : out;
    }
  }
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
  /**
   * Decode as this charset instead of the part's own ({@link partText}). `'binary'` reads each byte as one
   * character (ISO-8859-1 proper): the cheapest way to read only the ASCII words of a part in any ASCII-compatible
   * charset (what a scan for English phrases needs); the text stays a one-byte string, fast to search and lower-case,
   * and `format=flowed` lines are left as written.
   */
  readonly charset?: string;
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
  // Base64 input: 4 characters per 3 bytes, plus line breaks (76-character lines) and some slack.
  if (part.transferEncoding === 'base64')
    return decodeBase64(body.subarray(0, Math.ceil(max / 3) * 4 + Math.ceil(max / 38) + 64), max);
  if (part.transferEncoding === 'quoted-printable')
    return decodeQuotedPrintable(body.subarray(0, max * 3), max);
  return body.subarray(0, max);
}

const SINGLE_BYTE_DECODERS: ReadonlyMap<string, TextDecoder> = new Map(
  ['iso-8859-1', 'latin1', 'iso-8859-15', 'windows-1252', 'cp1252', 'iso-8859-2', 'windows-1250'].map(
    (label) => [label, new TextDecoder(label)],
  ),
);
const ASCII_COMPATIBLE_UTF8 = new Set(['', 'utf-8', 'utf8', 'us-ascii', 'ascii', 'unicode-1-1-utf-8']);

/**
 * Bytes to text in a MIME charset: UTF-8, US-ASCII and the common Latin charsets with the platform decoder (fast),
 * any other
 * charset with libmime (iconv-lite and encoding-japanese: ISO-8859-*, windows-*, ISO-2022-JP mislabeled as EUC-JP,
 * Shift_JIS, GB18030, Big5, KOI8-R, UTF-7, …); UTF-8 when the charset is unknown. Malformed bytes become U+FFFD.
 */
function decodeCharset(bytes: Uint8Array, charset: string | null): string {
  const label = charset ?? '';
  if (ASCII_COMPATIBLE_UTF8.has(label)) return utf8.decode(bytes);
  if (label === 'binary') return byteString(bytes, bytes.length);
  // Single-byte Latin charsets: the platform decoder gives what iconv-lite gives, several times faster.
  const single = SINGLE_BYTE_DECODERS.get(label);
  if (single !== undefined) return single.decode(bytes);
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
  let text = decodeCharset(bytes, options.charset?.toLowerCase() ?? part.charset);
  if (part.mediaType === 'text/html') return htmlToText(text, maxChars);
  // `binary` is for scanning words: flowed soft breaks are white space there, so they need no joining.
  const binary = options.charset?.toLowerCase() === 'binary';
  const format =
    part.mediaType === 'text/plain' && !binary ? part.contentType.params.get('format') : undefined;
  if (format !== undefined && format.toLowerCase() === 'flowed') {
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
