import punycode from 'punycode.js';
import { decodeEncodedWords } from './encoded-words.js';
import type { HeaderDefect, HeaderList } from './header-list.js';

/** One mailbox from an address header. */
export interface Mailbox {
  /** `local@domain` as written (quoted local parts keep their quotes); `''` for the null address `<>`. */
  readonly address: string;
  /** The decoded display name (encoded words decoded, quotes removed), or `''`. */
  readonly name: string;
  /** The display name of the group this mailbox was listed in (`Team: a@x, b@y;`). */
  readonly group?: string;
  readonly localPart: string;
  /** The domain as written. */
  readonly domain: string;
  /** The domain in ASCII (IDNA) form, lower-cased; `null` when the domain is not a valid host name. */
  readonly asciiDomain: string | null;
  /** The domain in Unicode form; `null` when the domain is not a valid host name. */
  readonly unicodeDomain: string | null;
}

/** Options for {@link parseAddressList}. */
export interface AddressListOptions {
  /** Mailboxes returned at most (default 1,000); the rest of the list is not read. */
  readonly maxAddresses?: number;
  /**
   * Where to record a `too-many-addresses` defect when `maxAddresses` cut the list (the parser itself never
   * throws and returns what it read).
   */
  readonly defects?: HeaderDefect[];
}

function reportCut(options: AddressListOptions, max: number): void {
  options.defects?.push({
    code: 'too-many-addresses',
    detail: `more than ${max} addresses; the rest not read`,
  });
}

/** The largest number of mailboxes read from one header value unless the caller says otherwise. */
export const DEFAULT_MAX_ADDRESSES = 1000;

interface Token {
  readonly kind: 'word' | 'quoted' | 'comment' | 'angle' | 'comma' | 'colon' | 'semicolon';
  /** Text for display (quoted strings unquoted, comments without parentheses). */
  readonly text: string;
  /** Text as written. */
  readonly raw: string;
  /** White space stood before this token. */
  readonly spaced: boolean;
}

function isWsp(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
}

/** Reads up to and including `close`, honouring backslash escapes; nesting for comments. */
function readDelimited(
  s: string,
  start: number,
  open: string,
  close: string,
): { end: number; inner: string; closed: boolean } {
  let depth = 0;
  let inner = '';
  for (let i = start; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === '\\' && i + 1 < s.length) {
      inner += s[i + 1];
      i++;
      continue;
    }
    if (ch === close && open !== close) {
      depth--;
      if (depth === 0) return { end: i + 1, inner, closed: true };
    } else if (ch === open) {
      if (open === close && depth === 1) return { end: i + 1, inner, closed: true };
      depth++;
      if (depth === 1) continue;
    }
    inner += ch;
  }
  return { end: s.length, inner, closed: false };
}

function tokenize(s: string, maxTokens: number): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let noCloseBracket = false;
  let noCloseQuote = false;
  while (i < s.length && tokens.length < maxTokens) {
    let spaced = false;
    while (i < s.length && isWsp(s.charCodeAt(i))) {
      i++;
      spaced = true;
    }
    if (i >= s.length) break;
    const ch = s[i]!;
    if (ch === '"' && noCloseQuote) {
      i++;
      continue;
    }
    if (ch === '"') {
      const { end, inner, closed } = readDelimited(s, i, '"', '"');
      if (!closed) {
        // An unbalanced quote (`"Ann <ann@example.com>`): drop the stray quote and read on, so the address
        // is still found. Later quotes are dropped too, which keeps the scan linear.
        noCloseQuote = true;
        i++;
        continue;
      }
      tokens.push({ kind: 'quoted', text: inner, raw: s.slice(i, end), spaced });
      i = end;
    } else if (ch === '(') {
      const { end, inner } = readDelimited(s, i, '(', ')');
      tokens.push({ kind: 'comment', text: inner, raw: s.slice(i, end), spaced });
      i = end;
    } else if (ch === '<') {
      const close = s.indexOf('>', i + 1);
      const end = close === -1 ? s.length : close + 1;
      tokens.push({
        kind: 'angle',
        text: s.slice(i + 1, close === -1 ? s.length : close),
        raw: s.slice(i, end),
        spaced,
      });
      i = end;
    } else if (ch === ',' || ch === ':' || ch === ';') {
      tokens.push({
        kind: ch === ',' ? 'comma' : ch === ':' ? 'colon' : 'semicolon',
        text: ch,
        raw: ch,
        spaced,
      });
      i++;
    } else {
      let j = i;
      while (j < s.length) {
        const c = s.charCodeAt(j);
        // A domain literal after `@` (`[IPv6:2001:db8::1]`) is one piece of the word, colons included.
        // Once no `]` is left, stop looking, so the scan stays linear on hostile input.
        if (c === 0x5b && s.charCodeAt(j - 1) === 0x40 && !noCloseBracket) {
          const close = s.indexOf(']', j + 1);
          if (close !== -1) {
            j = close + 1;
            continue;
          }
          noCloseBracket = true;
        }
        // 0x22 " 0x28 ( 0x2c , 0x3a : 0x3b ; 0x3c <
        if (isWsp(c) || c === 0x22 || c === 0x28 || c === 0x2c || c === 0x3a || c === 0x3b || c === 0x3c)
          break;
        j++;
      }
      tokens.push({ kind: 'word', text: s.slice(i, j), raw: s.slice(i, j), spaced });
      i = j;
    }
  }
  return tokens;
}

