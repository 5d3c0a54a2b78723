import { fc, test } from '@fast-check/vitest';
import { addressKey, createHeaderList } from '@mailroom/headers';
import {
  analyseForwarding,
  DEFAULT_FORWARD_TABLES,
  findFailedRecipient,
  findForwardedOriginal,
  isForwardSubject,
} from '@mailroom/requester-resolver';
import { describe, expect } from 'vitest';

// findFailedRecipient, findForwardedOriginal, isForwardSubject and analyseForwarding are exported for callers
// who read bounces and forwards themselves, so each takes attacker text directly. invariants.prop.test.ts only
// reaches them through resolveRequester; here each one is fuzzed on its own, with its bounds checked.

/** Text built from the lines these scanners look for, mixed with noise, so their branches are reached. */
const piece = fc.constantFrom(
  'Final-Recipient: ',
  'Original-Recipient: ',
  'rfc822; ',
  'rfc822;',
  'x400; ',
  '---------- Forwarded message ---------\n',
  '-------- Original Message --------\n',
  '-----Ursprüngliche Nachricht-----\n',
  'Begin forwarded message:\n',
  'From: ',
  'Von: ',
  'De : ',
  'Sent: ',
  'Date: ',
  'Subject: ',
  'To: ',
  '> ',
  '\n',
  '\r\n',
  ' ',
  '<',
  '>',
  '"',
  ';',
  ',',
  'Ann Smith <ann@customer.example>',
  'bob@example.org',
  'mailer-daemon@mx.example.net',
);
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 3000 }),
  fc.array(fc.oneof(piece, fc.string({ maxLength: 12 })), { maxLength: 300 }).map((xs) => xs.join('')),
);
/** Bodies made of whole lines a mail client writes around a forward, shuffled with noise lines. */
const line = fc.oneof(
  fc.constantFrom(
    '---------- Forwarded message ---------',
    '-------- Original Message --------',
    '-----Original Message-----',
    '-----Ursprüngliche Nachricht-----',
    'Begin forwarded message:',
    'From: Ann Smith <ann@customer.example>',
    'From: "Smith, Ann" <ann@customer.example>',
    'Von: Bernd Müller <bernd@kunde.example>',
    'De : Claire <claire@client.example>',
    'From: mailer-daemon@mx.example.net',
    'Sent: Tuesday, March 4, 2025 10:00 AM',
    'Date: Tue, 4 Mar 2025 10:00:00 +0000',
    'Subject: Invoice 2291',
    'To: support@acme.example',
    '> From: quoted <q@example.org>',
    '',
  ),
  fc.string({ maxLength: 80 }).map((s) => s.replace(/[\r\n]/g, ' ')),
);
const body = fc.oneof(
  { weight: 1, arbitrary: text },
  {
    weight: 3,
    arbitrary: fc
      .array(line, { maxLength: 40 })
      .chain((lines) => fc.constantFrom('\n', '\r\n').map((eol) => lines.join(eol))),
  },
);
const subjectPrefix = fc.constantFrom(
  'Fwd',
  'FW',
  'WG',
  'TR',
  'RV',
  'Re',
  'AW',
  'Fwd ',
  '[EXTERNAL]',
  '[Fwd',
  '',
);
const subject = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 500 }),
  fc
    .tuple(fc.array(fc.tuple(subjectPrefix, fc.constantFrom(':', '：', ': ', ' ')), { maxLength: 12 }), text)
    .map(([prefixes, rest]) => prefixes.map(([p, c]) => p + c).join('') + rest.slice(0, 200)),
);
const fieldName = fc.constantFrom(
  'X-Failed-Recipients',
  'Delivered-To',
  'X-Original-To',
  'Received',
  'Resent-To',
  'X-Forwarded-To',
  'X-Forwarded-For',
  'To',
  'From',
);
const fieldValue = fc.oneof(
  text.map((t) => t.slice(0, 500)),
  fc.constantFrom(
    'from mx.example.net ([192.0.2.7]) by mx.helpdesk.example with ESMTPS id 4Zk for <acme@helpdesk.example>; Tue, 4 Mar 2025 10:00:00 +0000',
    'support@acme.example',
    'ann@customer.example, <bob@example.org>',
    '<>',
  ),
);
const headers = fc
  .array(fc.record({ name: fieldName, value: fieldValue }), { maxLength: 30 })
  .map((fields) => createHeaderList(fields));
