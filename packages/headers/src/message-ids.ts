import type { HeaderList } from './header-list.js';

const BRACKETED = /<([^<>\s]{1,998})>/g;
const MAX_IDS = 500;

/**
 * The message ids in a header value (`Message-ID`, `In-Reply-To`, `References`), without angle brackets, in
 * order, at most 500. Falls back to bare `local@domain` words when no id is bracketed (broken clients).
 *
 * @example
 * parseMessageIds('<a@x> <b@y>'); // ['a@x', 'b@y']
 */
export function parseMessageIds(value: string): string[] {
  const ids: string[] = [];
  for (const m of value.matchAll(BRACKETED)) {
    ids.push(m[1]!);
    if (ids.length >= MAX_IDS) return ids;
  }
  if (ids.length > 0) return ids;
  for (const word of value.split(/[\s,]+/)) {
    if (word.includes('@') && word.length <= 998) ids.push(word);
    if (ids.length >= MAX_IDS) break;
  }
  return ids;
}

/**
 * The `Message-ID` of the message without angle brackets, or `null` when there is none.
 *
 * @example
 * messageId(parseHeaders('Message-ID: <CAF=abc@mail.gmail.com>\r\n\r\n')); // 'CAF=abc@mail.gmail.com'
 */
export function messageId(list: HeaderList): string | null {
  const value = list.get('message-id');
  return value === undefined ? null : (parseMessageIds(value)[0] ?? null);
}

/**
 * The ids in `In-Reply-To` (all fields), without angle brackets.
 *
 * @example
 * inReplyTo(headers); // ['CAF=abc@mail.gmail.com']
 */
export function inReplyTo(list: HeaderList): string[] {
  return list.getAll('in-reply-to').flatMap(parseMessageIds).slice(0, MAX_IDS);
}

/**
 * The ids in `References` (all fields), oldest first, without angle brackets.
 *
 * @example
 * references(headers); // ['root@example.com', 'reply@example.com']
 */
export function references(list: HeaderList): string[] {
  return list.getAll('references').flatMap(parseMessageIds).slice(0, MAX_IDS);
}
