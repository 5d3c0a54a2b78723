import { describe, expect, it } from 'vitest';
// The CLI package exports only its bin; the command factory is reached through the built dist directly.
import { createTriageCommand } from '../dist/commands/triage.js';
import { TRIAGE_COLUMNS, type TriageColumn } from '../dist/triage-columns.js';
import { jsonRows, repoRoot } from './run-bin.js';

function fakeIo(stderrIsTTY = false) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: {
      stdout: (t: string) => out.push(t),
      stderr: (t: string) => err.push(t),
      stderrIsTTY,
      cwd: repoRoot,
    },
    out,
    err,
  };
}

describe('createTriageCommand (the column extension point)', () => {
  it('an appended column appears in the table and under its key in --json', async () => {
    const sizeColumn: TriageColumn = {
      key: 'bytes',
      title: 'Bytes',
      maxWidth: 8,
      value: (m) => m.raw.length,
      cell: (value) => String(value),
    };
    const command = createTriageCommand({ columns: [...TRIAGE_COLUMNS, sizeColumn] });
    const json = fakeIo();
    expect(await command.run(['--json', 'examples/mail/03-apple-mail-german.eml'], json.io)).toBe(0);
    const [row] = jsonRows(json.out.join(''));
    expect(Object.keys(row!).at(-1)).toBe('bytes');
    expect(row!['bytes']).toBeGreaterThan(2000);
    const table = fakeIo();
    await command.run(['examples/mail/03-apple-mail-german.eml'], table.io);
    const [heading, , first] = table.out.join('').split('\n');
    expect(heading).toMatch(/Date \(UTC\) +Bytes$/);
    expect(first).toMatch(/2026-11-20 08:12 {2}\d{4}$/);
  });

  it('a column that throws leaves its cell empty, names the message on stderr, and the run goes on', async () => {
    const broken: TriageColumn = {
      key: 'broken',
      title: 'Broken',
      value: (m) => {
        if (m.file.endsWith('06-bounce-postfix.eml')) throw new Error('cannot classify');
        return 'ok';
      },
    };
    const { io, out, err } = fakeIo();
    const code = await createTriageCommand({ columns: [...TRIAGE_COLUMNS, broken] }).run(
      ['--json', 'examples/mail/05-vacation-gmail.eml', 'examples/mail/06-bounce-postfix.eml'],
      io,
    );
    expect(code).toBe(0);
    expect(err).toEqual([
      'mailroom triage: examples/mail/06-bounce-postfix.eml: column broken: cannot classify\n',
    ]);
    expect(jsonRows(out.join('')).map((r) => r['broken'])).toEqual(['ok', null]);
  });

  it('a table cell that throws is left empty and reported, and the row is still printed', async () => {
    const badCell: TriageColumn = {
      key: 'bad',
      title: 'Bad',
      value: () => 'x',
      cell: () => {
        throw new Error('no cell\u001b[2J');
      },
    };
    const { io, out, err } = fakeIo();
    const code = await createTriageCommand({ columns: [...TRIAGE_COLUMNS, badCell] }).run(
      ['examples/mail/07-delay-dsn.eml'],
      io,
    );
    expect(code).toBe(0);
    expect(err).toEqual(['mailroom triage: examples/mail/07-delay-dsn.eml: column bad: no cell�[2J\n']);
    expect(out.join('')).toContain('Delayed Mail (still being retried)');
  });

  it('draws the progress line on a terminal once a run passes a second, and erases it before output', async () => {
    let clock = 0;
    const now = (): number => {
      clock += 400; // every look at the clock is 0.4 s later: this run "takes" several seconds
      return clock;
    };
    const tty = fakeIo(true);
    await createTriageCommand({ now }).run(['--json', 'examples/mail'], tty.io);
    const drawn = tty.err.filter((t) => t.includes('messages ·'));
    expect(drawn.length).toBeGreaterThan(0);
    expect(drawn[0]).toMatch(/^\r\u001b\[K. \d+ messages · examples\/mail\/\d\d-.*\.eml$/);
    expect(tty.err.at(-1)).toBe('\r\u001b[K');
    const pipe = fakeIo(false);
    await createTriageCommand({ now }).run(['--json', 'examples/mail'], pipe.io);
    expect(pipe.err).toEqual([]);
  });
});
