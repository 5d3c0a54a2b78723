import { type HeaderDefect, type HeaderField, HeaderList } from './header-list.js';

/** Bounds that keep parsing hostile input cheap. Past a bound the parser stops, records a defect, returns. */
export interface HeaderLimits {
  /** Bytes (or string characters) of header block read at most. */
  readonly maxHeaderBytes: number;
  /** Header fields kept at most. */
  readonly maxFields: number;
  /** Characters of one physical line kept at most; the rest of the line is dropped. */
  readonly maxLineLength: number;
  /** Defects recorded at most (one final defect says how many more were dropped). */
  readonly maxDefects: number;
}

/** The bounds used when the caller gives none: generous for real mail, small enough for hostile mail. */
export const DEFAULT_HEADER_LIMITS: HeaderLimits = Object.freeze({
  maxHeaderBytes: 4 * 1024 * 1024,
  maxFields: 10_000,
  maxLineLength: 2 * 1024 * 1024,
  maxDefects: 200,
});

/** Options for {@link parseHeaders}. */
export interface ParseHeadersOptions {
  readonly limits?: Partial<HeaderLimits>;
}

const LF = 0x0a;
const CR = 0x0d;

interface BlockEnd {
  /** End (exclusive) of the header lines, before the empty line. */
  readonly end: number;
  readonly bodyOffset: number | null;
  readonly truncated: boolean;
  /** Some line of the header block ends in a bare CR. */
  readonly bareCr: boolean;
}

/**
 * Finds the empty line that ends the header block, scanning at most `limit` units of `raw` (bytes or UTF-16
 * code units). A plain loop: it stays monomorphic and beats repeated `indexOf` calls on short lines.
 */
