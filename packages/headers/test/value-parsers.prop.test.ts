import { fc, test } from '@fast-check/vitest';
import {
  addressKey,
  createHeaderList,
  DEFAULT_MAX_ADDRESSES,
  fromParsedMail,
  inReplyTo,
  parseAddressList,
  parseContentType,
  parseDate,
  parseHeaders,
  parseMessageIds,
  parseReceived,
} from '@mailroom/headers';
import { simpleParser } from 'mailparser';
import { describe, expect } from 'vitest';

// The value parsers are public entry points a caller feeds raw, attacker-written header values (unfolded, not
// decoded). headers.prop.test.ts reaches them only through the list accessors; here each one is fuzzed directly,
// and so is fromParsedMail, which only the corpus differential test ran.

/** Strings built from the characters header syntax turns on, so the parsers' branches are actually reached. */
const syntaxPiece = fc.constantFrom(
  '<',
  '>',
  '"',
  '\\',
  '(',
  ')',
  ',',
  ';',
  ':',
  '@',
  '=',
  '*',
  "'",
  '[',
  ']',
  ' ',
  '\t',
  '=?utf-8?B?',
  '?=',
  'from ',
  ' by ',
  ' with ',
  ' for ',
  ' id ',
  'Tue, 1 Jul 2003 10:52:37 +0200',
  'ann@example.com',
  'text/plain',
  'charset*0*=',
  "utf-8''%E2%82%AC",
  '[192.0.2.7]',
  'IPv6:2001:db8::1',
);
const hostileValue = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 3000 }),
  fc.array(fc.oneof(syntaxPiece, fc.string({ maxLength: 8 })), { maxLength: 400 }).map((xs) => xs.join('')),
);
/** Long runs of one syntax character: where a quadratic scan would show. */
const longRun = fc
  .tuple(syntaxPiece, fc.integer({ min: 1_000, max: 50_000 }), fc.string({ maxLength: 20 }))
  .map(([piece, n, tail]) => piece.repeat(Math.ceil(n / piece.length)) + tail);
const anyValue = fc.oneof({ weight: 4, arbitrary: hostileValue }, { weight: 1, arbitrary: longRun });

function timed<T>(run: () => T): T {
  const started = performance.now();
  const out = run();
  // Typical values take well under a millisecond; the margin is for a loaded 2-core CI machine.
  expect(performance.now() - started).toBeLessThan(1000);
  return out;
}

describe('header value parsers on arbitrary values', () => {
  test.prop([anyValue, fc.option(fc.integer({ min: 0, max: 50 }), { nil: undefined })], { numRuns: 200 })(
    'parseAddressList never throws, returns at most maxAddresses mailboxes, and each key agrees with addressKey',
    (value, max) => {
      const list = timed(() => parseAddressList(value, max === undefined ? {} : { maxAddresses: max }));
      expect(list.length).toBeLessThanOrEqual(max ?? DEFAULT_MAX_ADDRESSES);
      for (const m of list) {
        expect(typeof m.address).toBe('string');
        expect(typeof m.name).toBe('string');
        // address is local@domain as written: the two parts are what it is made of.
        if (m.address !== '' && m.domain !== '') expect(m.address.endsWith(`@${m.domain}`)).toBe(true);
        const key = addressKey(m.address);
        expect(key === null || key === key.toLowerCase()).toBe(true);
      }
    },
  );

  test.prop([fc.option(anyValue, { nil: undefined })], { numRuns: 200 })(
    'parseContentType never throws, gives a lower-case type/subtype that mediaType joins, and at most 64 parameters',
    (value) => {
      const ct = timed(() => parseContentType(value));
      expect(ct.mediaType).toBe(`${ct.type}/${ct.subtype}`);
      expect(ct.mediaType).toBe(ct.mediaType.toLowerCase());
      expect(ct.type.length).toBeGreaterThan(0);
      expect(ct.subtype.length).toBeGreaterThan(0);
      expect(ct.params.size).toBeLessThanOrEqual(64);
      for (const name of ct.params.keys()) expect(name).toBe(name.toLowerCase());
    },
  );

  test.prop([anyValue], { numRuns: 200 })(
    'parseDate never throws and answers null or an integer epoch within the Date range',
    (value) => {
      const ms = timed(() => parseDate(value));
      if (ms !== null) {
        expect(Number.isInteger(ms)).toBe(true);
        expect(Math.abs(ms)).toBeLessThanOrEqual(8.64e15);
      }
    },
  );

  test.prop([anyValue], { numRuns: 200 })(
    'parseMessageIds never throws and answers at most 500 non-empty ids of at most 998 characters, none bracketed',
    (value) => {
      const ids = timed(() => parseMessageIds(value));
      expect(ids.length).toBeLessThanOrEqual(500);
      for (const id of ids) {
        expect(id.length).toBeGreaterThan(0);
        expect(id.length).toBeLessThanOrEqual(998);
        expect(id).not.toMatch(/[<>]/);
      }
    },
  );

  test.prop([fc.array(anyValue, { maxLength: 5 })], { numRuns: 100 })(
    'inReplyTo over any number of In-Reply-To fields answers at most 500 ids',
    (values) => {
      const list = createHeaderList(values.map((value) => ({ name: 'In-Reply-To', value })));
      const ids = timed(() => inReplyTo(list));
      expect(ids.length).toBeLessThanOrEqual(500);
      expect(ids).toEqual(values.flatMap(parseMessageIds).slice(0, 500));
    },
  );

  test.prop([anyValue], { numRuns: 200 })(
    'parseReceived never throws, keeps the value as raw, and each clause is null or text taken from the value',
    (value) => {
      const hop = timed(() => parseReceived(value));
      expect(hop.raw).toBe(value);
      expect(hop.timestamp === null || Number.isInteger(hop.timestamp)).toBe(true);
      const lower = value.slice(0, 4096).toLowerCase();
      for (const clause of [hop.from, hop.by, hop.via, hop.with, hop.id]) {
        if (clause !== null) expect(lower).toContain(clause.toLowerCase());
      }
      if (hop.fromIp !== null) expect(value.slice(0, 4096)).toContain(hop.fromIp);
    },
  );
});

describe('fromParsedMail on what mailparser makes of arbitrary mail', () => {
  const line = fc.oneof(
    fc
      .tuple(
        fc.constantFrom(
          'From',
          'To',
          'Subject',
          'Message-ID',
          'Received',
          'Content-Type',
          'X-Custom',
          '__proto__',
        ),
        hostileValue.map((v) => v.slice(0, 300)),
      )
      .map(([n, v]) => `${n}: ${v}`),
    fc.constantFrom(' folded continuation', '\tfolded tab', 'no colon here', ': no name', 'Subject:'),
  );
  const mail = fc
    .tuple(
      fc.array(line, { minLength: 1, maxLength: 20 }),
      fc.constantFrom('\r\n', '\n'),
      fc.string({ maxLength: 200 }),
    )
    .map(([lines, eol, body]) => Buffer.from(`${lines.join(eol)}${eol}${eol}${body}`, 'latin1'));

  test.prop([mail], { numRuns: 100 })(
    'never throws, has no body offset, and gives the fields parseHeaders gives for the same bytes',
    async (bytes) => {
      const parsed = await simpleParser(bytes);
      const list = fromParsedMail(parsed);
      expect(list.bodyOffset).toBeNull();
      expect(list.fields).toEqual(parseHeaders(new Uint8Array(bytes)).fields);
    },
  );
});
