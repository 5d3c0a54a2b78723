// Byte spans of the header fields of a raw message, for the one edit the evaluator makes before handing a
// message to mailauth: leaving out DKIM-Signature fields beyond the signature cap (and, for a message over
// the size bound, the body). Reading header values is @mailroom/headers' job; this only finds spans.

/** One header field as bytes: [start, end) covers the field with its folded lines and line ending. */
export interface RawFieldSpan {
  readonly start: number;
  readonly end: number;
  /** The field name in lower case. */
  readonly name: string;
}

const LF = 0x0a;
const CR = 0x0d;
const SP = 0x20;
const HT = 0x09;
const COLON = 0x3a;

/** The header field spans and where the body starts (the input length when there is no empty line). */
export function rawHeaderFields(bytes: Uint8Array): { fields: RawFieldSpan[]; bodyStart: number } {
  const fields: RawFieldSpan[] = [];
  let pos = 0;
  let current: { start: number; name: string } | null = null;
  const close = (end: number): void => {
    if (current !== null) fields.push({ start: current.start, end, name: current.name });
    current = null;
  };
  while (pos < bytes.length) {
    let eol = bytes.indexOf(LF, pos);
    const next = eol === -1 ? bytes.length : eol + 1;
    if (eol === -1) eol = bytes.length;
    const contentEnd = eol > pos && bytes[eol - 1] === CR ? eol - 1 : eol;
    if (contentEnd === pos) {
      close(pos);
      return { fields, bodyStart: next };
    }
    const first = bytes[pos];
    if (first === SP || first === HT) {
      // a folded continuation of the current field (or stray white space before any field)
    } else {
      close(pos);
      let colon = pos;
      while (colon < contentEnd && bytes[colon] !== COLON) colon++;
      let name = '';
      for (let i = pos; i < colon && i - pos < 128; i++) name += String.fromCharCode(bytes[i]!);
      current = { start: pos, name: name.trim().toLowerCase() };
    }
    pos = next;
  }
  close(bytes.length);
  return { fields, bodyStart: bytes.length };
}

/** The message without the given field spans (kept in order); the body is kept unless `keepBody` is false. */
export function withoutFields(
  bytes: Uint8Array,
  drop: ReadonlySet<RawFieldSpan>,
  bodyStart: number,
  keepBody: boolean,
  fields: readonly RawFieldSpan[],
): Uint8Array {
  const parts: Uint8Array[] = [];
  let size = 0;
  let headerEnd = 0;
  for (const f of fields) {
    headerEnd = f.end;
    if (drop.has(f)) continue;
    parts.push(bytes.subarray(f.start, f.end));
    size += f.end - f.start;
  }
  // the empty line that ends the header block (and the body, when kept)
  const tail = bytes.subarray(headerEnd, keepBody ? bytes.length : bodyStart);
  parts.push(tail);
  size += tail.length;
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** What the evaluator needs to know about a header block before deciding whether to edit it. */
export interface HeaderCensus {
  /** DKIM-Signature fields. */
  readonly dkimSignatures: number;
  /** Whether any Authentication-Results field is present. */
  readonly authenticationResults: boolean;
}

const DKIM_SIGNATURE = 'dkim-signature';
const AUTHENTICATION_RESULTS = 'authentication-results';

/** White space String.prototype.trim removes, among single bytes read as Latin-1 characters. */
const isTrimmed = (b: number): boolean => (b >= 0x09 && b <= 0x0d) || b === SP || b === 0xa0;

/**
 * Whether the name of the field starting at `start` (up to its colon `colon`, at most 128 bytes, trimmed,
 * ASCII case-insensitive) is `wanted` (lower case): the names {@link rawHeaderFields} gives, without
 * building strings.
 */
function nameIs(bytes: Uint8Array, start: number, colon: number, wanted: string): boolean {
  let from = start;
  let to = Math.min(colon, start + 128);
  while (from < to && isTrimmed(bytes[from]!)) from++;
  while (to > from && isTrimmed(bytes[to - 1]!)) to--;
  if (to - from !== wanted.length) return false;
  for (let i = 0; i < wanted.length; i++) {
    let b = bytes[from + i]!;
    if (b >= 0x41 && b <= 0x5a) b += 0x20;
    if (b !== wanted.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * Counts DKIM-Signature fields and notes Authentication-Results ones, with the field boundaries of
 * {@link rawHeaderFields} but no allocation per field: the evaluator needs the spans only when it edits
 * the message, which most messages never need.
 */
export function headerCensus(bytes: Uint8Array): HeaderCensus {
  let dkimSignatures = 0;
  let authenticationResults = false;
  let pos = 0;
  while (pos < bytes.length) {
    let eol = bytes.indexOf(LF, pos);
    const next = eol === -1 ? bytes.length : eol + 1;
    if (eol === -1) eol = bytes.length;
    const contentEnd = eol > pos && bytes[eol - 1] === CR ? eol - 1 : eol;
    if (contentEnd === pos) break;
    const first = bytes[pos];
    if (first !== SP && first !== HT) {
      let colon = pos;
      while (colon < contentEnd && bytes[colon] !== COLON) colon++;
      const length = colon - pos;
      // the two names are 14 and 22 bytes; a longer span can still match when padded with white space
      if (length >= DKIM_SIGNATURE.length) {
        if (nameIs(bytes, pos, colon, DKIM_SIGNATURE)) dkimSignatures++;
        else if (!authenticationResults && nameIs(bytes, pos, colon, AUTHENTICATION_RESULTS))
          authenticationResults = true;
      }
    }
    pos = next;
  }
  return { dkimSignatures, authenticationResults };
}
