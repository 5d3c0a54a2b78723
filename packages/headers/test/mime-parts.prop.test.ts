import { fc, test } from '@fast-check/vitest';
import {
  attachedMessages,
  mimeParts,
  parseContentType,
  parseHeaders,
  partBytes,
  partText,
  textBody,
} from '@mailroom/headers';
import { describe, expect } from 'vitest';

const enc = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Lines that reach the walker's paths: delimiters (right, wrong, duplicated, unclosed), part headers, encodings. */
const mimeLine = fc.oneof(
  fc.constantFrom(
    '--b',
    '--b--',
    '--c',
    '--c--',
    ' --b',
    '--b-x',
    '--',
    '',
    'Content-Type: multipart/mixed; boundary=b',
    'Content-Type: multipart/alternative; boundary="c"',
    'Content-Type: multipart/mixed; boundary=b',
    'Content-Type: multipart/report',
    'Content-Type: message/rfc822',
    'Content-Type: text/html; charset=iso-2022-jp',
    'Content-Type: text/plain; charset=utf-8; format=flowed; delsp=yes',
    'Content-Type: text/plain; charset="x-unknown"',
    'Content-Transfer-Encoding: base64',
    'Content-Transfer-Encoding: quoted-printable',
    "Content-Disposition: attachment; filename*=utf-8''%E2%82%AC.pdf",
    'From: Ann <ann@example.com>',
    '<html><style>x{}</style><p>hi &amp; &#x20AC; &#99999999; <b',
    'QUJD=',
    '=C3=A9=\r',
    '=ZZ=',
  ),
  fc.string({ maxLength: 40 }),
);
const mimeish = fc
  .tuple(fc.array(mimeLine, { maxLength: 60 }), fc.constantFrom('\r\n', '\n', '\r'))
  .map(([lines, eol]) => enc(`Content-Type: multipart/mixed; boundary=b${eol}${eol}${lines.join(eol)}`));

function exercise(raw: Uint8Array): number {
  const headers = parseHeaders(raw);
  const walk = mimeParts(raw, headers, { limits: { maxParts: 64, maxDepth: 6 } });
  let n = 0;
  for (const part of walk) {
    n++;
    expect(part.start).toBeGreaterThanOrEqual(0);
    expect(part.bodyStart).toBeGreaterThanOrEqual(part.start);
    expect(part.end).toBeGreaterThanOrEqual(part.bodyStart);
    expect(part.end).toBeLessThanOrEqual(raw.length);
    expect(part.depth).toBeLessThanOrEqual(6);
    void part.filename;
    void part.disposition;
    expect(partBytes(raw, part, { maxBytes: 1000 }).length).toBeLessThanOrEqual(1000);
    expect(partText(raw, part, { maxChars: 500 }).length).toBeLessThanOrEqual(500);
  }
  expect(n).toBeLessThanOrEqual(64);
  expect(typeof textBody(raw, headers)).toBe('string');
  expect(attachedMessages(raw, headers).length).toBeLessThanOrEqual(8);
  return n;
}

describe('mimeParts on hostile input', () => {
  test.prop([fc.uint8Array({ maxLength: 4000 })], { numRuns: 200 })(
    'arbitrary bytes never throw; every part lies inside the input; decodes stay within their bounds',
    (raw) => {
      exercise(raw);
    },
  );

  test.prop([mimeish], { numRuns: 300 })(
    'MIME-like lines (missing, duplicate, unclosed, indented boundaries; odd encodings) never throw, stay bounded',
    (raw) => {
      exercise(raw);
    },
  );

  test.prop([fc.integer({ min: 1, max: 2000 }), fc.boolean()], { numRuns: 20 })(
    'deep nesting (same or distinct boundaries) stops at maxDepth in bounded time',
    (depth, sameBoundary) => {
      let body = 'leaf';
      for (let i = depth; i > 0; i--) {
        const b = sameBoundary ? 'b' : `b${i}`;
        body = `Content-Type: multipart/mixed; boundary=${b}\r\n\r\n--${b}\r\n${body}\r\n--${b}--`;
      }
      const raw = enc(body);
      const start = performance.now();
      const parts = [...mimeParts(raw, parseHeaders(raw))];
      expect(Math.max(...parts.map((p) => p.depth))).toBeLessThanOrEqual(8);
      expect(performance.now() - start).toBeLessThan(1000);
    },
  );

  test('huge parts and pathological bodies stay cheap (1 MB of dashes, of "=", of unclosed tags; 20,000 parts)', () => {
    const cases = [
      `Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\n${'-'.repeat(1_000_000)}`,
      `Content-Type: multipart/mixed; boundary=b\r\n\r\n${'\n--'.repeat(300_000)}`,
      `Content-Type: text/plain\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${'='.repeat(1_000_000)}`,
      `Content-Type: text/html\r\nContent-Transfer-Encoding: base64\r\n\r\n${btoa('<'.repeat(750_000))}`,
      `Content-Type: text/html\r\n\r\n${'<style>'.repeat(150_000)}`,
      `Content-Type: text/html\r\n\r\n${'&amp'.repeat(250_000)}`,
      `Content-Type: multipart/mixed; boundary=b\r\n\r\n${'--b\r\n\r\nx\r\n'.repeat(20_000)}--b--`,
    ];
    for (const text of cases) {
      const raw = enc(text);
      const start = performance.now();
      exercise(raw);
      expect(performance.now() - start, text.slice(0, 60)).toBeLessThan(2000);
    }
  });

  test.prop(
    [
      fc.oneof(
        fc.string({ maxLength: 40 }),
        fc.constantFrom(' Text/HTML ', 'multipart/mixed', 'a/b/c', '\u00a0text/plain', 'text /x'),
      ),
    ],
    { numRuns: 300 },
  )(
    'the type-only fast path (no parameters) reads the same type/subtype as the full parameter parser',
    (value) => {
      const v = value.replace(/[;"]/g, '');
      expect(parseContentType(v).mediaType).toBe(parseContentType(`${v}; x=1`).mediaType);
    },
  );
});