function findBlockEnd(raw: Uint8Array | string, limit: number): BlockEnd {
  const length = raw.length;
  const stop = Math.min(length, limit);
  const bytes = typeof raw === 'string' ? null : raw;
  const text = typeof raw === 'string' ? raw : '';
  let lineStart = 0;
  let bareCr = false;
  for (let i = 0; i < stop; i++) {
    const c = bytes === null ? text.charCodeAt(i) : bytes[i]!;
    if (c !== LF && c !== CR) continue;
    const next = i + 1 < length ? (bytes === null ? text.charCodeAt(i + 1) : bytes[i + 1]) : -1;
    const terminator = c === CR && next === LF ? 2 : 1;
    if (i === lineStart) return { end: lineStart, bodyOffset: i + terminator, truncated: false, bareCr };
    if (c === CR && terminator === 1) bareCr = true;
    i += terminator - 1;
    lineStart = i + 1;
  }
  if (length <= limit) return { end: length, bodyOffset: length, truncated: false, bareCr };
  return { end: lineStart, bodyOffset: null, truncated: true, bareCr };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('windows-1252');

/** Decodes header bytes: UTF-8 (RFC 6532) where valid, Windows-1252 line by line where not. */
function decodeHeaderBytes(bytes: Uint8Array, end: number, defects: DefectSink): string {
  const block = bytes.subarray(0, end);
  try {
    return utf8.decode(block);
  } catch {
    // 8-bit garbage somewhere: keep every valid UTF-8 line, read the others as Windows-1252.
    let text = '';
    let start = 0;
    let line = 1;
    while (start <= end) {
      let stop = start;
      while (stop < end && bytes[stop] !== LF && bytes[stop] !== CR) stop++;
      const piece = bytes.subarray(start, stop);
      try {
        text += utf8.decode(piece);
      } catch {
        text += latin1.decode(piece);
        defects.add({ code: 'invalid-utf8', detail: 'bytes that are not UTF-8 read as Windows-1252', line });
      }
      if (stop >= end) break;
      const terminator = bytes[stop] === CR && bytes[stop + 1] === LF ? 2 : 1;
      text += terminator === 2 ? '\r\n' : String.fromCharCode(bytes[stop]!);
      start = stop + terminator;
      line++;
    }
    return text;
  }
}

class DefectSink {
  readonly list: HeaderDefect[] = [];
  #dropped = 0;
  readonly #max: number;
  constructor(max: number) {
    this.#max = Math.max(1, max);
  }
  add(defect: HeaderDefect): void {
    if (this.list.length < this.#max - 1) this.list.push(defect);
    else this.#dropped++;
  }
  finish(): HeaderDefect[] {
    if (this.#dropped > 0) {
      this.list.push({ code: 'too-many-fields', detail: `${this.#dropped} further defects not recorded` });
    }
    return this.list;
  }
}

const FIELD_NAME = /^[\x21-\x39\x3b-\x7e]+$/;
const LINE_BREAK = /\r\n|\n|\r/;

function trimWsp(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && (s.charCodeAt(a) === 0x20 || s.charCodeAt(a) === 0x09)) a++;
  while (b > a && (s.charCodeAt(b - 1) === 0x20 || s.charCodeAt(b - 1) === 0x09)) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

/**
 * Reads only the header block of a message (up to the first empty line) into a {@link HeaderList}.
 * The body is never decoded or copied; `bodyOffset` says where it starts. Handles CRLF, LF and bare CR line
 * endings, folding, UTF-8 headers (RFC 6532) and 8-bit garbage; malformed lines become `defects`, never
 * exceptions. Encoded words (RFC 2047) are left as written in `value`; see {@link decodeEncodedWords}.
 *
 * @example
 * const headers = parseHeaders(bytes);
 * headers.get('subject');
 * bytes.subarray(headers.bodyOffset ?? bytes.length); // the body, when you need it
 */
export function parseHeaders(raw: Uint8Array | string, options: ParseHeadersOptions = {}): HeaderList {
  const limits: HeaderLimits = { ...DEFAULT_HEADER_LIMITS, ...options.limits };
  const defects = new DefectSink(limits.maxDefects);
  let text: string;
  let block: BlockEnd;
  if (typeof raw === 'string') {
    block = findBlockEnd(raw, limits.maxHeaderBytes);
    text = raw.slice(0, block.end);
  } else if (raw instanceof Uint8Array) {
    block = findBlockEnd(raw, limits.maxHeaderBytes);
    text = decodeHeaderBytes(raw, block.end, defects);
  } else {
    throw new TypeError('parseHeaders: pass the raw message as a Uint8Array or a string');
  }
  if (block.truncated) {
    defects.add({
      code: 'header-too-large',
      detail: `header block longer than ${limits.maxHeaderBytes}; stopped there`,
    });
  }
  if (block.bareCr) defects.add({ code: 'bare-cr', detail: 'lines end with a bare CR' });
  const { fields, truncated } = parseLines(text, block.bareCr, limits, defects);
  return new HeaderList(
    fields,
    defects.finish(),
    truncated ? null : block.bodyOffset,
    block.truncated || truncated,
  );
}

function parseLines(
  text: string,
  bareCr: boolean,
  limits: HeaderLimits,
  defects: DefectSink,
): { fields: HeaderField[]; truncated: boolean } {
  const fields: HeaderField[] = [];
  if (text.length === 0) return { fields, truncated: false };
  const lines = bareCr ? text.split(LINE_BREAK) : text.split('\n');
  let name: string | null = null;
  let value = '';
  let reportedLong = false;
  const flush = (): void => {
    if (name !== null) fields.push({ name, value: trimWsp(value) });
    name = null;
    value = '';
  };
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    if (!bareCr && line.charCodeAt(line.length - 1) === CR) line = line.slice(0, -1);
    const lineNo = i + 1;
    if (line.length === 0) continue;
    if (line.length > limits.maxLineLength) {
      defects.add({
        code: 'line-truncated',
        detail: `line longer than ${limits.maxLineLength}`,
        line: lineNo,
      });
      line = line.slice(0, limits.maxLineLength);
    } else if (line.length > 998 && !reportedLong) {
      reportedLong = true;
      defects.add({
        code: 'line-over-998',
        detail: 'line longer than the 998 characters RFC 5322 allows',
        line: lineNo,
      });
    }
    if (line.includes('\0')) {
      defects.add({ code: 'nul-byte', detail: 'NUL removed', line: lineNo });
      line = line.replaceAll('\0', '');
    }
    const first = line.charCodeAt(0);
    if (first === 0x20 || first === 0x09) {
      if (name === null) {
        defects.add({
          code: 'continuation-without-field',
          detail: 'folded line with no field before it',
          line: lineNo,
        });
      } else {
        value += line;
      }
      continue;
    }
    flush();
    if (i === 0 && line.startsWith('From ')) {
      defects.add({ code: 'mbox-from-line', detail: 'mbox "From " separator line skipped', line: lineNo });
      continue;
    }
    const colon = line.indexOf(':');
    if (colon === -1) {
      defects.add({
        code: 'missing-colon',
        detail: `not a header field: ${line.slice(0, 60)}`,
        line: lineNo,
      });
      continue;
    }
    let fieldName = line.slice(0, colon);
    const trimmedName = trimWsp(fieldName);
    if (trimmedName !== fieldName) {
      defects.add({
        code: 'whitespace-before-colon',
        detail: `white space around "${trimmedName}"`,
        line: lineNo,
      });
      fieldName = trimmedName;
    }
    if (!FIELD_NAME.test(fieldName)) {
      defects.add({
        code: 'invalid-field-name',
        detail: `invalid field name: ${fieldName.slice(0, 60)}`,
        line: lineNo,
      });
      continue;
    }
    if (fields.length >= limits.maxFields) {
      defects.add({
        code: 'too-many-fields',
        detail: `more than ${limits.maxFields} fields; stopped there`,
        line: lineNo,
      });
      return { fields, truncated: true };
    }
    name = fieldName;
    value = line.slice(colon + 1);
  }
  flush();
  return { fields, truncated: false };
}
