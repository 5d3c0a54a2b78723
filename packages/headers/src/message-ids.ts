import type { HeaderList } from './header-list.js';

const BRACKETED = /<([^<>\s]{1,998})>/g;
const MAX_IDS = 500;

/**
 * The message ids in a header value (`Message-ID`, `In-Reply-To`, `References`), without angle brackets, in
 * order, at most 500. Falls back to bare `local@domain` words when no id is bracketed (broken clients), and to the
 * value itself when it is a single word.
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
  const words = value.split(/[\s,]+/).filter((w) => w.length > 0 && w.length <= 998);
  // A lone token is the id even without an @ (some generators write `Message-ID: 000000-FFFFFF-22-ARF`), but
  // not an empty or broken bracketed one (`<>`, `<`): that would make unrelated messages share an id.
  if (words.length === 1) return /[<>]/.test(words[0]!) ? [] : words;
  return words.filter((w) => w.includes('@') && !/[<>]/.test(w)).slice(0, MAX_IDS);
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
