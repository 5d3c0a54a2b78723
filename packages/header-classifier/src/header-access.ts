import { type ContentType, type HeaderList, parseAddressList, parseContentType } from '@mailroom/headers';

/*
 * Small, bounded readers over a HeaderList for what the classifier compares: trimmed lower-case tokens, comment
 * text, a sender's parts, a decoded subject. Parsing itself (addresses, encoded words, Content-Type) is
 * `@mailroom/headers`'.
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

/** A sender address split into the parts the classifier compares. */
export interface SenderAddress {
  readonly address: string;
  readonly localPart: string;
  readonly domain: string;
  /** Decoded display name, lower-cased, quotes removed. */
  readonly name: string;
}

/** The first mailbox of an address header (`"Name" <a@b>`, `a@b (Name)`, `<>`), lower-cased for comparison. */
export function firstAddress(value: string): SenderAddress | null {
  const mailbox = parseAddressList(value, { maxAddresses: 1 })[0];
  if (mailbox === undefined) return null;
  return {
    address: mailbox.address.toLowerCase(),
    localPart: mailbox.localPart.toLowerCase(),
    domain: (mailbox.asciiDomain ?? mailbox.domain).toLowerCase(),
    name: mailbox.name.trim().toLowerCase(),
  };
}

/** A parsed Content-Type: lower-cased media type and its parameters (from `@mailroom/headers`). */
export type MediaType = Pick<ContentType, 'mediaType' | 'params'>;

const NO_PARAMS: ReadonlyMap<string, string> = new Map();

/**
 * Reads a Content-Type value (the caller bounds its length). Only multipart and calendar types have parameters the
 * classifier reads (boundary, report-type, method), so only those go through the full RFC 2045/2231 parser.
 */
export function parseMediaType(value: string | undefined): MediaType {
  if (value === undefined) return { mediaType: 'text/plain', params: NO_PARAMS };
  const semi = value.indexOf(';');
  const head = (semi === -1 ? value : value.slice(0, semi)).trim().toLowerCase();
  if (
    head.startsWith('multipart/') ||
    head.startsWith('text/calendar') ||
    head.includes('(') ||
    !head.includes('/')
  ) {
    return parseContentType(value);
  }
  return { mediaType: head, params: NO_PARAMS };
}

/** Values of `name` (at most `maxInstances`), each cut to `maxLength`. */
export function values(headers: HeaderList, name: string, maxInstances: number, maxLength: number): string[] {
  if (!headers.has(name)) return [];
  const all = headers.getAll(name);
  const out: string[] = [];
  for (let i = 0; i < all.length && i < maxInstances; i++) out.push(cut(all[i]!, maxLength));
  return out;
}
