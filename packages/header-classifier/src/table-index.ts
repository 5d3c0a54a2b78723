import type { HeaderList } from '@mailroom/headers';
import { values } from './header-access.js';
import type { HeaderMatcher, HelpdeskFingerprint, SubjectPhrase } from './signatures.js';

/** How many instances of one field name any rule reads: repeated fields past this are not evidence of more. */
const MAX_INSTANCES = 16;

/** The name, lower-cased, of each field that starts with `prefix` (for `x-mailgun-*` style matchers). */
export function namesWithPrefix(names: readonly string[], prefix: string): string[] {
  const out: string[] = [];
  for (const name of names) if (name.startsWith(prefix)) out.push(name);
  return out;
}

/**
 * Tables indexed by the header names their matchers read, built once per table object: a message then tries only
 * the matchers whose header it actually has, instead of every entry. A hit is `entry * 64 + matcher`, so sorting
 * hits keeps table order, then marker order.
 */
interface MatcherIndex {
  readonly exact: Map<string, number[]>;
  readonly prefixes: { readonly prefix: string; readonly hit: number }[];
}
const matcherIndexes = new WeakMap<readonly object[], MatcherIndex>();
const MARKERS_PER_ENTRY = 64;

function matcherIndex<T extends object>(
  table: readonly T[],
  matchersOf: (entry: T) => readonly HeaderMatcher[],
): MatcherIndex {
  let index = matcherIndexes.get(table);
  if (index === undefined) {
    const exact = new Map<string, number[]>();
    const prefixes: { prefix: string; hit: number }[] = [];
    table.forEach((entry, i) => {
      matchersOf(entry).forEach((m, k) => {
        if (k >= MARKERS_PER_ENTRY) return;
        const hit = i * MARKERS_PER_ENTRY + k;
        const name = m.header.toLowerCase();
        if (name.endsWith('*')) prefixes.push({ prefix: name.slice(0, -1), hit });
        else {
          const list = exact.get(name);
          if (list === undefined) exact.set(name, [hit]);
          else list.push(hit);
        }
      });
    });
    index = { exact, prefixes };
    matcherIndexes.set(table, index);
  }
  return index;
}

/** The (entry, matcher) pairs of `table` whose header the message has, in table order then marker order. */
export function candidates<T extends object>(
  table: readonly T[],
  names: readonly string[],
  matchersOf: (entry: T) => readonly HeaderMatcher[],
): { readonly entry: T; readonly matcher: HeaderMatcher }[] {
  const index = matcherIndex(table, matchersOf);
  const hits: number[] = [];
  for (const name of names) {
    const list = index.exact.get(name);
    if (list !== undefined) for (const h of list) hits.push(h);
    const c0 = name.charCodeAt(0);
    for (const p of index.prefixes) {
      if (p.prefix.charCodeAt(0) === c0 && name.startsWith(p.prefix)) hits.push(p.hit);
    }
  }
  if (hits.length > 1) hits.sort((a, b) => a - b);
  const out: { entry: T; matcher: HeaderMatcher }[] = [];
  let previous = -1;
  for (const h of hits) {
    if (h === previous) continue;
    previous = h;
    const entry = table[Math.floor(h / MARKERS_PER_ENTRY)]!;
    const matcher = matchersOf(entry)[h % MARKERS_PER_ENTRY]!;
    out.push({ entry, matcher });
  }
  return out;
}

export const selfMatcher = (m: HeaderMatcher): readonly HeaderMatcher[] => [m];
export const helpdeskMatchers = (fp: HelpdeskFingerprint): readonly HeaderMatcher[] => fp.markers;

export interface Matched {
  readonly header: string;
  readonly value: string;
}

/** The (bounded) values of each field name, read once per message however many rules ask. */
export class FieldValues {
  readonly #cache = new Map<string, string[]>();
  readonly #headers: HeaderList;
  readonly #maxLength: number;

  constructor(headers: HeaderList, maxLength: number) {
    this.#headers = headers;
    this.#maxLength = maxLength;
  }

  get(name: string): string[] {
    let found = this.#cache.get(name);
    if (found === undefined) {
      found = values(this.#headers, name, MAX_INSTANCES, this.#maxLength);
      this.#cache.set(name, found);
    }
    return found;
  }
}

/** Finds the first field that satisfies a matcher. */
export function match(fields: FieldValues, names: readonly string[], matcher: HeaderMatcher): Matched | null {
  const wanted = matcher.header.endsWith('*')
    ? namesWithPrefix(names, matcher.header.slice(0, -1))
    : [matcher.header];
  for (const name of wanted) {
    for (const value of fields.get(name)) {
      if (matcher.pattern === undefined) return { header: name, value };
      matcher.pattern.lastIndex = 0;
      if (matcher.pattern.test(value)) return { header: name, value };
    }
  }
  return null;
}

/** Whether `subject` starts with (or contains) a phrase, on a word boundary when the phrase ends in a letter. */
function phraseMatches(subject: string, entry: SubjectPhrase): boolean {
  const phrase = entry.phrase.toLowerCase();
  if (entry.match === 'contains') return subject.includes(phrase);
  if (!subject.startsWith(phrase)) return false;
  const next = subject.charCodeAt(phrase.length);
  const last = phrase.charCodeAt(phrase.length - 1);
  if (Number.isNaN(next)) return true;
  return !(isWordChar(last) && isWordChar(next));
}

function isWordChar(code: number): boolean {
  const c = String.fromCharCode(code);
  return c.toLowerCase() !== c.toUpperCase() || (code >= 0x30 && code <= 0x39);
}

/** Phrase tables indexed by their first lower-case character (tables are data: indexed once per table object). */
interface PhraseIndex {
  readonly byFirst: Map<string, SubjectPhrase[]>;
  readonly contains: SubjectPhrase[];
}
const phraseIndexes = new WeakMap<readonly SubjectPhrase[], PhraseIndex>();

function phraseIndex(table: readonly SubjectPhrase[]): PhraseIndex {
  let index = phraseIndexes.get(table);
  if (index === undefined) {
    index = { byFirst: new Map(), contains: [] };
    for (const entry of table) {
      const lower = { ...entry, phrase: entry.phrase.toLowerCase() };
      if (entry.match === 'contains') index.contains.push(lower);
      else {
        const key = lower.phrase[0] ?? '';
        const list = index.byFirst.get(key);
        if (list) list.push(lower);
        else index.byFirst.set(key, [lower]);
      }
    }
    phraseIndexes.set(table, index);
  }
  return index;
}

export function firstPhrase<T extends SubjectPhrase>(subject: string, table: readonly T[]): T | undefined {
  const index = phraseIndex(table);
  for (const entry of index.byFirst.get(subject[0] ?? '') ?? [])
    if (phraseMatches(subject, entry)) return entry as T;
  for (const entry of index.contains) if (phraseMatches(subject, entry)) return entry as T;
  return undefined;
}
