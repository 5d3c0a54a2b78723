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
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Splits on `;` outside quoted strings. */
function splitParams(value: string): string[] {
  if (!value.includes('"')) return value.split(';', MAX_PARAMS + 2);
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (quoted && ch === '\\' && i + 1 < value.length) {
      current += ch + value[i + 1];
      i++;
      continue;
    }
    if (ch === '"') quoted = !quoted;
    if (ch === ';' && !quoted) {
      parts.push(current);
      current = '';
      if (parts.length > MAX_PARAMS) return parts;
      continue;
    }
    current += ch;
  }
  parts.push(current);
  return parts;
}

function unquote(v: string): string {
  const t = v.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).replace(/\\(.)/g, '$1') : t;
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
  const parts = splitParams(value ?? '');
  const [type, subtype] = (parts[0] ?? '').trim().toLowerCase().split('/', 2);
  const valid = type !== undefined && subtype !== undefined && TOKEN.test(type) && TOKEN.test(subtype.trim());
  const t = valid ? type : 'text';
  const s = valid ? subtype.trim() : 'plain';
  const params = new Map<string, string>();
  const sections = new Map<string, { index: number; text: string; extended: boolean }[]>();
  for (const part of parts.slice(1, MAX_PARAMS + 1)) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    const rawName = part.slice(0, eq).trim().toLowerCase();
    const rawValue = part.slice(eq + 1);
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
 * The message's `Content-Type`, `text/plain` when absent.
 *
 * @example
 * contentType(headers).mediaType; // 'multipart/report'
 */
export function contentType(list: HeaderList): ContentType {
  return parseContentType(list.get('content-type'));
}
