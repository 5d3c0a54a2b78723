import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonRows, mailroom } from './run-bin.js';

const CRLF = (lines: readonly string[]): string => `${lines.join('\r\n')}\r\n`;

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'mailroom-triage-'));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

const SAMPLE_FILES = readdirSync(new URL('../../../examples/mail/', import.meta.url))
  .filter((name) => name.endsWith('.eml'))
  .sort();

describe('mailroom triage examples/mail (the Quick start)', () => {
  it('prints an aligned table with one row per sample message and exits 0', () => {
    const { status, stdout, stderr } = mailroom(['triage', 'examples/mail']);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/^File\s+From\s+Subject\s+Date \(UTC\)$/);
    expect(lines[1]).toMatch(/^─+ {2}─+ {2}─+ {2}─+$/);
    const rows = lines.slice(2, 2 + SAMPLE_FILES.length);
    expect(SAMPLE_FILES.length).toBeGreaterThanOrEqual(12);
    // Sorted by name, so row i belongs to sample file i; long paths keep their end.
    rows.forEach((row, i) => {
      expect(row.slice(0, 36).trim().replace(/^…/, '')).toSatisfy((shown: string) =>
        `examples/mail/${SAMPLE_FILES[i]}`.endsWith(shown),
      );
    });
    expect(stdout).toContain(`\n${SAMPLE_FILES.length} messages from 1 input\n`);
    // Columns line up in terminal cells: every Date cell starts under the heading (an emoji takes two cells).
    const dateAt = lines[0]!.indexOf('Date (UTC)');
    for (const row of rows) {
      expect(row).toMatch(/ {2}2026-11-\d\d \d\d:\d\d$/);
      const before = row.slice(0, -16);
      const cells = [...before].length + (before.match(/\p{Extended_Pictographic}/gu)?.length ?? 0);
      expect(cells).toBe(dateAt);
    }
  });

  it('decodes RFC 2047 display names and subjects in the table', () => {
    const { stdout } = mailroom(['triage', 'examples/mail/03-apple-mail-german.eml']);
    expect(stdout).toContain('Jürgen Köhler <j.koehler@bergwerk-gmbh.…');
    expect(stdout).toContain('Rechnung 2026-1187 – Betrag stimmt nicht mit dem Angebo…');
    expect(stdout).toContain('2026-11-20 08:12');
  });

  it('cuts long cells with an ellipsis at the column cap', () => {
    const { stdout } = mailroom(['triage', 'examples/mail/10-google-groups-post.eml']);
    const row = stdout.split('\n')[2]!;
    expect(row).toContain('Quote request: 40 LP-400 label printers for the Porto w…');
    expect(row).not.toContain('Porto warehouse');
  });

  it('--json prints one object per message with file, path, from, fromName, subject, date, messageId, defects', () => {
    const { status, stdout } = mailroom(['triage', '--json', 'examples/mail']);
    expect(status).toBe(0);
    const rows = jsonRows(stdout);
    expect(rows.map((r) => r['file'])).toEqual(SAMPLE_FILES.map((f) => `examples/mail/${f}`));
    for (const row of rows) {
      expect(Object.keys(row)).toEqual([
        'file',
        'path',
        'from',
        'fromName',
        'subject',
        'date',
        'messageId',
        'defects',
      ]);
      expect(row['defects']).toEqual([]);
      expect(typeof row['messageId']).toBe('string');
      expect(row['date']).toMatch(/^2026-11-\d\dT\d\d:\d\d:\d\d\.000Z$/);
    }
    const bounce = rows.find((r) => String(r['file']).endsWith('06-bounce-postfix.eml'))!;
    expect(bounce).toMatchObject({
      from: 'MAILER-DAEMON@mx1.acme.example',
      fromName: 'Mail Delivery System',
      subject: 'Undelivered Mail Returned to Sender',
      messageId: '20261120140319.9C1E23F4A7@mx1.acme.example',
      date: '2026-11-20T14:03:19.000Z',
    });
    const newsletter = rows.find((r) => String(r['file']).endsWith('08-newsletter.eml'))!;
    expect(newsletter['subject']).toBe('📦 November release: batch label printing and carrier rate cards');
    const vacation = rows.find((r) => String(r['file']).endsWith('05-vacation-gmail.eml'))!;
    expect(vacation['date']).toBe('2026-11-19T17:05:32.000Z'); // 09:05:32 -0800
  });

  it('walks folders recursively in name order and reads only .eml and .mbox files', () => {
    const dir = join(tmp, 'walk');
    mkdirSync(join(dir, 'b-sub', 'deeper'), { recursive: true });
    mkdirSync(join(dir, '.hidden'), { recursive: true });
    const eml = (subject: string): string =>
      CRLF([`From: a@example.com`, `Subject: ${subject}`, `Message-ID: <${subject}@example.com>`, '', 'x']);
    writeFileSync(join(dir, 'c.eml'), eml('c'));
    writeFileSync(join(dir, 'A.EML'), eml('A'));
    writeFileSync(join(dir, 'b-sub', 'deeper', 'z.eml'), eml('z'));
    writeFileSync(join(dir, 'b-sub', 'a.eml'), eml('ba'));
    writeFileSync(join(dir, '.hidden', 'h.eml'), eml('hidden'));
    writeFileSync(join(dir, 'notes.txt'), 'not mail');
    writeFileSync(join(dir, 'README.md'), '# not mail');
    const { status, stdout } = mailroom(['triage', '--json', dir]);
    expect(status).toBe(0);
    expect(jsonRows(stdout).map((r) => r['subject'])).toEqual(['A', 'ba', 'z', 'c']);
  });

  it('gives from: null for the null sender and for a From: without a mailbox, showing what is written', () => {
    const dir = join(tmp, 'senders');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '1.eml'), CRLF(['From: <>', 'Subject: null sender', '', '']));
    writeFileSync(join(dir, '2.eml'), CRLF(['From: Undisclosed recipients:;', 'Subject: group', '', '']));
    const rows = jsonRows(mailroom(['triage', '--json', dir]).stdout);
    expect(rows.map((r) => [r['from'], r['fromName']])).toEqual([
      [null, ''],
      [null, 'Undisclosed recipients:;'],
    ]);
    const table = mailroom(['triage', dir]).stdout.split('\n');
    expect(table[3]).toMatch(/2\.eml {2}Undisclosed recipients:; {2}group$/);
    // No padding is left at the end of a row whose last cells are empty.
    for (const line of table) expect(line).toBe(line.trimEnd());
  });

  it('reads an explicitly named file whatever its extension', () => {
    const file = join(tmp, 'message.txt');
    writeFileSync(file, CRLF(['From: Ann <ann@example.com>', 'Subject: named', '', 'body']));
    const rows = jsonRows(mailroom(['triage', '--json', file]).stdout);
    expect(rows).toMatchObject([{ file, from: 'ann@example.com', fromName: 'Ann', subject: 'named' }]);
  });

  it('does not follow a symbolic link back up the walk, yet reads a folder named twice twice', () => {
    const dir = join(tmp, 'cycle');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'one.eml'), CRLF(['Subject: one', '', '']));
    symlinkSync(dir, join(dir, 'loop'));
    const { status, stdout } = mailroom(['triage', '--json', dir]);
    expect(status).toBe(0);
    expect(jsonRows(stdout).map((r) => r['subject'])).toEqual(['one']);
    // Only a link back up the walk is a cycle: a folder named twice is read twice.
    const twice = mailroom(['triage', '--json', dir, dir]);
    expect(jsonRows(twice.stdout).map((r) => r['subject'])).toEqual(['one', 'one']);
  });
});

