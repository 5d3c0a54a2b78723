import { fc, test } from '@fast-check/vitest';
import {
  bodyShingleHash,
  contentFingerprint,
  DEFAULT_FINGERPRINT_OPTIONS,
  normalizeSubject,
  SUBJECT_PREFIXES,
} from '@mailroom/loop-detector';
import { describe, expect } from 'vitest';

// normalizeSubject and bodyShingleHash are exported parts of the LOOP-7 fingerprint and take the attacker's
// Subject and body directly; fuzz.prop.test.ts only reaches them through contentFingerprint.

const subjectPiece = fc.oneof(
  fc.constantFrom(
    'Re: ',
    'RE: ',
    'Fwd: ',
    'AW: ',
    'WG: ',
    'SV: ',
    'Réf. : ',
    '[#1042] ',
    '[EXTERNAL] ',
    '[Ticket #12] ',
    'Received: ',
    'Automatic reply: ',
    '：',
    ':',
    '[',
    ']',
    ' ',
    'Printer broken',
    'Drucker defekt',
    'İstanbul',
    'ß',
  ),
  fc.string({ maxLength: 12 }),
);
const subject = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 1200 }),
  fc.array(subjectPiece, { maxLength: 40 }).map((xs) => xs.join('')),
);
/** What a loop adds to a subject each round: a reply prefix, optionally with the helpdesk's ticket tag. */
const roundPrefix = fc
  .tuple(fc.constantFrom('Re', 'RE', 'Fwd', 'AW', 'Antw', 'SV'), fc.nat({ max: 99_999 }), fc.boolean())
  .map(([p, n, tag]) => `${p}: ${tag ? `[#${n}] ` : ''}`);

const bodyLine = fc.oneof(
  fc.constantFrom(
    'I am out of the office until Monday 3 March.',
    'Ihre Anfrage 2291 ist eingegangen.',
    '> quoted line from the previous round',
    '',
    'Thank you for contacting support.',
  ),
  fc.string({ maxLength: 80 }),
);
const body = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 5000 }),
  fc.array(bodyLine, { maxLength: 60 }).map((lines) => lines.join('\r\n')),
);

describe('LOOP-7 fingerprint parts on arbitrary input', () => {
  test.prop([subject], { numRuns: 300 })(
    'LOOP-7: normalizeSubject never throws and answers sorted distinct words with no digit and no reply prefix',
    (s) => {
      const started = performance.now();
      const n = normalizeSubject(s);
      expect(performance.now() - started).toBeLessThan(500);
      if (n === '') return;
      const list = n.split(' ');
      expect(list).toEqual([...new Set(list)].sort());
      for (const w of list) {
        expect(w).toMatch(/^[\p{L}\p{N}]+$/u);
        expect(w).not.toMatch(/\d/);
        expect(SUBJECT_PREFIXES).not.toContain(w);
      }
    },
  );

  test.prop([fc.array(subjectPiece, { maxLength: 30 }).map((xs) => xs.join('')), roundPrefix], {
    numRuns: 300,
  })(
    'LOOP-7: a loop round (one more reply prefix and ticket tag in front) does not change the normalised subject',
    (s, prefix) => {
      expect(normalizeSubject(prefix + s)).toBe(normalizeSubject(s));
    },
  );

  test.prop([body, fc.integer({ min: 0, max: 6000 }), fc.integer({ min: 1, max: 8 })], { numRuns: 200 })(
    'LOOP-7: bodyShingleHash never throws, answers 8 hex digits or null, and reads no further than maxBodyChars',
    (text, maxBodyChars, shingleWords) => {
      const options = { maxBodyChars, shingleWords };
      const started = performance.now();
      const h = bodyShingleHash(text, options);
      expect(performance.now() - started).toBeLessThan(500);
      expect(h === null || /^[0-9a-f]{8}$/.test(h)).toBe(true);
      expect(bodyShingleHash(text.slice(0, maxBodyChars), options)).toBe(h);
    },
  );

  test.prop([body], { numRuns: 200 })(
    'LOOP-7: quoting the previous round (lines starting with >) does not change the body hash',
    (text) => {
      const quoted = text
        .split(/\r?\n/)
        .map((l) => `> ${l}`)
        .join('\r\n');
      const both = `${text}\r\n${quoted}`;
      // A limit that reads all of both, so the quoted copy is really seen and dropped.
      const options = { ...DEFAULT_FINGERPRINT_OPTIONS, maxBodyChars: both.length };
      expect(bodyShingleHash(both, options)).toBe(bodyShingleHash(text, options));
      // And so the whole fingerprint is stable across the round.
      expect(contentFingerprint('Printer broken', both, options)).toBe(
        contentFingerprint('Printer broken', text, options),
      );
    },
  );
});
