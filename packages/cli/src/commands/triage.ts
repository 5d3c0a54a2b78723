import { parseArgs } from 'node:util';
import { parseHeaders } from '@mailroom/headers';
import { type CliIo, type Command, EXIT } from '../command.js';
import { readMailSources, type SourcedMessage } from '../mail-sources.js';
import { ProgressLine } from '../progress.js';
import { TextTableWriter, terminalSafe } from '../text-table.js';
import {
  TRIAGE_COLUMNS,
  type TriageColumn,
  type TriageMessage,
  type TriageValue,
} from '../triage-columns.js';

/** Header bytes read per message: far above real mail (a long Received chain is a few KiB), bounded for hostile mail. */
const MAX_HEADER_BYTES = 1024 * 1024;

const USAGE = `usage: mailroom triage [--json] <path...>

Reads mail and prints one row per message: file, From, Subject, Date (and the columns later packages add).

A <path> can be
  a message file      message.eml (any file that is not an mbox is read as one message)
  an mbox file        archive.mbox, or any file that starts with a "From " line (mboxo/mboxrd, LF or CRLF);
                      rows are named path#1, path#2, ...
  a Maildir           a folder with cur/ and new/; messages in file-name order, Maildir++ sub-folders too
  a folder            walked recursively in name order for *.eml, *.mbox and Maildirs

options
  --json       one JSON object per line: file, path, from, fromName, subject, date (ISO 8601, UTC),
               messageId, defects (codes) and the other columns
  -h, --help   this text

exit codes
  0  every input was read          2  usage error
  3  some inputs could not be read (each one is named on stderr; the others are still triaged)`;

function cellText(column: TriageColumn, value: TriageValue, message: TriageMessage): string {
  if (column.cell) return column.cell(value, message);
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value))
    return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');
  return JSON.stringify(value);
}

function toTriageMessage(source: SourcedMessage): TriageMessage {
  const headers = parseHeaders(source.bytes, { limits: { maxHeaderBytes: MAX_HEADER_BYTES } });
  const defects = new Set<string>(headers.defects.map((d) => d.code));
  if (source.truncated) defects.add('message-truncated');
  return {
    file: source.file,
    path: source.path,
    index: source.index,
    raw: source.bytes,
    headers,
    defects: [...defects],
  };
}

/** Runs every column on one message; a column that throws yields `null` there rather than ending the run. */
function evaluate(
  columns: readonly TriageColumn[],
  message: TriageMessage,
): { values: TriageValue[]; failures: string[] } {
  const failures: string[] = [];
  const values = columns.map((column) => {
    try {
      return column.value(message);
    } catch (error) {
      failures.push(`column ${column.key}: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  });
  return { values, failures };
}

/** What {@link createTriageCommand} can be given; the defaults are what `mailroom triage` uses. */
export interface TriageCommandOptions {
  /** The columns, in order (default {@link TRIAGE_COLUMNS}). */
  readonly columns?: readonly TriageColumn[];
  /** Milliseconds from an arbitrary origin, for the progress line (default `performance.now`). */
  readonly now?: () => number;
}

async function runTriage(args: readonly string[], io: CliIo, options: TriageCommandOptions): Promise<number> {
  let parsed: { values: { json?: boolean | undefined }; positionals: string[] };
  try {
    parsed = parseArgs({
      args: [...args],
      options: { json: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    io.stderr(`mailroom triage: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}\n`);
    return EXIT.usage;
  }
  const paths = parsed.positionals;
  if (paths.length === 0) {
    io.stderr(`mailroom triage: give at least one file, mbox, Maildir or folder\n\n${USAGE}\n`);
    return EXIT.usage;
  }
  const json = parsed.values.json === true;
  const columns = options.columns ?? TRIAGE_COLUMNS;
  const tableColumns = columns.filter((c) => c.title !== undefined);
  const progress = new ProgressLine({
    write: io.stderr,
    enabled: io.stderrIsTTY,
    now: options.now ?? (() => performance.now()),
  });
  const stdout = (text: string): void => {
    progress.clear();
    io.stdout(text);
  };
  const table = json
    ? null
    : new TextTableWriter(
        tableColumns.map((c) => ({
          title: c.title ?? c.key,
          maxWidth: c.maxWidth ?? 40,
          keep: c.keep ?? 'start',
        })),
        stdout,
      );
  let messages = 0;
  let failedInputs = 0;
  for await (const event of readMailSources(paths, io.cwd)) {
    if (event.kind === 'failure') {
      failedInputs++;
      progress.clear();
      io.stderr(`mailroom triage: ${terminalSafe(event.path)}: ${event.reason}\n`);
      continue;
    }
    messages++;
    progress.update(messages, event.file);
    const message = toTriageMessage(event);
    const { values, failures } = evaluate(columns, message);
    const report = (failure: string): void => {
      progress.clear();
      io.stderr(`mailroom triage: ${terminalSafe(message.file)}: ${terminalSafe(failure)}\n`);
    };
    failures.forEach(report);
    if (table === null) {
      // fromEntries defines own properties, so even a column keyed `__proto__` stays data.
      const record = Object.fromEntries(columns.map((column, i) => [column.key, values[i]!]));
      stdout(`${JSON.stringify(record)}\n`);
    } else {
      table.add(
        tableColumns.map((column) => {
          try {
            return cellText(column, values[columns.indexOf(column)]!, message);
          } catch (error) {
            report(`column ${column.key}: ${error instanceof Error ? error.message : String(error)}`);
            return '';
          }
        }),
      );
    }
  }
  progress.done();
  if (table !== null) {
    table.end();
    const inputs = paths.length === 1 ? '1 input' : `${paths.length} inputs`;
    const failed = failedInputs > 0 ? `; ${failedInputs} could not be read (see above)` : '';
    stdout(`\n${messages} ${messages === 1 ? 'message' : 'messages'} from ${inputs}${failed}\n`);
  }
  return failedInputs > 0 ? EXIT.someInputsFailed : EXIT.ok;
}

/**
 * Builds a `mailroom triage` command with other columns or another clock (tests, embedding); `mailroom` itself
 * registers {@link triageCommand}.
 *
 * @example
 * const command = createTriageCommand({ columns: [...TRIAGE_COLUMNS, kindColumn] });
 * await command.run(['--json', 'examples/mail'], io);
 */
export function createTriageCommand(options: TriageCommandOptions = {}): Command {
  return {
    name: 'triage',
    summary:
      'one row per message (file, From, Subject, Date) in .eml files, mbox files, Maildirs and folders',
    usage: USAGE,
    run: (args, io) => runTriage(args, io, options),
  };
}

/** `mailroom triage <path...>`: one row per message in files, mbox files, Maildirs and folders. */
export const triageCommand: Command = createTriageCommand();