describe('mbox files', () => {
  it('splits an mboxrd file into path#N rows, LF line endings, quoted From lines', () => {
    const file = join(tmp, 'archive.mbox');
    writeFileSync(
      file,
      [
        'From ann@example.com Mon Nov 16 09:00:00 2026',
        'From: Ann <ann@example.com>',
        'Subject: first',
        'Message-ID: <first@example.com>',
        '',
        'Hello',
        '>From the warehouse: all good.',
        '',
        'From bob@example.net Tue Nov 17 10:30:00 2026',
        'From: =?UTF-8?Q?B=C3=B6b?= <bob@example.net>',
        'Subject: second',
        '',
        '>>From quoted twice',
        '',
        'From MAILER-DAEMON Wed Nov 18 11:00:00 2026',
        'From: Mail Delivery System <MAILER-DAEMON@mx.example.org>',
        'Subject: third',
        '',
        'body',
        '',
      ].join('\n'),
    );
    const { status, stdout } = mailroom(['triage', '--json', file]);
    expect(status).toBe(0);
    const rows = jsonRows(stdout);
    expect(rows.map((r) => [r['file'], r['subject'], r['fromName']])).toEqual([
      [`${file}#1`, 'first', 'Ann'],
      [`${file}#2`, 'second', 'Böb'],
      [`${file}#3`, 'third', 'Mail Delivery System'],
    ]);
    // The From_ separator is not part of the message: no mbox-from-line defect.
    for (const row of rows) expect(row['defects']).toEqual([]);
  });

  it('splits a CRLF mbox without an extension when it is named on the command line', () => {
    const file = join(tmp, 'Inbox');
    writeFileSync(
      file,
      CRLF([
        'From - Thu Nov 19 08:00:00 2026',
        'Subject: crlf one',
        '',
        'text',
        '',
        'From - Thu Nov 19 08:05:00 2026',
        'Subject: crlf two',
        '',
        'text',
      ]),
    );
    const rows = jsonRows(mailroom(['triage', '--json', file]).stdout);
    expect(rows.map((r) => [r['file'], r['subject']])).toEqual([
      [`${file}#1`, 'crlf one'],
      [`${file}#2`, 'crlf two'],
    ]);
  });

  it('streams a large mbox (5,000 messages) in order', () => {
    const file = join(tmp, 'large.mbox');
    const parts: string[] = [];
    for (let i = 1; i <= 5000; i++) {
      parts.push(
        `From sender@example.com Sat Nov 21 10:00:00 2026\nSubject: message ${i}\n\n${'x'.repeat(200)}\n\n`,
      );
    }
    writeFileSync(file, parts.join(''));
    const { status, stdout } = mailroom(['triage', '--json', file]);
    expect(status).toBe(0);
    const rows = jsonRows(stdout);
    expect(rows).toHaveLength(5000);
    expect(rows[4999]).toMatchObject({ file: `${file}#5000`, subject: 'message 5000' });
  }, 30_000);
});

