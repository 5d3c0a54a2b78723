import type { HeaderList } from './header-list.js';

/** A parsed `Content-Type`. */
export interface ContentType {
  /** Lower-cased top-level type, e.g. `multipart`. */
  readonly type: string;
  /** Lower-cased subtype, e.g. `report`. */
  readonly subtype: string;
  /** `type/subtype`, lower-cased. */
  readonly mediaType: string;
  /** Parameters by lower-cased name, RFC 2231 continuations joined and charsets decoded. */
  readonly params: ReadonlyMap<string, string>;
}

const MAX_PARAMS = 64;

/** Whether `s` is an RFC 2045 token (a loop over char codes: the MIME walker checks one per part). */
function isToken(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) if (!isTokenChar(s.charCodeAt(i))) return false;
  return true;
}

function isTokenChar(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x30 && c <= 0x39) ||
    c === 0x2d ||
    c === 0x2e ||
    c === 0x2b ||
    c === 0x5f ||
    c === 0x21 ||
    (c >= 0x23 && c <= 0x27) ||
    c === 0x2a ||
    c === 0x5e ||
    c === 0x60 ||
    c === 0x7c ||
    c === 0x7e
  );
}

/** Splits on `;` outside quoted strings (slices between split points, no per-character string building). */
function splitParams(value: string): string[] {
  if (!value.includes('"')) return value.split(';', MAX_PARAMS + 2);
  const parts: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (quoted && c === 0x5c) {
      i++;
      continue;
    }
    if (c === 0x22) quoted = !quoted;
    else if (c === 0x3b && !quoted) {
      parts.push(value.slice(start, i));
      start = i + 1;
      if (parts.length > MAX_PARAMS) return parts;
    }
  }
  parts.push(value.slice(start));
  return parts;
}

function unquote(v: string): string {
  const t = v.trim();
  if (t.length < 2 || !t.startsWith('"') || !t.endsWith('"')) return t;
  const inner = t.slice(1, -1);
  return inner.includes('\\') ? inner.replace(/\\(.)/g, '$1') : inner;
}

/** Decodes an RFC 2231 extended value `charset'lang'percent-encoded`. */
function decodeExtended(value: string, charset: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const ch = value.charCodeAt(i);
    if (ch === 0x25 && i + 2 < value.length + 0 && /^[0-9a-fA-F]{2}$/.test(value.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(ch & 0xff);
    }
  }
  try {
    return new TextDecoder(charset || 'utf-8').decode(new Uint8Array(bytes));
  } catch {
    return new TextDecoder('utf-8').decode(new Uint8Array(bytes));
  }
}

/**
 * Parses a `Content-Type` value. A missing or unreadable type gives `text/plain` (RFC 2045 §5.2).
 * Parameters follow RFC 2045 and RFC 2231 (continuations `name*0`, `name*1`, extended `name*=utf-8''...`).
 *
 * @example
 * parseContentType('multipart/report; report-type=delivery-status; boundary="b1"').params.get('boundary'); // 'b1'
 */
export function parseContentType(value: string | undefined): ContentType {
  if (value === undefined || (!value.includes(';') && !value.includes('"'))) {
    // No parameters (`message/delivery-status`, or absent): the type alone.
    const mediaType = mediaTypeOf(value);
    const slash = mediaType.indexOf('/');
    return {
      type: mediaType.slice(0, slash),
      subtype: mediaType.slice(slash + 1),
      mediaType,
      params: new Map(),
    };
  }
  return parseFull(value);
}

