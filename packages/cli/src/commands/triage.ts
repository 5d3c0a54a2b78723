import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseHeaders } from '@mailroom/headers';
import { loadPolicy } from '@mailroom/loop-detector';
import { resolverContextFromCli } from '@mailroom/requester-resolver';
import { type CliIo, type Command, EXIT } from '../command.js';
import { readMailSources, type SourcedMessage } from '../mail-sources.js';
import { ProgressLine } from '../progress.js';
import { TextTableWriter, terminalSafe } from '../text-table.js';
import { analysisColumns, type TriageSetup } from '../triage-analysis.js';
import {
  TRIAGE_COLUMNS,
  type TriageColumn,
  type TriageMessage,
  type TriageValue,
} from '../triage-columns.js';

/** Header bytes read per message: far above real mail (a long Received chain is a few KiB), bounded for hostile mail. */
const MAX_HEADER_BYTES = 1024 * 1024;

const USAGE = `usage: mailroom triage [options] <path...>

Reads mail and prints one row per message: file, From, Subject, Date, what kind of mail it is, who the requester
is, and whether the helpdesk would accept, suspend or reject it (with the rules that decided).

A <path> can be
  a message file      message.eml (any file that is not an mbox is read as one message)
  an mbox file        archive.mbox, or any file that starts with a "From " line (mboxo/mboxrd, LF or CRLF);
                      rows are named path#1, path#2, ...
  a Maildir           a folder with cur/ and new/; messages in file-name order, Maildir++ sub-folders too
  a folder            walked recursively in name order for *.eml, *.mbox and Maildirs

options
  --json                     one JSON object per line: file, path, from, fromName, subject, date (ISO 8601,
                             UTC), messageId, defects, kind, categories, automated, helpdesk,
                             suppressAutoReply, evidence, requester, recipient, ccs, warnings, decision,
                             reasons, suppress
  --support-address <addr>   one of the helpdesk's support addresses (repeatable)
  --agent-address <addr>     an agent's address or pattern such as *@acme.example (repeatable)
  --context <file.json>      the requester resolver's context (support addresses with aliases, system,
                             partner and agent addresses, replyToPolicy)
  --policy <name|file.json>  the loop policy: mailroom (default), zendesk, atera, or a policy file
                             ({ "preset": "zendesk", "subdomain": "acme", ... }). Rate limits are kept across
                             the messages of one run, in file order (date order within a mailbox)
  -h, --help                 this text

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
  /** The columns, in order (default {@link TRIAGE_COLUMNS} and the analysis columns built from the options). */
  readonly columns?: readonly TriageColumn[];
  /** Milliseconds from an arbitrary origin, for the progress line (default `performance.now`). */
  readonly now?: () => number;
}

interface TriageFlags {
  json?: boolean | undefined;
  'support-address'?: string[] | undefined;
  'agent-address'?: string[] | undefined;
  context?: string | undefined;
  policy?: string | undefined;
}

async function readJson(
  file: string,
  cwd: string,
): Promise<{ ok: true; value: unknown } | { ok: false; error: string }> {
  try {
    return { ok: true, value: JSON.parse(await readFile(resolve(cwd, file), 'utf8')) as unknown };
  } catch (error) {
    return { ok: false, error: `${file}: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** Builds the resolver context and the loop policy from the options; problems are usage errors. */
async function triageSetup(
  flags: TriageFlags,
  cwd: string,
): Promise<{ setup: TriageSetup } | { problems: string[] }> {
  const problems: string[] = [];
  let contextJson: unknown;
  if (flags.context !== undefined) {
    const read = await readJson(flags.context, cwd);
    if (read.ok) contextJson = read.value;
    else problems.push(`--context ${read.error}`);
  }
  const supportAddresses = flags['support-address'] ?? [];
  const agentAddresses = flags['agent-address'] ?? [];
  const resolver = resolverContextFromCli({
    ...(contextJson === undefined ? {} : { contextJson }),
    supportAddresses,
    agentAddresses,
  });
  for (const p of resolver.problems) problems.push(`${p.path}: ${p.message}`);
  let spec: unknown = flags.policy ?? 'mailroom';
  if (flags.policy?.endsWith('.json')) {
    const read = await readJson(flags.policy, cwd);
    if (read.ok) spec = read.value;
    else problems.push(`--policy ${read.error}`);
  }
  // The addresses given on the command line are the helpdesk's own for the loop policy too.
  const base: Record<string, unknown> =
    typeof spec === 'string'
      ? { preset: spec }
      : spec !== null && typeof spec === 'object'
        ? { ...spec }
        : {};
  const withAddresses = (key: string, extra: readonly string[]): void => {
    if (extra.length === 0) return;
    const current = base[key];
    base[key] = [...(Array.isArray(current) ? current : []), ...extra];
  };
  withAddresses('supportAddresses', supportAddresses);
  withAddresses('agentAddresses', agentAddresses);
  const loaded = loadPolicy(
    typeof spec === 'string' || (spec !== null && typeof spec === 'object') ? base : spec,
  );
  if (!loaded.ok) {
    for (const p of loaded.problems)
      problems.push(`--policy ${p.path === '' ? '' : `${p.path}: `}${p.message}`);
  }
  if (problems.length > 0 || !loaded.ok) return { problems };
  return { setup: { resolverContext: resolver.context, policy: loaded.policy } };
}

async function runTriage(args: readonly string[], io: CliIo, options: TriageCommandOptions): Promise<number> {
  let parsed: { values: TriageFlags; positionals: string[] };
  try {
    parsed = parseArgs({
      args: [...args],
      options: {
        json: { type: 'boolean' },
        'support-address': { type: 'string', multiple: true },
        'agent-address': { type: 'string', multiple: true },
        context: { type: 'string' },
        policy: { type: 'string' },
      },
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
  let columns = options.columns;
  if (columns === undefined) {
    const built = await triageSetup(parsed.values, io.cwd);
    if ('problems' in built) {
      for (const problem of built.problems) io.stderr(`mailroom triage: ${terminalSafe(problem)}\n`);
      return EXIT.usage;
    }
    columns = [...TRIAGE_COLUMNS, ...analysisColumns(built.setup)];
  }
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
      'one row per message (From, Subject, kind, requester, decision) in .eml, mbox, Maildir and folders',
    usage: USAGE,
    run: (args, io) => runTriage(args, io, options),
  };
}

/** `mailroom triage <path...>`: one row per message in files, mbox files, Maildirs and folders. */
export const triageCommand: Command = createTriageCommand();
