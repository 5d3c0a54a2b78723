import { contentType, type HeaderList, parseHeaders } from '@mailroom/headers';

/** Bounds for {@link messageText}: hostile MIME trees stay cheap. */
const MAX_PARTS = 64;
const MAX_DEPTH = 4;
const MAX_TEXT = 256 * 1024;

const latin1 = new TextDecoder('latin1');

function decodeTransfer(body: Uint8Array, encoding: string): Uint8Array {
  const e = encoding.trim().toLowerCase();
  if (e === 'base64') return Buffer.from(latin1.decode(body).replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
  if (e === 'quoted-printable') {
    const text = latin1.decode(body).replace(/=\r?\n/g, '');
    const out: number[] = [];
    for (let i = 0; i < text.length; i++) {
      const hex = text.slice(i + 1, i + 3);
      if (text[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
        out.push(Number.parseInt(hex, 16));
        i += 2;
      } else {
        out.push(text.charCodeAt(i) & 0xff);
      }
    }
    return Uint8Array.from(out);
  }
  return body;
}

function decodeCharset(bytes: Uint8Array, charset: string | undefined): string {
  try {
    return new TextDecoder(charset || 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

function indexOfBytes(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0];
  for (let i = haystack.indexOf(first!, from); i !== -1; i = haystack.indexOf(first!, i + 1)) {
    let j = 1;
    while (j < needle.length && haystack[i + j] === needle[j]) j++;
    if (j === needle.length) return i;
  }
  return -1;
}

/** The body parts of a multipart body, split on `--boundary` lines. */
function splitParts(body: Uint8Array, boundary: string): Uint8Array[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Uint8Array[] = [];
  let at = indexOfBytes(body, delimiter, 0);
  while (at !== -1 && parts.length < MAX_PARTS) {
    let start = at + delimiter.length;
    if (body[start] === 0x2d && body[start + 1] === 0x2d) break;
    while (start < body.length && body[start] !== 0x0a) start++;
    const next = indexOfBytes(body, delimiter, start + 1);
    const end = next === -1 ? body.length : next;
    parts.push(body.subarray(start + 1, end));
    at = next;
  }
  return parts;
}

const LINE_BREAKING_TAGS = ['br', '/p', '/div', '/tr', '/li', '/h1', '/h2', '/h3', 'hr'];
const ENTITIES: Readonly<Record<string, string>> = {
  nbsp: ' ',
  lt: '<',
  gt: '>',
  quot: '"',
  amp: '&',
  '#39': "'",
};

/** HTML reduced to its text, line breaks where blocks end; a scan, not a regular expression. */
function htmlToText(html: string): string {
  let out = '';
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    const chunk = html.slice(i, lt === -1 ? html.length : lt);
    out += chunk.replace(/&(nbsp|lt|gt|quot|amp|#39);/g, (_m, name: string) => ENTITIES[name] ?? '');
    if (lt === -1) break;
    const gt = html.indexOf('>', lt);
    if (gt === -1) break;
    const tag = html.slice(lt + 1, Math.min(gt, lt + 8)).toLowerCase();
    if (LINE_BREAKING_TAGS.some((t) => tag === t || tag.startsWith(`${t} `) || tag.startsWith(`${t}/`)))
      out += '\n';
    i = gt + 1;
  }
  return out;
}

function textOf(
  headers: HeaderList,
  body: Uint8Array,
  depth: number,
): { text: string; html: boolean } | null {
  const type = contentType(headers);
  if (type.type === 'multipart' && depth < MAX_DEPTH) {
    const boundary = type.params.get('boundary');
    if (boundary === undefined || boundary === '') return null;
    let html: { text: string; html: boolean } | null = null;
    for (const part of splitParts(body, boundary)) {
      const partHeaders = parseHeaders(part, { limits: { maxHeaderBytes: 64 * 1024, maxFields: 200 } });
      const partBody = part.subarray(partHeaders.bodyOffset ?? part.length);
      if (partHeaders.get('content-disposition')?.trim().toLowerCase().startsWith('attachment')) continue;
      const found = textOf(partHeaders, partBody, depth + 1);
      if (found !== null && !found.html) return found;
      html ??= found;
    }
    return html;
  }
  if (type.mediaType !== 'text/plain' && type.mediaType !== 'text/html') return null;
  const bytes = decodeTransfer(
    body.subarray(0, MAX_TEXT * 4),
    headers.get('content-transfer-encoding') ?? '7bit',
  );
  const text = decodeCharset(bytes, type.params.get('charset')).slice(0, MAX_TEXT);
  if (type.mediaType === 'text/plain') return { text, html: false };
  const plain = htmlToText(text);
  return { text: plain, html: true };
}

/**
 * The decoded text of a message for the requester resolver (forwarded blocks live there): the first
 * `text/plain` part that is not an attachment, else the first `text/html` part reduced to text; `''` when none.
 * Bounded in parts, depth and size; never throws on hostile MIME.
 */
export function messageText(headers: HeaderList, raw: Uint8Array): string {
  try {
    return textOf(headers, raw.subarray(headers.bodyOffset ?? raw.length), 0)?.text ?? '';
  } catch {
    return '';
  }
}
