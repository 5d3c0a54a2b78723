import { fc, test } from '@fast-check/vitest';
import {
  authResultProperty,
  formatAuthComment,
  formatAuthValue,
  parseAuthenticationResults,
} from '@mailroom/mail-auth';
import { describe, expect } from 'vitest';

// formatAuthValue and formatAuthComment put attacker-chosen text (a From domain, a DKIM selector, a DMARC
// policy comment) into the Authentication-Results field the helpdesk writes; fuzz.prop.test.ts only checks the
// finished field. Here each is fuzzed on its own, and read back with parseAuthenticationResults.

/** Text made of the characters RFC 8601 and RFC 2045 give meaning to, mixed with anything. */
const specialPiece = fc.constantFrom(
  '"',
  '\\',
  '(',
  ')',
  ';',
  '=',
  '.',
  '@',
  ' ',
  '\t',
  '\r\n',
  '\n',
  '\u0000',
  '\u007f',
  'dkim=fail',
  'header.from=evil.example',
  'example.com',
  'bounces@example.com',
);
const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 700 }),
  fc.array(fc.oneof(specialPiece, fc.string({ maxLength: 6 })), { maxLength: 120 }).map((xs) => xs.join('')),
);
const CONTROL = /[\u0000-\u001f\u007f]/;

describe('Authentication-Results writing on hostile text', () => {
  test.prop([hostile], { numRuns: 300 })(
    'formatAuthValue never lets a control character through (no header injection) and is bounded',
    (v) => {
      const out = formatAuthValue(v);
      expect(out).not.toMatch(CONTROL);
      // 512 characters, each escaped at most once, plus the two quotes.
      expect(out.length).toBeLessThanOrEqual(2 * 512 + 2);
    },
  );

  test.prop([hostile], { numRuns: 300 })(
    'formatAuthComment never lets a control character through and is bounded',
    (c) => {
      const out = formatAuthComment(c);
      expect(out).not.toMatch(CONTROL);
      expect(out.length).toBeLessThanOrEqual(2 * 256 + 2);
    },
  );

  test.prop([hostile, hostile], { numRuns: 300 })(
    'RFC 8601: a value and a comment written by the formatters read back as exactly one result with that value',
    (v, c) => {
      const field = `mx.helpdesk.example; dmarc=pass ${formatAuthComment(c)} header.from=${formatAuthValue(v)}`;
      const parsed = parseAuthenticationResults(field);
      expect(parsed.authservId).toBe('mx.helpdesk.example');
      expect(parsed.results).toHaveLength(1);
      const [entry] = parsed.results;
      expect(entry?.method).toBe('dmarc');
      expect(entry?.result).toBe('pass');
      expect(authResultProperty(entry!, 'header', 'from')).toBe(
        v.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 512),
      );
    },
  );
});