const rcptTo = fc.array(fc.oneof(fc.emailAddress(), fc.string({ maxLength: 40 })), { maxLength: 5 });

function timed<T>(run: () => T): T {
  const started = performance.now();
  const out = run();
  // Typical inputs take a millisecond; the margin is for a loaded 2-core CI machine.
  expect(performance.now() - started).toBeLessThan(1000);
  return out;
}

describe('public scanners on arbitrary input', () => {
  test.prop([headers, fc.option(text, { nil: undefined }), fc.integer({ min: 0, max: 4000 })], {
    numRuns: 200,
  })(
    'REQ-1: findFailedRecipient never throws, reads no further than maxChars, and answers a valid addressKey',
    (list, report, maxChars) => {
      const found = timed(() => findFailedRecipient(list, report, maxChars));
      if (found !== null) {
        expect(addressKey(found.address)).toBe(found.key);
        expect(['Final-Recipient', 'Original-Recipient', 'X-Failed-Recipients']).toContain(found.field);
      }
      // What lies beyond maxChars cannot change the answer.
      if (report !== undefined) {
        expect(findFailedRecipient(list, report.slice(0, maxChars), maxChars)).toEqual(found);
      }
    },
  );

  test.prop([body, fc.boolean(), fc.integer({ min: 0, max: 4000 }), fc.integer({ min: 0, max: 60 })], {
    numRuns: 200,
  })(
    'REQ-1: findForwardedOriginal never throws, stays within maxBodyChars and maxBodyLines, and answers a valid addressKey',
    (raw, subjectIsForward, maxBodyChars, maxBodyLines) => {
      const limits = { maxBodyChars, maxBodyLines };
      const found = timed(() => findForwardedOriginal(raw, { subjectIsForward, limits }));
      if (found !== null) {
        expect(addressKey(found.address)).toBe(found.key);
        expect(found.line).toBeGreaterThanOrEqual(1);
        expect(found.line).toBeLessThanOrEqual(maxBodyLines);
        expect(raw.slice(0, maxBodyChars)).toContain(found.address);
      }
      expect(findForwardedOriginal(raw.slice(0, maxBodyChars), { subjectIsForward, limits })).toEqual(found);
    },
  );

  test.prop([subject], { numRuns: 300 })(
    'REQ-1: isForwardSubject never throws and answers null or one of the known forward prefixes',
    (s) => {
      const prefix = timed(() => isForwardSubject(s));
      if (prefix !== null) {
        const known = DEFAULT_FORWARD_TABLES.subjectPrefixes.map((p) => p.prefix.toLowerCase());
        expect(known).toContain(prefix.trim().toLowerCase());
        expect(s.slice(0, 400).toLowerCase()).toContain(prefix.toLowerCase());
      }
    },
  );

  test.prop([headers, rcptTo], { numRuns: 200 })(
    'REQ-2: analyseForwarding never throws; the path holds distinct valid address keys, each with evidence',
    (list, rcpt) => {
      const analysis = timed(() => analyseForwarding(list, { rcptTo: rcpt }));
      const keys = analysis.path.map((h) => h.address);
      expect(new Set(keys).size).toBe(keys.length);
      for (const hop of analysis.path) {
        expect(addressKey(hop.address)).toBe(hop.address);
        expect(hop.evidence.length).toBeGreaterThan(0);
      }
      expect(Number.isInteger(analysis.hopCount)).toBe(true);
      expect(analysis.hopCount).toBeGreaterThanOrEqual(Math.max(0, keys.length - 1));
    },
  );
});