const DOMAIN_FORBIDDEN = /[\s/\\?#@%<>"(),;:[\]]/;
// Plain ASCII host names whose last label is not numeric need no IDNA processing beyond lower-casing.
const PLAIN_HOST = /^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$/;
const HAS_LETTER = /[A-Za-z-]/;

/** The IDNA ASCII form of a domain, lower-cased, or `null` when it is not a valid host name. */
function toAsciiDomain(domain: string): string | null {
  if (domain.length === 0 || domain.length > 255) return null;
  if (domain.startsWith('[') && domain.endsWith(']')) return domain.toLowerCase();
  const bare = domain.endsWith('.') ? domain.slice(0, -1) : domain;
  // One trailing dot (a fully qualified name) is allowed; an empty label anywhere else is not.
  if (
    bare.length === 0 ||
    DOMAIN_FORBIDDEN.test(bare) ||
    bare.startsWith('.') ||
    bare.endsWith('.') ||
    bare.includes('..')
  )
    return null;
  if (bare.length <= 253 && PLAIN_HOST.test(bare) && HAS_LETTER.test(bare.slice(bare.lastIndexOf('.') + 1))) {
    return bare.toLowerCase();
  }
  try {
    const host = new URL(`http://${bare}/`).hostname;
    return host.length > 0 && host.length <= 253 ? host : null;
  } catch {
    return null;
  }
}

function toUnicodeDomain(ascii: string | null): string | null {
  if (ascii === null) return null;
  if (ascii.startsWith('[') || !ascii.includes('xn--')) return ascii;
  try {
    return punycode.toUnicode(ascii);
  } catch {
    return null;
  }
}

function makeMailbox(address: string, name: string, group: string | undefined): Mailbox {
  const at = address.lastIndexOf('@');
  const localPart = at === -1 ? address : address.slice(0, at);
  const domain = at === -1 ? '' : address.slice(at + 1);
  const asciiDomain = at === -1 ? null : toAsciiDomain(domain);
  const mailbox = {
    address,
    name,
    localPart,
    domain,
    asciiDomain,
    unicodeDomain: toUnicodeDomain(asciiDomain),
  };
  return group === undefined ? mailbox : { ...mailbox, group };
}

function phraseText(tokens: readonly Token[]): string {
  let out = '';
  for (const t of tokens) {
    if (t.kind !== 'word' && t.kind !== 'quoted') continue;
    const text = t.kind === 'word' ? t.text : t.text;
    out += out.length > 0 && t.spaced ? ` ${text}` : text;
  }
  return decodeEncodedWords(out).trim();
}

function commentText(tokens: readonly Token[]): string {
  return decodeEncodedWords(
    tokens
      .filter((t) => t.kind === 'comment')
      .map((t) => t.text.trim())
      .join(' '),
  ).trim();
}

function addrSpecOf(tokens: readonly Token[]): string {
  return tokens
    .filter((t) => t.kind === 'word' || t.kind === 'quoted')
    .map((t) => t.raw)
    .join('');
}

/** Drops white space (CFWS) from an addr-spec, except inside quoted strings, where it is part of the address. */
function withoutFoldingSpace(spec: string): string {
  if (!spec.includes('"')) return spec.replace(/[ \t\r\n]+/g, '');
  let out = '';
  let quoted = false;
  for (let i = 0; i < spec.length; i++) {
    const ch = spec[i]!;
    if (quoted && ch === '\\' && i + 1 < spec.length) {
      out += ch + spec[i + 1];
      i++;
      continue;
    }
    if (ch === '"') quoted = !quoted;
    if (!quoted && isWsp(ch.charCodeAt(0))) continue;
    out += ch;
  }
  return out;
}

/** Builds one mailbox from the tokens between separators, or nothing when they hold no address. */
function mailboxFrom(tokens: readonly Token[], group: string | undefined): Mailbox | null {
  if (tokens.length === 0) return null;
  const angle = tokens.find((t) => t.kind === 'angle');
  if (angle !== undefined) {
    let spec = withoutFoldingSpace(angle.text);
    // Obsolete source route (`<@relay1,@relay2:user@example.com>`): keep the final address.
    const routeEnd = spec.startsWith('@') ? spec.lastIndexOf(':') : -1;
    if (routeEnd !== -1) spec = spec.slice(routeEnd + 1);
    const before = tokens.slice(0, tokens.indexOf(angle));
    const name = phraseText(before) || commentText(tokens);
    return makeMailbox(spec, name, group);
  }
  const words = tokens.filter((t) => t.kind === 'word' || t.kind === 'quoted');
  if (words.length === 0) return null;
  // "Ann Smith ann@example.com" (no angle brackets): the token with the @ is the address, the rest the name.
  const withAt = words.filter((t) => t.kind === 'word' && t.text.includes('@'));
  if (withAt.length === 1 && words.length > 1 && !words.some((t) => t.kind === 'quoted' && !t.spaced)) {
    const addressToken = withAt[0]!;
    const rest = words.filter((t) => t !== addressToken);
    const candidate = addressToken.text;
    if (!candidate.startsWith('@') && !candidate.endsWith('@')) {
      return makeMailbox(candidate, phraseText(rest) || commentText(tokens), group);
    }
  }
  // Several words and no @ anywhere (`From: just some text`): a phrase, not an address. One bare word stays an
  // address (`From: MAILER-DAEMON`, an RFC 822 local address).
  if (words.length > 1 && words.some((t) => t.spaced) && !words.some((t) => t.text.includes('@')))
    return null;
  return makeMailbox(addrSpecOf(tokens), commentText(tokens), group);
}

const SPECIALS_OF_LISTS = /["(),:;\\]/;

/**
 * The one-mailbox forms nearly all mail uses (`a@x`, `Name <a@x>`), read without the tokenizer; `null` for
 * anything else, which the full parser then reads.
 */
function simpleMailbox(value: string): Mailbox | null {
  if (value.length > 998 || SPECIALS_OF_LISTS.test(value)) return null;
  const open = value.indexOf('<');
  if (open === -1) {
    const address = value.trim();
    if (address.length === 0 || /\s/.test(address) || address.includes('>')) return null;
    return makeMailbox(address, '', undefined);
  }
  const close = value.indexOf('>', open);
  if (close === -1 || value.indexOf('<', open + 1) !== -1 || value.slice(close + 1).trim() !== '')
    return null;
  const address = value.slice(open + 1, close).trim();
  if (/\s/.test(address) || address.startsWith('@')) return null;
  const rawName = value
    .slice(0, open)
    .trim()
    .replace(/[ \t\r\n]+/g, ' ');
  return makeMailbox(
    address,
    rawName.includes('=?') ? decodeEncodedWords(rawName).trim() : rawName,
    undefined,
  );
}

/**
 * Parses an address-list header value (RFC 5322 §3.4 with the obsolete forms) into mailboxes: display names
 * (quoted, encoded words decoded), comments (used as the name when there is no other), angle addresses,
 * source routes, groups (each member carries the group name), `<>`, and the common broken forms
 * (`Name addr@x` without brackets, unbalanced quotes). Never throws.
 *
 * @example
 * parseAddressList('"Doe, Jane" <jane@example.com>, team: bob@example.org;');
 * // [{ address: 'jane@example.com', name: 'Doe, Jane', ... }, { address: 'bob@example.org', group: 'team', ... }]
 */
export function parseAddressList(value: string, options: AddressListOptions = {}): Mailbox[] {
  const max = options.maxAddresses ?? DEFAULT_MAX_ADDRESSES;
  const simple = max > 0 ? simpleMailbox(value) : null;
  if (simple !== null) return [simple];
  const tokenCap = max * 64 + 64;
  const tokens = tokenize(value, tokenCap);
  const out: Mailbox[] = [];
  let cut = tokens.length >= tokenCap;
  let group: string | undefined;
  let current: Token[] = [];
  // Whether `current` holds an address yet, kept as tokens arrive: rescanning it at every colon made
  // `a:a:a:…` quadratic.
  let currentHasAddress = false;
  const finish = (): void => {
    const mailbox = mailboxFrom(current, group);
    if (mailbox !== null) {
      if (out.length < max) out.push(mailbox);
      else cut = true;
    }
    current = [];
    currentHasAddress = false;
  };
  for (const token of tokens) {
    if (out.length >= max) {
      if (token.kind !== 'comma' && token.kind !== 'semicolon') cut = true;
      if (cut) break;
      continue;
    }
    if (token.kind === 'comma') {
      finish();
    } else if (token.kind === 'semicolon') {
      finish();
      group = undefined;
    } else if (token.kind === 'colon') {
      if (group === undefined && !currentHasAddress) {
        group = phraseText(current);
        current = [];
      } else {
        current.push({ ...token, kind: 'word' });
      }
    } else {
      current.push(token);
      if (token.kind === 'angle' || (token.kind === 'word' && token.text.includes('@')))
        currentHasAddress = true;
    }
  }
  finish();
  if (cut) reportCut(options, max);
  return out;
}

/**
 * The mailboxes of every field with this name (e.g. `To`, `Cc`, `From`, `Reply-To`), in order.
 *
 * @example
 * addresses(parseHeaders(raw), 'cc').map((m) => m.address);
 */
export function addresses(list: HeaderList, name: string, options: AddressListOptions = {}): Mailbox[] {
  const max = options.maxAddresses ?? DEFAULT_MAX_ADDRESSES;
  const out: Mailbox[] = [];
  const values = list.getAll(name);
  for (let i = 0; i < values.length; i++) {
    if (out.length >= max) {
      if (values.slice(i).some((v) => v.trim() !== '')) reportCut(options, max);
      break;
    }
    const defects: HeaderDefect[] = [];
    out.push(...parseAddressList(values[i]!, { maxAddresses: max - out.length, defects }));
    if (defects.length > 0) {
      reportCut(options, max);
      break;
    }
  }
  return out;
}

const DOT_ATOM =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u0080-\uFFFF-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u0080-\uFFFF-]+)*$/;
const CONTROL_OR_SPACE = /[\u0000-\u0020\u007f]/;

