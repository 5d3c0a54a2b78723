/** One `ptype.property=value` of a result, e.g. `header.from=example.com`. */
export interface AuthResultProperty {
  readonly ptype: string;
  readonly property: string;
  readonly value: string;
}

/** One `method=result` of an Authentication-Results field, e.g. `dmarc=pass header.from=example.com`. */
export interface AuthResultEntry {
  /** Lower case, without a version (`dkim/1` → `dkim`). */
  readonly method: string;
  /** Lower case. */
  readonly result: string;
  readonly reason?: string;
  readonly properties: readonly AuthResultProperty[];
}

/** A parsed Authentication-Results value (RFC 8601). */
export interface ParsedAuthenticationResults {
  /** The authserv-id as written, '' when missing (then no trust can be placed in the field). */
  readonly authservId: string;
  readonly results: readonly AuthResultEntry[];
  /** What could not be read: the parser skips it and goes on. */
  readonly problems: readonly string[];
}

/** Bounds of {@link parseAuthenticationResults}. */
export const AUTH_RESULTS_LIMITS: { readonly maxChars: number; readonly maxResults: number } = Object.freeze({
  maxChars: 16_384,
  maxResults: 64,
});

type Token = { readonly kind: 'word' | 'quoted'; readonly text: string } | { readonly kind: ';' | '=' | '/' };

const SPECIAL = new Set([';', '=', '/', '(', ')', '"', ' ', '\t', '\r', '\n']);

/** Splits an A-R value into tokens, dropping white space and (nested) comments. Linear, never throws. */
function tokenize(text: string, problems: string[]): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
      i++;
    } else if (c === '(') {
      let depth = 0;
      while (i < text.length) {
        const d = text[i]!;
        if (d === '\\') i += 2;
        else {
          if (d === '(') depth++;
          else if (d === ')') depth--;
          i++;
          if (depth === 0) break;
        }
      }
      if (depth > 0) problems.push('unterminated-comment');
    } else if (c === ')') {
      problems.push('unbalanced-parenthesis');
      i++;
    } else if (c === '"') {
      let value = '';
      i++;
      let closed = false;
      while (i < text.length) {
        const d = text[i]!;
        if (d === '\\' && i + 1 < text.length) {
          value += text[i + 1];
          i += 2;
        } else if (d === '"') {
          closed = true;
          i++;
          break;
        } else {
          value += d;
          i++;
        }
      }
      if (!closed) problems.push('unterminated-quoted-string');
      tokens.push({ kind: 'quoted', text: value });
    } else if (c === ';' || c === '=' || c === '/') {
      tokens.push({ kind: c });
      i++;
    } else {
      const start = i;
      while (i < text.length && !SPECIAL.has(text[i]!)) i++;
      tokens.push({ kind: 'word', text: text.slice(start, i) });
    }
  }
  return tokens;
}

const textOf = (t: Token | undefined): string | undefined =>
  t !== undefined && (t.kind === 'word' || t.kind === 'quoted') ? t.text : undefined;

function parseResinfo(tokens: readonly Token[], problems: string[]): AuthResultEntry | null {
  let i = 0;
  const method = textOf(tokens[i]);
  if (method === undefined) {
    problems.push('missing-method');
    return null;
  }
  i++;
  if (tokens[i]?.kind === '/') i += 2; // method version
  if (tokens[i]?.kind !== '=') {
    problems.push(`missing-result:${method.slice(0, 40)}`);
    return null;
  }
  const result = textOf(tokens[i + 1]);
  if (result === undefined) {
    problems.push(`missing-result:${method.slice(0, 40)}`);
    return null;
  }
  i += 2;
  let reason: string | undefined;
  const properties: AuthResultProperty[] = [];
  while (i < tokens.length) {
    const key = textOf(tokens[i]);
    const value = textOf(tokens[i + 2]);
    if (key === undefined || tokens[i + 1]?.kind !== '=' || value === undefined) {
      problems.push('malformed-property');
      break;
    }
    i += 3;
    const lower = key.toLowerCase();
    if (lower === 'reason') {
      reason = value;
      continue;
    }
    const dot = lower.indexOf('.');
    if (dot <= 0) {
      problems.push('malformed-property');
      continue;
    }
    properties.push({ ptype: lower.slice(0, dot), property: lower.slice(dot + 1), value });
  }
  return {
    method: method.toLowerCase(),
    result: result.toLowerCase(),
    ...(reason === undefined ? {} : { reason }),
    properties,
  };
}