describe('Maildir folders', () => {
  it('reads cur/ and new/ sorted by file name, names rows by file name, and reads Maildir++ folders', () => {
    const maildir = join(tmp, 'Maildir');
    for (const sub of ['cur', 'new', 'tmp', '.Sent/cur', '.Sent/new', '.Sent/tmp']) {
      mkdirSync(join(maildir, sub), { recursive: true });
    }
    const message = (subject: string): string =>
      CRLF([`Subject: ${subject}`, 'From: c@example.com', '', 'b']);
    writeFileSync(join(maildir, 'cur', '1763600000.M1P100.mx1,S=100:2,S'), message('oldest, seen'));
    writeFileSync(join(maildir, 'new', '1763600500.M2P101.mx1,S=100'), message('middle, new'));
    writeFileSync(join(maildir, 'cur', '1763609999.M3P102.mx1,S=100:2,RS'), message('newest, seen'));
    writeFileSync(join(maildir, 'tmp', '1763700000.M4P103.mx1'), message('still being delivered'));
    writeFileSync(join(maildir, '.Sent', 'cur', '1763605000.M5P104.mx1:2,S'), message('sent'));
    writeFileSync(join(maildir, 'dovecot-uidlist'), '3 V1763600000 N4\n');
    const { status, stdout } = mailroom(['triage', '--json', maildir]);
    expect(status).toBe(0);
    const rows = jsonRows(stdout);
    expect(rows.map((r) => [r['file'], r['subject']])).toEqual([
      ['1763600000.M1P100.mx1,S=100:2,S', 'oldest, seen'],
      ['1763600500.M2P101.mx1,S=100', 'middle, new'],
      ['1763609999.M3P102.mx1,S=100:2,RS', 'newest, seen'],
      ['1763605000.M5P104.mx1:2,S', 'sent'],
    ]);
    expect(rows[1]!['path']).toBe(join(maildir, 'new', '1763600500.M2P101.mx1,S=100'));
    // A Maildir's cur/ named directly is read as Maildir messages, not skipped for lacking .eml names.
    const cur = jsonRows(mailroom(['triage', '--json', join(maildir, 'cur')]).stdout);
    expect(cur.map((r) => r['subject'])).toEqual(['oldest, seen', 'newest, seen']);
  });
});