/**
 * The canonical form of an address used for every comparison in mailroom: trimmed, angle brackets removed,
 * needless quotes around the local part removed, domain converted to ASCII (IDNA), everything lower-cased.
 * Returns `null` for anything that is not a usable address (no `@`, empty parts, invalid domain, `<>`).
 * Lower-casing the local part is a deliberate choice: see docs/decisions/address-key.md.
 *
 * @example
 * addressKey(' <Jane.Doe@Bücher.example> '); // 'jane.doe@xn--bcher-kva.example'
 * addressKey('"jane"@example.com'); // 'jane@example.com'
 * addressKey('not an address'); // null
 */
export function addressKey(address: string): string | null {
  let s = address.trim();
  if (s.startsWith('<') && s.endsWith('>')) s = s.slice(1, -1).trim();
  if (s.length === 0 || s.length > 512) return null;
  const at = s.lastIndexOf('@');
  if (at <= 0 || at === s.length - 1) return null;
  let local = s.slice(0, at);
  const domain = s.slice(at + 1);
  if (local.length >= 2 && local.startsWith('"') && local.endsWith('"')) {
    const inner = local.slice(1, -1).replace(/\\(.)/g, '$1');
    if (inner.length === 0) return null;
    local = DOT_ATOM.test(inner) ? inner : `"${inner.replace(/(["\\])/g, '\\$1')}"`;
  } else if (!DOT_ATOM.test(local) || CONTROL_OR_SPACE.test(local)) {
    return null;
  }
  if (local.length > 128) return null;
  const ascii = toAsciiDomain(domain);
  if (ascii === null) return null;
  return `${local}@${ascii}`.toLowerCase();
}
