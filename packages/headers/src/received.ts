import { parseDate } from './date.js';
import type { HeaderList } from './header-list.js';

/** One `Received` hop. Each clause is `null` when the hop does not state it. */
export interface ReceivedHop {
  /** The host name the sender gave (`from` clause). */
  readonly from: string | null;
  /** The first IP address found in the `from` clause's comment (`[192.0.2.1]`), if any. */
  readonly fromIp: string | null;
  /** The receiving host (`by`). */
  readonly by: string | null;
  readonly via: string | null;
  /** The protocol (`with`), e.g. `ESMTPS`. */
  readonly with: string | null;
  readonly id: string | null;
  /** The envelope recipient (`for`), angle brackets removed. */
  readonly for: string | null;
  /** The hop's time stamp (after the last `;`) as epoch milliseconds. */
  readonly timestamp: number | null;
  /** The unfolded header value. */
  readonly raw: string;
}

const CLAUSES = new Set(['from', 'by', 'via', 'with', 'id', 'for']);
const IP_IN_BRACKETS = /\[(?:IPv6:)?([0-9A-Fa-f:.]{2,45})\]/;
const MAX_HOPS = 100;

/**
 * Parses one `Received` value into its clauses and time stamp.
 *
 * @example
 * parseReceived('from mx.example.net ([192.0.2.7]) by mail.example.com with ESMTPS id 4Zk; Tue, 1 Jul 2003 10:52:37 +0200');
 */
export function parseReceived(value: string): ReceivedHop {
  const raw = value.length > 4096 ? value.slice(0, 4096) : value;
  const semicolon = raw.lastIndexOf(';');
  const clauses = semicolon === -1 ? raw : raw.slice(0, semicolon);
  const timestamp = semicolon === -1 ? null : parseDate(raw.slice(semicolon + 1));
  const found: Record<string, string | null> = {
    from: null,
    by: null,
    via: null,
    with: null,
    id: null,
    for: null,
  };
  let fromIp: string | null = null;
  let current: string | null = null;
  const takeWord = (word: string): void => {
    const lower = word.length <= 4 ? word.toLowerCase() : '';
    if (CLAUSES.has(lower) && (current === null || found[current] !== null)) {
      current = lower;
    } else if (current !== null && found[current] === null) {
      found[current] = word.replace(/^<|>$/g, '');
    }
  };
  let i = 0;
  const n = clauses.length;
  while (i < n) {
    const c = clauses.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a) {
      i++;
    } else if (c === 0x28) {
      // A comment, possibly nested: skip it, but read the sender's IP address from the `from` clause's comment.
      let depth = 0;
      const start = i;
      for (; i < n; i++) {
        const d = clauses.charCodeAt(i);
        if (d === 0x28) depth++;
        else if (d === 0x29 && --depth === 0) break;
      }
      i++;
      if (current === 'from' && fromIp === null) {
        fromIp = IP_IN_BRACKETS.exec(clauses.slice(start, Math.min(i, start + 1024)))?.[1] ?? null;
      }
    } else {
      const start = i;
      while (i < n) {
        const d = clauses.charCodeAt(i);
        if (d === 0x20 || d === 0x09 || d === 0x0d || d === 0x0a || d === 0x28) break;
        i++;
      }
      takeWord(clauses.slice(start, i));
    }
  }
  return {
    from: found['from'] ?? null,
    fromIp,
    by: found['by'] ?? null,
    via: found['via'] ?? null,
    with: found['with'] ?? null,
    id: found['id'] ?? null,
    for: found['for'] ?? null,
    timestamp,
    raw: value,
  };
}

/**
 * The `Received` chain as hops, newest first (the order in the header block), at most 100.
 *
 * @example
 * receivedChain(headers).map((hop) => hop.by); // ['mail.example.com', 'mx.example.net']
 */
export function receivedChain(list: HeaderList): ReceivedHop[] {
  return list.getAll('received').slice(0, MAX_HOPS).map(parseReceived);
}
