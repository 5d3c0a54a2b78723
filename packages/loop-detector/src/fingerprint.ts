import { sha256, toHex } from './hmac.js';

// The LOOP-7 content fingerprint: two messages of a loop carry the same content even when the sender address
// changes every time. Defined in the package README ("Content fingerprint").

/** Bounds and knobs of {@link contentFingerprint}. */
export interface FingerprintOptions {
  /** Characters of body text read at most (default 4,000). */
  readonly maxBodyChars: number;
  /** Words per shingle (default 3). */
  readonly shingleWords: number;
  /** Below this many characters of normalised subject + body, no fingerprint (default 12): too little to tell. */
  readonly minContentChars: number;
}

/**
 * Defaults of {@link contentFingerprint}.
 *
 * @example
 * contentFingerprint(subject, body, { ...DEFAULT_FINGERPRINT_OPTIONS, shingleWords: 4 });
 */
export const DEFAULT_FINGERPRINT_OPTIONS: FingerprintOptions = Object.freeze({
  maxBodyChars: 4000,
  shingleWords: 3,
  minContentChars: 12,
});

/**
 * Reply and forward prefixes removed from subjects, in many languages (compared lower-case, before a colon).
 *
 * @example
 * SUBJECT_PREFIXES.includes('aw'); // true (German "Antwort")
 */
export const SUBJECT_PREFIXES: readonly string[] = Object.freeze([
  're',
  'fw',
  'fwd',
  'aw',
  'wg',
  'sv',
  'vs',
  'vb',
  'tr',
  'rv',
  'ris',
  'r',
  'i',
  'enc',
  'res',
  'odp',
  'pd',
  'antw',
  'doorst',
  'ynt',
  'ilt',
  'rif',
  'atb',
  'πρθ',
  'σχετ',
  'отв',
  'пересл',
  '答复',
  '回复',
  '转发',
  '回覆',
  '轉寄',
  'auto',
  'automatic reply',
  'autoreply',
  'automatische antwort',
  'réponse automatique',
  'out of office',
]);

const PREFIXES = new Set(SUBJECT_PREFIXES);

/** Unicode letters and digits, run by run (linear: one character class under one quantifier). */
const WORD = /[\p{L}\p{N}]+/gu;

function words(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/** FNV-1a 32-bit, for shingles. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * The normalised subject: reply/forward prefixes and ticket numbers removed anywhere (a loop's subject grows
 * `Re: [#12] Re: [#11] …`), then the SET of remaining words, sorted, so repetition does not change it. Words that
 * contain a digit are dropped (ticket and reference numbers change every round).
 *
 * @rule LOOP-7
 * @example
 * normalizeSubject('Re: [#1043] Received: RE: [#1042] Received: Printer broken'); // 'broken printer received'
 */
export function normalizeSubject(subject: string): string {
  let text = subject.slice(0, 1000).toLowerCase();
  // Drop "prefix:" tokens wherever they appear: split on colons and drop segments that are a known prefix.
  text = text
    .split(/[:：]/)
    .map((segment) => {
      // Every leading tag, not only the first: a round adds its ticket tag before `[EXTERNAL]`-like ones.
      const trimmed = segment.trim().replace(/^(?:\[[^\]]{0,40}\]\s*)+/, '');
      return PREFIXES.has(trimmed) ? '' : trimmed;
    })
    .join(' ');
  const set = new Set(words(text).filter((w) => !/\d/.test(w) && !PREFIXES.has(w)));
  return [...set].sort().join(' ');
}

/**
 * The body's shingle hash: quoted lines (`>`) and digits removed, words lower-cased, then the minimum FNV-1a hash
 * over the SET of `shingleWords`-word shingles (a one-permutation MinHash): equal for equal texts, equal with
 * probability = their Jaccard similarity for near-equal ones, unchanged when a block is repeated. `null` when the
 * text has no words.
 *
 * @rule LOOP-7
 * @example
 * bodyShingleHash('I am out of the office until Monday.') === bodyShingleHash('> quoted\nI am out of the office until Monday.'); // true
 */
export function bodyShingleHash(body: string, options: Partial<FingerprintOptions> = {}): string | null {
  const o = { ...DEFAULT_FINGERPRINT_OPTIONS, ...options };
  const text = body
    .slice(0, o.maxBodyChars)
    .split(/\r?\n/)
    .filter((line) => !line.trimStart().startsWith('>'))
    .join(' ');
  const list = words(text).filter((w) => !/\d/.test(w));
  if (list.length === 0) return null;
  const n = Math.max(1, Math.min(o.shingleWords, list.length));
  let min = 0xffffffff;
  for (let i = 0; i + n <= list.length; i++) {
    const h = fnv1a(list.slice(i, i + n).join(' '));
    if (h < min) min = h;
  }
  return min.toString(16).padStart(8, '0');
}

/**
 * The LOOP-7 content fingerprint: the first 16 hex digits of SHA-256 over the normalised subject and the body
 * shingle hash. `null` when there is too little content to tell messages apart (then only the sender limit applies).
 *
 * @rule LOOP-7
 * @example
 * contentFingerprint('Re: [#7] Received: hello', 'I am away.') === contentFingerprint('RE: [#9] Received: hello', 'I am away.'); // true
 */
export function contentFingerprint(
  subject: string,
  body: string,
  options: Partial<FingerprintOptions> = {},
): string | null {
  const o = { ...DEFAULT_FINGERPRINT_OPTIONS, ...options };
  const s = normalizeSubject(subject);
  const b = bodyShingleHash(body, o);
  const size = s.length + (b === null ? 0 : body.length);
  if (size < o.minContentChars) return null;
  return toHex(sha256(`${s}\u0000${b ?? ''}`)).slice(0, 16);
}
