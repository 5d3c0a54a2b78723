import type { HeaderList } from '@mailroom/headers';
import { CLASSIFIER_PATTERNS as P } from './patterns.js';

/*
 * Small, bounded readers over a HeaderList. `@mailroom/headers` is gaining decodeEncodedWords / parseAddressList /
 * contentType; until those land on main these local readers cover exactly what the classifier needs (a sender's
 * local part and domain, a decoded subject, a media type and two parameters), each bounded in length.
 */

/** First `max` characters of a value, trimmed. */
export function cut(value: string, max: number): string {
  return (value.length > max ? value.slice(0, max) : value).trim();
}

/** Removes RFC 5322 comments `( ... )` (one nesting level is enough for the tokens read here), lower-cases. */
export function token(value: string): string {
  if (!value.includes('(')) return value.trim().toLowerCase();
  let out = '';
  let depth = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '(') depth++;
    else if (c === ')') depth = depth > 0 ? depth - 1 : 0;
    else if (depth === 0) out += c;
  }
  return out.trim().toLowerCase();
}

/** The comment text of a value (`auto-replied (vacation)` → `vacation`), lower-cased. */
export function comments(value: string): string {
  if (!value.includes('(')) return '';
  let out = '';
  let depth = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '(') {
      depth++;
      out += ' ';
    } else if (c === ')') depth = depth > 0 ? depth - 1 : 0;
    else if (depth > 0) out += c;
  }
  return out.trim().toLowerCase();
}

const decoders = new Map<string, TextDecoder>();
const fallbackDecoder = new TextDecoder('windows-1252');

function decodeBytes(charset: string, bytes: Uint8Array): string {
  const label = (charset.split('*')[0] ?? '').toLowerCase();
  let decoder = decoders.get(label);
  if (decoder === undefined) {
    try {
      decoder = new TextDecoder(label);
    } catch {
      decoder = fallbackDecoder;
    }
    // Bounded: labels come from mail, so only a few dozen distinct ones are kept.
    if (decoders.size < 64) decoders.set(label, decoder);
  }
  return decoder.decode(bytes);
}

function base64Bytes(text: string): Uint8Array | null {
  try {
    const bin = atob(text.replace(P.notBase64, ''));
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

function qBytes(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '_') out.push(0x20);
    else if (c === '=' && P.hexPair.test(text.slice(i + 1, i + 3))) {
      out.push(Number.parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(c.charCodeAt(0) & 0xff);
  }
  return Uint8Array.from(out);
}

/** Decodes RFC 2047 encoded words in a (bounded) header value; malformed words are left as written. */
export function decodeWords(value: string): string {
  if (!value.includes('=?')) return value;
  return value
    .replace(P.spaceBetweenEncodedWords, '?==?')
    .replace(P.encodedWord, (whole, charset: string, enc: string, text: string) => {
      const bytes = enc === 'b' || enc === 'B' ? base64Bytes(text) : qBytes(text);
      return bytes === null ? whole : decodeBytes(charset, bytes);
    });
}

/** A sender address split into the parts the classifier compares. */
export interface SenderAddress {
  readonly address: string;
  readonly localPart: string;
  readonly domain: string;
  /** Decoded display name, lower-cased, quotes removed. */
  readonly name: string;
}

/** Reads the first mailbox of an address header (`"Name" <a@b>`, `a@b (Name)`, `<>`), bounded. */
export function firstAddress(value: string): SenderAddress | null {
  const lt = value.indexOf('<');
  let address: string;
  let name: string;
  if (lt !== -1) {
    const gt = value.indexOf('>', lt);
    address = value.slice(lt + 1, gt === -1 ? value.length : gt).trim();
    name = value.slice(0, lt);
  } else {
    const first = (value.split(',')[0] ?? '').trim();
    address = token(first).split(P.whitespace)[0] ?? '';
    name = comments(first);
  }
  address = address.replace(P.mailtoPrefix, '');
  const at = address.lastIndexOf('@');
  name = decodeWords(name).replace(P.quotes, '').trim().toLowerCase();
  if (at === -1) return { address, localPart: address.toLowerCase(), domain: '', name };
  return {
    address: address.toLowerCase(),
    localPart: address.slice(0, at).toLowerCase(),
    domain: address.slice(at + 1).toLowerCase(),
    name,
  };
}

/** A parsed Content-Type: lower-cased media type and the parameters the classifier reads. */
export interface MediaType {
  readonly mediaType: string;
  readonly params: ReadonlyMap<string, string>;
}

/** Parses a Content-Type value (bounded by the caller), tolerant of missing quotes and stray semicolons. */
export function parseMediaType(value: string | undefined): MediaType {
  const params = new Map<string, string>();
  if (value === undefined) return { mediaType: 'text/plain', params };
  const parts = value.split(';');
  const mediaType = token(parts[0] ?? '') || 'text/plain';
  for (let i = 1; i < parts.length && i < 32; i++) {
    const part = parts[i]!;
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    const key = part.slice(0, eq).trim().toLowerCase();
    let val = part.slice(eq + 1).trim();
    if (val.startsWith('"')) {
      const end = val.indexOf('"', 1);
      val = val.slice(1, end === -1 ? val.length : end);
    }
    if (!params.has(key)) params.set(key, val);
  }
  return { mediaType, params };
}

/** Values of `name` (at most `maxInstances`), each cut to `maxLength`. */
export function values(headers: HeaderList, name: string, maxInstances: number, maxLength: number): string[] {
  if (!headers.has(name)) return [];
  const all = headers.getAll(name);
  const out: string[] = [];
  for (let i = 0; i < all.length && i < maxInstances; i++) out.push(cut(all[i]!, maxLength));
  return out;
}
