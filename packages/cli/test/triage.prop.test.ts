import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { afterAll, describe, expect } from 'vitest';
import { jsonRows, mailroom } from './run-bin.js';

const tmp = mkdtempSync(join(tmpdir(), 'mailroom-triage-prop-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let run = 0;

// Bytes that look a little like mail more often than uniform bytes would, plus raw garbage.
const mailish = fc.oneof(
  fc.uint8Array({ maxLength: 4000 }),
  fc
    .array(
      fc.oneof(
        fc.constantFrom(
          'From: ',
          'Subject: =?UTF-8?B?',
          '?=',
          '\r\n',
          '\n',
          '\r',
          ' ',
          ':',
          '\0',
          '<',
          '>',
          '@',
        ),
        fc.string({ unit: 'binary', maxLength: 30 }),
      ),
      { maxLength: 60 },
    )
    .map((parts) => new TextEncoder().encode(parts.join(''))),
);

describe('mailroom triage on arbitrary input', () => {
  // Each run writes a batch of files and starts the bin once: many inputs per process start keeps this quick.
  test.prop([fc.array(mailish, { minLength: 1, maxLength: 12 })], { numRuns: 15 })(
    'never crashes on arbitrary bytes in .eml files: exit 0 and one well-formed JSON row per file',
    (files) => {
      const dir = join(tmp, `eml-${run++}`);
      mkdirSync(dir);
      files.forEach((bytes, i) => {
        writeFileSync(join(dir, `${String(i).padStart(3, '0')}.eml`), bytes);
      });
      const { status, stdout, stderr } = mailroom(['triage', '--json', dir]);
      expect(stderr).toBe('');
      expect(status).toBe(0);
      const rows = jsonRows(stdout);
      expect(rows).toHaveLength(files.length);
      for (const row of rows) {
        for (const key of ['from', 'subject', 'messageId', 'date']) {
          expect(row[key] === null || typeof row[key] === 'string').toBe(true);
        }
        expect(Array.isArray(row['defects'])).toBe(true);
      }
      // The table never passes a control character through to the terminal.
      const table = mailroom(['triage', dir]);
      expect(table.status).toBe(0);
      expect(table.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    },
    60_000,
  );

  test.prop([fc.array(mailish, { minLength: 1, maxLength: 6 })], { numRuns: 10 })(
    'never crashes on arbitrary bytes in an .mbox file: exit 0 and only well-formed JSON rows',
    (parts) => {
      const file = join(tmp, `box-${run++}.mbox`);
      const separator = new TextEncoder().encode('From someone Sat Nov 21 10:00:00 2026\n');
      writeFileSync(file, Buffer.concat(parts.flatMap((p) => [separator, p])));
      const { status, stdout, stderr } = mailroom(['triage', '--json', file]);
      expect(stderr).toBe('');
      expect(status).toBe(0);
      const rows = jsonRows(stdout);
      expect(rows.length).toBeGreaterThanOrEqual(1);
      expect(rows.map((row) => row['file'])).toEqual(rows.map((_, i) => `${file}#${i + 1}`));
    },
    60_000,
  );
});
