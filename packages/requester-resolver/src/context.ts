import { addressKey } from '@mailroom/headers';
import { addressPatternProblem, MAX_PATTERNS } from './address-patterns.js';
import { DEFAULT_RESOLVER_LIMITS } from './limits.js';
import type {
  AddressPattern,
  BounceRequesterMode,
  ReplyToPolicy,
  ResolverContext,
  ResolverContextProblem,
  ResolverLimits,
  SmtpEnvelope,
  SupportAddressInput,
} from './types.js';

const KNOWN_KEYS = new Set([
  'supportAddresses',
  'systemAddresses',
  'partnerAddresses',
  'agentAddresses',
  'replyToPolicy',
  'bodyText',
  'envelope',
  'bounceRequester',
  'reportText',
  'limits',
]);

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function patterns(value: unknown, path: string, problems: ResolverContextProblem[]): AddressPattern[] {
  if (!Array.isArray(value)) {
    problems.push({ path, message: 'must be an array of address patterns' });
    return [];
  }
  const out: AddressPattern[] = [];
  value.slice(0, MAX_PATTERNS).forEach((p, i) => {
    const problem = typeof p === 'string' ? addressPatternProblem(p) : 'must be a string';
    if (problem === null) out.push(p as string);
    else problems.push({ path: `${path}[${i}]`, message: problem });
  });
  if (value.length > MAX_PATTERNS)
    problems.push({ path, message: `at most ${MAX_PATTERNS} entries; the rest ignored` });
  return out;
}

function supportAddresses(value: unknown, problems: ResolverContextProblem[]): SupportAddressInput[] {
  if (!Array.isArray(value)) {
    problems.push({
      path: 'supportAddresses',
      message: 'must be an array of addresses or { address, aliases }',
    });
    return [];
  }
  const out: SupportAddressInput[] = [];
  value.slice(0, MAX_PATTERNS).forEach((entry, i) => {
    const path = `supportAddresses[${i}]`;
    if (typeof entry === 'string') {
      if (addressKey(entry) === null) problems.push({ path, message: 'is not a valid address' });
      else out.push(entry);
      return;
    }
    if (!isRecord(entry) || typeof entry['address'] !== 'string') {
      problems.push({
        path,
        message: 'must be an address string or { address: string, aliases?: string[] }',
      });
      return;
    }
    const address = entry['address'];
    if (addressKey(address) === null) {
      problems.push({ path: `${path}.address`, message: 'is not a valid address' });
      return;
    }
    const aliases: string[] = [];
    const rawAliases = entry['aliases'];
    if (rawAliases !== undefined) {
      if (!Array.isArray(rawAliases))
        problems.push({ path: `${path}.aliases`, message: 'must be an array of addresses' });
      else
        rawAliases.slice(0, MAX_PATTERNS).forEach((a, j) => {
          if (typeof a === 'string' && addressKey(a) !== null) aliases.push(a);
          else problems.push({ path: `${path}.aliases[${j}]`, message: 'is not a valid address' });
        });
    }
    for (const k of Object.keys(entry)) {
      if (k !== 'address' && k !== 'aliases')
        problems.push({ path: `${path}.${k}`, message: 'unknown key (ignored)' });
    }
    out.push(aliases.length > 0 ? { address, aliases } : { address });
  });
  return out;
}

function oneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  path: string,
  problems: ResolverContextProblem[],
): T | undefined {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  problems.push({ path, message: `must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}` });
  return undefined;
}

function envelope(value: unknown, problems: ResolverContextProblem[]): SmtpEnvelope | undefined {
  if (!isRecord(value)) {
    problems.push({
      path: 'envelope',
      message: 'must be an object { mailFrom?: string, rcptTo?: string[] }',
    });
    return undefined;
  }
  const out: Mutable<SmtpEnvelope> = {};
  if (value['mailFrom'] !== undefined) {
    if (typeof value['mailFrom'] === 'string') out.mailFrom = value['mailFrom'];
    else problems.push({ path: 'envelope.mailFrom', message: 'must be a string' });
  }
  const rcpt = value['rcptTo'];
  if (rcpt !== undefined) {
    if (Array.isArray(rcpt) && rcpt.every((r) => typeof r === 'string'))
      out.rcptTo = rcpt.slice(0, 1000) as string[];
    else problems.push({ path: 'envelope.rcptTo', message: 'must be an array of strings' });
  }
  return out;
}

function limits(value: unknown, problems: ResolverContextProblem[]): Partial<ResolverLimits> | undefined {
  if (!isRecord(value)) {
    problems.push({ path: 'limits', message: 'must be an object of positive integers' });
    return undefined;
  }
  const out: Partial<Mutable<ResolverLimits>> = {};
  for (const [k, v] of Object.entries(value)) {
    if (!(k in DEFAULT_RESOLVER_LIMITS)) {
      problems.push({
        path: `limits.${k}`,
        message: `unknown limit; known: ${Object.keys(DEFAULT_RESOLVER_LIMITS).join(', ')}`,
      });
    } else if (typeof v === 'number' && Number.isInteger(v) && v >= 1) {
      out[k as keyof ResolverLimits] = v;
    } else problems.push({ path: `limits.${k}`, message: 'must be a positive integer' });
  }
  return out;
}