/** The full RFC 2045/2231 parse of a `Content-Type` value. */
function parseFull(value: string): ContentType {
  const parts = splitParams(value);
  const [type, subtype] = (parts[0] ?? '').trim().toLowerCase().split('/', 2);
  const valid = type !== undefined && subtype !== undefined && isToken(type) && isToken(subtype.trim());
  const t = valid ? type : 'text';
  const s = valid ? subtype.trim() : 'plain';
  const params = new Map<string, string>();
  const sections = new Map<string, { index: number; text: string; extended: boolean }[]>();
  const count = Math.min(parts.length, MAX_PARAMS + 1);
  for (let i = 1; i < count; i++) {
    const part = parts[i]!;
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    const rawName = part.slice(0, eq).trim().toLowerCase();
    const rawValue = part.slice(eq + 1);
    // Most parameters are plain (`charset=utf-8`): no RFC 2231 section to read.
    if (rawName !== '' && !rawName.includes('*')) {
      if (!params.has(rawName)) params.set(rawName, unquote(rawValue));
      continue;
    }
    const m = /^([^*]+)(?:\*(\d{1,3}))?(\*)?$/.exec(rawName);
    if (!m) continue;
    const name = m[1]!;
    if (m[2] === undefined && m[3] === undefined) {
      if (!params.has(name)) params.set(name, unquote(rawValue));
      continue;
    }
    const list = sections.get(name) ?? [];
    list.push({
      index: m[2] === undefined ? 0 : Number(m[2]),
      text: unquote(rawValue),
      extended: m[3] === '*',
    });
    sections.set(name, list);
  }
  for (const [name, list] of sections) {
    list.sort((a, b) => a.index - b.index);
    let charset = '';
    let out = '';
    for (const piece of list) {
      let text = piece.text;
      if (piece.extended) {
        if (piece.index === 0) {
          const quote1 = text.indexOf("'");
          const quote2 = quote1 === -1 ? -1 : text.indexOf("'", quote1 + 1);
          if (quote2 !== -1) {
            charset = text.slice(0, quote1);
            text = text.slice(quote2 + 1);
          }
        }
        out += decodeExtended(text, charset);
      } else {
        out += text;
      }
    }
    params.set(name, out);
  }
  return { type: t, subtype: s, mediaType: `${t}/${s}`, params };
}

/**
 * Only the `type/subtype` of a `Content-Type` value, lower-cased, exactly as {@link parseContentType} reads it, without
 * parsing the parameters (the MIME walker reads a type for every part and parameters for few).
 */
export function mediaTypeOf(value: string | undefined): string {
  if (value === undefined) return 'text/plain';
  const semi = value.indexOf(';');
  let end = semi === -1 ? value.length : semi;
  let start = 0;
  while (start < end && isAsciiSpace(value.charCodeAt(start))) start++;
  while (end > start && isAsciiSpace(value.charCodeAt(end - 1))) end--;
  const slash = value.indexOf('/', start);
  // Quotes, non-ASCII edges (which trim() might remove): the full parser decides.
  const quote = value.indexOf('"');
  if ((quote !== -1 && quote < end) || value.charCodeAt(start) > 0x7f || value.charCodeAt(end - 1) > 0x7f) {
    return parseFull(value).mediaType;
  }
  if (slash === -1 || slash >= end || !isTokenRange(value, start, slash)) return 'text/plain';
  // `split('/', 2)` semantics: the subtype ends at a second slash.
  const slash2 = value.indexOf('/', slash + 1);
  let subEnd = slash2 === -1 || slash2 > end ? end : slash2;
  let subStart = slash + 1;
  while (subStart < subEnd && isAsciiSpace(value.charCodeAt(subStart))) subStart++;
  while (subEnd > subStart && isAsciiSpace(value.charCodeAt(subEnd - 1))) subEnd--;
  if (!isTokenRange(value, subStart, subEnd)) return 'text/plain';
  // The common case `type/subtype` with nothing between: one slice.
  if (subStart === slash + 1) return value.slice(start, subEnd).toLowerCase();
  return `${value.slice(start, slash)}/${value.slice(subStart, subEnd)}`.toLowerCase();
}

function isAsciiSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

function isTokenRange(s: string, from: number, to: number): boolean {
  if (to <= from) return false;
  for (let i = from; i < to; i++) if (!isTokenChar(s.charCodeAt(i))) return false;
  return true;
}

/**
 * The message's `Content-Type`, `text/plain` when absent.
 *
 * @example
 * contentType(headers).mediaType; // 'multipart/report'
 */
export function contentType(list: HeaderList): ContentType {
  return parseContentType(list.get('content-type'));
}
