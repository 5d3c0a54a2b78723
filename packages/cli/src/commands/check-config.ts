import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  CONNECTOR_KINDS,
  CONNECTOR_RULES,
  type ConfigProblem,
  type ConnectorKind,
  type ValidationContext,
  validateConnectorConfig,
} from '@mailroom/connector-config';
import { type CliIo, type Command, EXIT } from '../command.js';

const USAGE = `usage: mailroom check-config <file.json>... [--context <context.json>] [--json]

Checks mail-connector configurations before they break mail: the authenticated SMTP connector
(both modes), the Gmail and Exchange connectors, forwarding from your domain, custom outbound SMTP.
Each file holds one JSON object whose "kind" says what it configures:
  ${CONNECTOR_KINDS.join(', ')}

Every problem says its severity, the rule it comes from, where it is (JSON path), what is wrong
and how to fix it.

options:
  --context <file>  JSON with what the helpdesk already has, for the checks that need it:
                    supportAddresses ([{ "address", "channel" }] or strings), userAddresses,
                    systemAddressPatterns, otherEnvironmentAddresses, applyVia ("admin-ui"|"api"),
                    now (epoch ms or ISO date; default: the current time)
  --json            print the results as JSON instead of a list

exit codes: 0 no errors (warnings allowed), 1 errors found, 2 usage error (bad option, file not readable)`;

interface FileResult {
  readonly file: string;
  readonly kind: ConnectorKind | null;
  readonly valid: boolean;
  readonly problems: readonly ConfigProblem[];
  /** Why the file could not be checked at all (not JSON, no known kind). */
  readonly unreadable?: string;
}

function parseArgs(args: readonly string[]): { files: string[]; context?: string; json: boolean } | string {
  const files: string[] = [];
  let context: string | undefined;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--json') json = true;
    else if (a === '--context') {
      const next = args[++i];
      if (next === undefined) return '--context needs a file name';
      context = next;
    } else if (a.startsWith('--context=')) context = a.slice('--context='.length);
    else if (a.startsWith('-') && a !== '-') return `unknown option ${a}`;
    else files.push(a);
  }
  if (files.length === 0) return 'no configuration file given';
  return context === undefined ? { files, json } : { files, context, json };
}

function readContext(path: string, cwd: string): ValidationContext | string {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(resolve(cwd, path), 'utf8'));
  } catch (error) {
    return `cannot read context ${path}: ${(error as Error).message}`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return `context ${path} must be a JSON object`;
  }
  const context = value as Record<string, unknown>;
  const now = context['now'];
  if (typeof now === 'string') {
    const t = Date.parse(now);
    if (!Number.isFinite(t)) return `context ${path}: "now" is not a date: ${now}`;
    return { ...context, now: t } as ValidationContext;
  }
  if (now === undefined) return { ...context, now: Date.now() } as ValidationContext;
  return context as ValidationContext;
}

function checkFile(file: string, cwd: string, context: ValidationContext): FileResult | string {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, file), 'utf8');
  } catch (error) {
    return `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {
      file,
      kind: null,
      valid: false,
      problems: [],
      unreadable: `not valid JSON: ${(error as Error).message}`,
    };
  }
  const result = validateConnectorConfig(value, context);
  if (result.kind === null) {
    return {
      file,
      kind: null,
      valid: false,
      problems: [],
      unreadable: `no known "kind": set "kind" to one of ${CONNECTOR_KINDS.join(', ')}`,
    };
  }
  return { file, kind: result.kind, valid: result.valid, problems: result.problems };
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function printList(result: FileResult, io: CliIo): void {
  if (result.unreadable !== undefined) {
    io.stdout(`${result.file}: cannot be checked: ${result.unreadable}\n`);
    return;
  }
  const errors = result.problems.filter((p) => p.severity === 'error').length;
  const warnings = result.problems.length - errors;
  const summary =
    result.problems.length === 0
      ? 'no problems'
      : `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
  io.stdout(`${result.file}: ${result.kind}: ${summary}\n`);
  const ruleWidth = Math.max(0, ...result.problems.map((p) => p.rule.length));
  for (const p of result.problems) {
    const head = `  ${p.severity.padEnd(7)}  ${p.rule.padEnd(ruleWidth)}  ${p.path}`;
    const indent = ' '.repeat(11 + ruleWidth + 2);
    io.stdout(
      `\n${head}  (${CONNECTOR_RULES[p.rule].title})\n${indent}${p.message}\n${indent}fix: ${p.fix}\n`,
    );
  }
  if (result.problems.length > 0) io.stdout('\n');
}

/** `mailroom check-config`: validates connector configuration files and lists their problems. */
export const checkConfigCommand: Command = {
  name: 'check-config',
  summary: 'check mail-connector configuration files (SMTP, Gmail, Exchange, forwarding, custom SMTP)',
  usage: USAGE,
  async run(args, io) {
    const parsed = parseArgs(args);
    if (typeof parsed === 'string') {
      io.stderr(`mailroom check-config: ${parsed}\n\n${USAGE}\n`);
      return EXIT.usage;
    }
    const context = parsed.context === undefined ? { now: Date.now() } : readContext(parsed.context, io.cwd);
    if (typeof context === 'string') {
      io.stderr(`mailroom check-config: ${context}\n`);
      return EXIT.usage;
    }
    const results: FileResult[] = [];
    for (const file of parsed.files) {
      const r = checkFile(file, io.cwd, context);
      if (typeof r === 'string') {
        io.stderr(`mailroom check-config: ${r}\n`);
        return EXIT.usage;
      }
      results.push(r);
    }
    if (parsed.json) io.stdout(`${JSON.stringify(results.length === 1 ? results[0] : results, null, 2)}\n`);
    else for (const r of results) printList(r, io);
    return results.every((r) => r.valid) ? EXIT.ok : EXIT.findings;
  },
};