/**
 * Validates a JSON value (the content of a `--context file.json`, or CLI flags gathered into an object such as
 * `{ supportAddresses: [...], agentAddresses: [...] }`) into a {@link ResolverContext}. Keeps every valid part,
 * drops the rest and lists each problem with its JSON path; never throws. The result is safe to pass to
 * `resolveRequester` / `createRequesterResolver` (which throw on a malformed context).
 *
 * @example
 * const { context, problems } = parseResolverContext({
 *   supportAddresses: [{ address: 'help@acme.example', aliases: ['support@acme.example'] }],
 *   systemAddresses: ['*@*.zendesk.com'],
 *   replyToPolicy: 'from-only',
 * });
 * problems; // []
 */
export function parseResolverContext(json: unknown): {
  context: ResolverContext;
  problems: ResolverContextProblem[];
} {
  const problems: ResolverContextProblem[] = [];
  const context: Mutable<ResolverContext> = {};
  if (!isRecord(json)) {
    problems.push({ path: '', message: 'the context must be a JSON object' });
    return { context, problems };
  }
  for (const key of Object.keys(json)) {
    if (!KNOWN_KEYS.has(key)) problems.push({ path: key, message: 'unknown key (ignored)' });
  }
  if (json['supportAddresses'] !== undefined)
    context.supportAddresses = supportAddresses(json['supportAddresses'], problems);
  for (const key of ['systemAddresses', 'partnerAddresses', 'agentAddresses'] as const) {
    if (json[key] !== undefined) context[key] = patterns(json[key], key, problems);
  }
  if (json['replyToPolicy'] !== undefined) {
    const p = oneOf<ReplyToPolicy>(
      json['replyToPolicy'],
      ['reply-to-first', 'from-only', 'reply-to-if-same-domain'],
      'replyToPolicy',
      problems,
    );
    if (p !== undefined) context.replyToPolicy = p;
  }
  if (json['bounceRequester'] !== undefined) {
    const b = oneOf<BounceRequesterMode>(
      json['bounceRequester'],
      ['sender', 'final-recipient'],
      'bounceRequester',
      problems,
    );
    if (b !== undefined) context.bounceRequester = b;
  }
  for (const key of ['bodyText', 'reportText'] as const) {
    const v = json[key];
    if (v === undefined) continue;
    if (typeof v === 'string') context[key] = v;
    else problems.push({ path: key, message: 'must be a string' });
  }
  if (json['envelope'] !== undefined) {
    const e = envelope(json['envelope'], problems);
    if (e !== undefined) context.envelope = e;
  }
  if (json['limits'] !== undefined) {
    const l = limits(json['limits'], problems);
    if (l !== undefined) context.limits = l;
  }
  return { context, problems };
}

/** What `mailroom triage` (or any CLI) gathered: a parsed `--context file.json` and the repeatable flags. */
export interface ResolverCliInput {
  /** The parsed JSON of `--context file.json`, when given. */
  readonly contextJson?: unknown;
  /** Every `--support-address` value, in order. */
  readonly supportAddresses?: readonly string[];
  /** Every `--agent-address` value (address or pattern), in order. */
  readonly agentAddresses?: readonly string[];
}

/**
 * Builds the resolver context of a command line: the `--context` file's JSON, with the `--support-address` and
 * `--agent-address` flags appended to its lists, validated by {@link parseResolverContext}. Problems of flags name
 * the flag (`--support-address[1]`); problems of the file keep their JSON path. Never throws.
 *
 * @example
 * const { context, problems } = resolverContextFromCli({
 *   contextJson: JSON.parse(readFileSync(file, 'utf8')),
 *   supportAddresses: ['help@acme.example'],
 *   agentAddresses: ['*@acme.example'],
 * });
 * for (const p of problems) io.stderr(`${p.path}: ${p.message}\n`);
 */
export function resolverContextFromCli(input: ResolverCliInput): {
  context: ResolverContext;
  problems: ResolverContextProblem[];
} {
  const file = input.contextJson === undefined ? {} : input.contextJson;
  const fromFile = parseResolverContext(file);
  const problems = fromFile.problems.map((p) => ({
    path: p.path === '' ? '--context' : p.path,
    message: p.message,
  }));
  const flags = parseResolverContext({
    supportAddresses: [...(input.supportAddresses ?? [])],
    agentAddresses: [...(input.agentAddresses ?? [])],
  });
  for (const p of flags.problems) {
    problems.push({
      path: p.path
        .replace(/^supportAddresses(?=\[)/, '--support-address')
        .replace(/^agentAddresses(?=\[)/, '--agent-address'),
      message: p.message,
    });
  }
  const context: Mutable<ResolverContext> = { ...fromFile.context };
  if ((flags.context.supportAddresses ?? []).length > 0) {
    context.supportAddresses = [
      ...(fromFile.context.supportAddresses ?? []),
      ...(flags.context.supportAddresses ?? []),
    ];
  }
  if ((flags.context.agentAddresses ?? []).length > 0) {
    context.agentAddresses = [
      ...(fromFile.context.agentAddresses ?? []),
      ...(flags.context.agentAddresses ?? []),
    ];
  }
  return { context, problems };
}
