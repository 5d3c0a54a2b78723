import fc from 'fast-check';

/** What a hostile header block contains; one generated block mixes several. */
export type HostileKind =
  | 'huge-line'
  | 'nul-bytes'
  | 'eight-bit'
  | 'eight-bit-lines'
  | 'many-fields'
  | 'prototype-names'
  | 'unbalanced-quote'
  | 'unbalanced-comment'
  | 'deep-comment'
  | 'broken-encoded-word'
  | 'bare-cr'
  | 'missing-colon'
  | 'continuation-without-field'
  | 'whitespace-before-colon'
  | 'invalid-name'
  | 'many-addresses'
  | 'colon-run'
  | 'long-folded'
  | 'mbox-from-line';

/** A generated hostile header block: bytes plus the kinds of trouble in it. */
export interface GeneratedHostileBlock {
  /** The bytes (header block, then possibly an empty line and a body, or no end at all). */
  readonly raw: Uint8Array;
  /** The kinds of trouble, in the order they appear. */
  readonly kinds: readonly HostileKind[];
}

/** Options for {@link hostileHeaderBlock}. */
export interface HostileHeaderBlockOptions {
  /** Longest huge line, in bytes (default 200,000; at least 999 so a huge line passes RFC 5322's 998). */
  readonly maxLineLength?: number;
  /** Fields in a `many-fields` piece at most (default 10,000, the default `maxFields` of `parseHeaders`). */
  readonly manyFields?: number;
  /** Pieces per block at most (default 6). */
  readonly maxPieces?: number;
}

/**
 * Header names that break code keeping header fields in a plain object (`fields[name] = value`).
 *
 * @example
 * for (const name of PROTOTYPE_NAMES) expect(parseHeaders(`${name}: x\r\n\r\n`).get(name)).toBe('x');
 */
export const PROTOTYPE_NAMES: readonly string[] = Object.freeze([
  '__proto__',
  'constructor',
  'hasOwnProperty',
  'prototype',
  'toString',
  'valueOf',
  '__defineGetter__',
  'isPrototypeOf',
]);

/**
 * Encoded words broken the ways real mail breaks them: bad base64, bad Q escapes, unknown charset or encoding,
 * truncation, a multi-byte character cut short, white space inside, a word longer than 75 characters.
 *
 * @example
 * for (const word of BROKEN_ENCODED_WORDS) decodeEncodedWords(`Subject ${word}`); // must not throw
 */
export const BROKEN_ENCODED_WORDS: readonly string[] = Object.freeze([
  '=?UTF-8?B?####?=',
  '=?UTF-8?B?5L2g5a?=',
  '=?UTF-8?Q?=ZZ=G?=',
  '=?UTF-8?Q?caf=C3?=',
  '=?x-unknown-charset?Q?abc?=',
  '=?UTF-8?X?abc?=',
  '=?UTF-8?B?',
  '=??B?YWJj?=',
  '=?UTF-8*en?Q?a?=',
  '=?ISO-2022-JP?B?GyRCJCIk?=',
  '=?UTF-8?Q?a b?=',
  `=?UTF-8?B?${'QUFB'.repeat(40)}?=`,
  '=?=?=?=?',
]);

type Piece = readonly [HostileKind, readonly string[]];

/** Lines are binary strings: every char code is one byte (0..255). */
function piece(kind: HostileKind, lines: fc.Arbitrary<readonly string[]>): fc.Arbitrary<Piece> {
  return lines.map((l) => [kind, l] as const);
}

const bytes = (min: number, max: number, lo: number, hi: number): fc.Arbitrary<string> =>
  fc.string({
    unit: fc.integer({ min: lo, max: hi }).map((c) => String.fromCharCode(c)),
    minLength: min,
    maxLength: max,
  });