/**
 * Parses an `Authentication-Results` (or `ARC-Authentication-Results` after its `i=N;`) value per RFC 8601:
 * authserv-id, then `method=result` entries with their `ptype.property=value`s, comments ignored. Never
 * throws; malformed parts are skipped and listed in `problems`. Bounded by {@link AUTH_RESULTS_LIMITS}.
 *
 * @example
 * const ar = parseAuthenticationResults(
 *   'mx.google.com; dkim=pass header.i=@example.com; spf=pass smtp.mailfrom=example.com; dmarc=pass (p=REJECT) header.from=example.com',
 * );
 * ar.authservId; // 'mx.google.com'
 * ar.results.find((r) => r.method === 'dmarc')?.result; // 'pass'
 */
export function parseAuthenticationResults(value: string): ParsedAuthenticationResults {
  const problems: string[] = [];
  let text = String(value);
  if (text.length > AUTH_RESULTS_LIMITS.maxChars) {
    problems.push('too-long');
    text = text.slice(0, AUTH_RESULTS_LIMITS.maxChars);
  }
  const tokens = tokenize(text, problems);
  const groups: Token[][] = [[]];
  for (const t of tokens) {
    if (t.kind === ';') groups.push([]);
    else groups[groups.length - 1]!.push(t);
  }
  const head = groups[0]!;
  // A field that starts with "method=result" has no authserv-id (Microsoft writes these): then the first
  // group is a result, and no trust can be placed in the field.
  const headIsResult = head[1]?.kind === '=' || head[1]?.kind === '/';
  const authservId = headIsResult ? '' : (textOf(head[0]) ?? '');
  if (authservId === '') problems.push('missing-authserv-id');
  const results: AuthResultEntry[] = [];
  for (const group of headIsResult ? groups : groups.slice(1)) {
    if (group.length === 0) continue;
    if (group.length === 1 && textOf(group[0])?.toLowerCase() === 'none') continue;
    if (results.length >= AUTH_RESULTS_LIMITS.maxResults) {
      problems.push('too-many-results');
      break;
    }
    const entry = parseResinfo(group, problems);
    if (entry !== null) results.push(entry);
  }
  return { authservId, results, problems };
}

/**
 * The value of a property of an entry (`ptype.property`), or undefined.
 *
 * @example
 * const [dmarc] = parseAuthenticationResults('mx.example.net; dmarc=pass header.from=example.com').results;
 * authResultProperty(dmarc!, 'header', 'from'); // 'example.com'
 */
export function authResultProperty(
  entry: AuthResultEntry,
  ptype: string,
  property: string,
): string | undefined {
  return entry.properties.find((p) => p.ptype === ptype && p.property === property)?.value;
}

// RFC 2045 token characters: anything printable but tspecials and space.
const TOKEN = /^[!#$%&'*+\-.0-9A-Z^_`a-z{|}~@]+$/;

/**
 * A property value as written in a header: a token when it can be, a quoted-string otherwise; control
 * characters are removed so a value can never end the header field.
 *
 * @example
 * formatAuthValue('bounces@example.com'); // 'bounces@example.com'
 * formatAuthValue('two words'); // '"two words"'
 */
export function formatAuthValue(value: string): string {
  const clean = value.replace(/[\x00-\x1f\x7f]/g, '').slice(0, 512);
  if (clean !== '' && TOKEN.test(clean)) return clean;
  return `"${clean.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/**
 * A comment: control characters removed, parentheses and backslashes escaped, bounded.
 *
 * @example
 * formatAuthComment('p=REJECT (test)'); // '(p=REJECT \\(test\\))'
 */
export function formatAuthComment(text: string): string {
  const clean = text.replace(/[\x00-\x1f\x7f]/g, ' ').slice(0, 256);
  return `(${clean.replace(/[\\()]/g, (c) => `\\${c}`)})`;
}