describe('inputs that cannot be read', () => {
  it('names a missing path on stderr, goes on with the others, and exits 3', () => {
    const { status, stdout, stderr } = mailroom([
      'triage',
      '--json',
      'examples/mail/does-not-exist.eml',
      'examples/mail/01-customer-request-outlook.eml',
    ]);
    expect(status).toBe(3);
    expect(stderr).toBe(
      'mailroom triage: examples/mail/does-not-exist.eml: no such file or directory (ENOENT)\n',
    );
    expect(jsonRows(stdout).map((r) => r['file'])).toEqual(['examples/mail/01-customer-request-outlook.eml']);
  });

  it('keeps control characters of a path that cannot be read off the terminal', () => {
    const { status, stderr } = mailroom(['triage', 'gone\u001b[31m.eml']);
    expect(status).toBe(3);
    expect(stderr).toBe('mailroom triage: gone�[31m.eml: no such file or directory (ENOENT)\n');
  });

  it('says in the table footer that some inputs could not be read', () => {
    const { status, stdout } = mailroom(['triage', 'nothing-here', 'examples/mail/03-apple-mail-german.eml']);
    expect(status).toBe(3);
    expect(stdout).toContain('1 message from 2 inputs; 1 could not be read (see above)');
  });

  // Root reads any file, so as root the bin drops to `nobody` first.
  const isRoot = process.getuid?.() === 0;
  it('names an unreadable file and an unreadable folder, goes on, and exits 3', () => {
    const dir = join(tmp, 'locked');
    mkdirSync(join(dir, 'closed'), { recursive: true });
    writeFileSync(join(dir, 'secret.eml'), 'Subject: secret\r\n\r\n');
    writeFileSync(join(dir, 'open.eml'), 'Subject: open\r\n\r\n');
    chmodSync(tmp, 0o755);
    chmodSync(join(dir, 'secret.eml'), 0o000);
    chmodSync(join(dir, 'closed'), 0o000);
    try {
      const { status, stdout, stderr } = mailroom(['triage', '--json', dir], undefined, isRoot);
      expect(stderr).toBe(
        `mailroom triage: ${join(dir, 'closed')}: permission denied (EACCES)\n` +
          `mailroom triage: ${join(dir, 'secret.eml')}: permission denied (EACCES)\n`,
      );
      expect(status).toBe(3);
      expect(jsonRows(stdout).map((r) => r['subject'])).toEqual(['open']);
    } finally {
      chmodSync(join(dir, 'secret.eml'), 0o644);
      chmodSync(join(dir, 'closed'), 0o755);
    }
  });

  it('reads a binary file that is not mail as a message with defects, not as a failure', () => {
    const file = join(tmp, 'picture.eml');
    writeFileSync(
      file,
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0xff, 0xfe]),
    );
    const { status, stdout, stderr } = mailroom(['triage', '--json', file]);
    expect(status).toBe(0);
    expect(stderr).toBe('');
    const [row] = jsonRows(stdout);
    expect(row).toMatchObject({ file, from: null, subject: null, messageId: null, date: null });
    expect((row!['defects'] as string[]).length).toBeGreaterThan(0);
  });

  it('never lets a Subject drive the terminal: control characters are replaced in the table', () => {
    const file = join(tmp, 'escape.eml');
    writeFileSync(
      file,
      CRLF(['From: x@example.com', 'Subject: =?UTF-8?B?G1szMW1yZWQbWzBtIGFuZCDigK5iaWRp?=', '', '']),
    );
    const { stdout } = mailroom(['triage', file]);
    expect(stdout).not.toMatch(/[\u001b\u202e]/);
    expect(stdout).toContain('�[31mred�[0m and �bidi');
    // JSON keeps the decoded text (escaped by JSON itself).
    expect(jsonRows(mailroom(['triage', '--json', file]).stdout)[0]!['subject']).toBe(
      '\u001b[31mred\u001b[0m and \u202ebidi',
    );
  });
});

describe('usage', () => {
  it('exits 2 with the usage text when no path is given', () => {
    const { status, stderr } = mailroom(['triage']);
    expect(status).toBe(2);
    expect(stderr).toContain('give at least one file, mbox, Maildir or folder');
    expect(stderr).toContain('usage: mailroom triage [--json] <path...>');
  });

  it('exits 2 on an unknown option', () => {
    const { status, stderr } = mailroom(['triage', '--colour', 'examples/mail']);
    expect(status).toBe(2);
    expect(stderr).toContain("Unknown option '--colour'");
  });

  it('--help prints the usage and exits 0; mailroom lists triage', () => {
    const help = mailroom(['triage', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('exit codes');
    const top = mailroom(['--help']);
    expect(top.stdout).toMatch(/^ {2}triage +one row per message/m);
  });

  it('a path after -- may start with a dash', () => {
    const file = join(tmp, '-dash.eml');
    writeFileSync(file, 'Subject: dash\r\n\r\n');
    const { status, stdout } = mailroom(['triage', '--json', '--', '-dash.eml'], tmp);
    expect(status).toBe(0);
    expect(jsonRows(stdout)[0]).toMatchObject({ file: '-dash.eml', subject: 'dash' });
  });
});