function pieces(maxLineLength: number, manyFields: number): fc.Arbitrary<Piece>[] {
  return [
    piece(
      'huge-line',
      fc
        .tuple(
          fc.integer({ min: 999, max: maxLineLength }),
          fc.constantFrom('X-Huge: ', 'Subject: ', ''),
          fc.constantFrom('A', 'a ', '=?'),
        )
        .map(([n, head, unit]) => [head + unit.repeat(Math.ceil(n / unit.length)).slice(0, n)]),
    ),
    piece(
      'nul-bytes',
      fc
        .tuple(bytes(0, 20, 0x20, 0x7e), bytes(0, 20, 0x20, 0x7e))
        .map(([a, b]) => [`Subject: ${a}\0${b}\0`, `X-\0Name: ${b}`]),
    ),
    piece(
      'eight-bit',
      fc
        .tuple(bytes(1, 40, 0x80, 0xff), bytes(1, 8, 0x80, 0xff))
        .map(([v, n]) => [`Subject: ${v}`, `X-${n}: ${v}`, `From: ${n} <a@example.com>`]),
    ),
    piece(
      'eight-bit-lines',
      // Thousands of short lines that are not UTF-8: costly for a parser that pays per line to find that out.
      fc
        .tuple(fc.integer({ min: 1000, max: 50_000 }), bytes(1, 4, 0x80, 0xff))
        .map(([n, garbage]) => Array.from({ length: n }, () => garbage)),
    ),
    piece(
      'many-fields',
      fc
        .oneof(fc.constant(manyFields), fc.integer({ min: 1, max: manyFields }))
        .map((n) => Array.from({ length: n }, (_, i) => `X-Field-${i}: value ${i}`)),
    ),
    piece(
      'prototype-names',
      fc
        .subarray([...PROTOTYPE_NAMES], { minLength: 1 })
        .map((names) => names.map((n) => `${n}: {"polluted": true}`)),
    ),
    piece(
      'unbalanced-quote',
      fc.constantFrom(
        ['From: "Ann Smith <ann@example.com>'],
        ['To: "a\\" <b@example.com>, c@example.com'],
        ['Reply-To: """ <x@example.com>'],
        ['Content-Type: text/plain; charset="utf-8'],
      ),
    ),
    piece(
      'unbalanced-comment',
      fc.constantFrom(
        ['From: ann@example.com (Ann Smith'],
        ['Cc: (((( <b@example.com>'],
        ['To: b@example.com))))'],
        ['Received: from mx (mx [192.0.2.1 by mail; Tue, 1 Jul 2003 10:52:37 +0200'],
        ['Date: Tue, 1 Jul 2003 (comment 10:52:37 +0200'],
      ),
    ),
    piece(
      'deep-comment',
      fc
        .integer({ min: 100, max: 5000 })
        .map((n) => [`From: ${'('.repeat(n)}x${')'.repeat(n - 1)} <a@example.com>`]),
    ),
    piece(
      'broken-encoded-word',
      fc
        .array(fc.constantFrom(...BROKEN_ENCODED_WORDS), { minLength: 1, maxLength: 4 })
        .map((words) => [`Subject: ${words.join(' ')}`, `From: ${words.join('')} <a@example.com>`]),
    ),
    piece(
      'bare-cr',
      bytes(0, 20, 0x41, 0x5a).map((s) => [`Subject: a\rb${s}\r`, `\rX-After: ${s}`]),
    ),
    piece('missing-colon', fc.constantFrom(['This line has no colon'], ['Subject Hello'], ['--boundary'])),
    piece('continuation-without-field', fc.constantFrom([' folded first'], ['\tstill folded'])),
    piece(
      'whitespace-before-colon',
      fc.constantFrom(['Subject : spaced'], ['To\t: a@example.com'], [' From: x@y']),
    ),
    piece(
      'invalid-name',
      fc.constantFrom([': empty name'], ['Sub ject: x'], ['Ünïcode-Name: x'], ['X-Ä: y']),
    ),
    piece(
      'many-addresses',
      fc
        .integer({ min: 1000, max: 5000 })
        .map((n) => [`To: ${Array.from({ length: n }, (_, i) => `u${i}@example.com`).join(', ')}`]),
    ),
    piece(
      'colon-run',
      // `a:a:a:…` reads as a group name, then colons inside a group: quadratic in a parser that rescans.
      fc.integer({ min: 1000, max: 100_000 }).map((n) => [`To: ${'a:'.repeat(n)}b@example.com`]),
    ),
    piece(
      'long-folded',
      fc
        .integer({ min: 100, max: 5000 })
        .map((n) => [
          'References: <a@example.com>',
          ...Array.from({ length: n }, (_, i) => ` <r${i}@example.com>`),
        ]),
    ),
    piece('mbox-from-line', fc.constant(['From sender@example.com Mon Jan  1 00:00:00 2024'])),
  ];
}

const END = ['blank-line-and-body', 'blank-line', 'none'] as const;

/**
 * Generates header blocks built to hurt a parser: huge lines, NUL and 8-bit bytes, 10,000 fields, prototype
 * names (`__proto__`, `constructor`, `hasOwnProperty`, …) as header names, unbalanced quotes and comments,
 * deep comment nesting, broken encoded words, bare CR, missing colons, continuation lines without a field,
 * thousands of addresses, long runs of colons, and no end of header block at all; line endings CRLF, LF, CR or mixed.
 * A parser must return (never throw), respect its bounds and stay fast on every value.
 *
 * @example
 * fc.assert(fc.property(hostileHeaderBlock(), (h) => { parseHeaders(h.raw); }), { numRuns: 50 });
 */
export function hostileHeaderBlock(
  options: HostileHeaderBlockOptions = {},
): fc.Arbitrary<GeneratedHostileBlock> {
  const maxLineLength = options.maxLineLength ?? 200_000;
  const manyFields = options.manyFields ?? 10_000;
  const maxPieces = options.maxPieces ?? 6;
  if (!Number.isInteger(maxLineLength) || maxLineLength < 999) {
    throw new TypeError('hostileHeaderBlock: maxLineLength must be an integer of at least 999');
  }
  if (!Number.isInteger(manyFields) || manyFields < 1) {
    throw new TypeError('hostileHeaderBlock: manyFields must be a positive integer');
  }
  if (!Number.isInteger(maxPieces) || maxPieces < 1) {
    throw new TypeError('hostileHeaderBlock: maxPieces must be a positive integer');
  }
  return fc
    .tuple(
      fc.array(fc.oneof(...pieces(maxLineLength, manyFields)), { minLength: 1, maxLength: maxPieces }),
      fc.constantFrom('\r\n', '\n', '\r', 'mixed'),
      fc.constantFrom(...END),
    )
    .map(([parts, eolChoice, end]) => {
      const endings = ['\r\n', '\n', '\r'];
      let n = 0;
      const eol = (): string => (eolChoice === 'mixed' ? endings[n++ % 3]! : eolChoice);
      let text = '';
      for (const [, lines] of parts) for (const line of lines) text += line + eol();
      if (end !== 'none') text += eol();
      if (end === 'blank-line-and-body') text += `body${eol()}`;
      const raw = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) raw[i] = text.charCodeAt(i) & 0xff;
      const kinds = parts.map(([kind]) => kind);
      // Counterexamples can be megabytes: fast-check prints this summary instead of every byte. Not
      // enumerable, so equality checks on generated values ignore it.
      return Object.defineProperty({ raw, kinds }, fc.toStringMethod, {
        value: () =>
          `{ kinds: ${JSON.stringify(kinds)}, raw: ${raw.length} bytes starting ${JSON.stringify(text.slice(0, 120))} }`,
        enumerable: false,
      });
    });
}
