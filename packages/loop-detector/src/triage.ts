import type { Category } from '@mailroom/header-classifier';
import { type HeaderList, messageDate } from '@mailroom/headers';
import { createKeyedStore, type TieredState } from '@mailroom/rate-limiter';
import { compilePolicy } from './compiled.js';
import {
  decideInbound,
  type InboundAction,
  type InboundDecision,
  type InboundInput,
  type Suppression,
} from './inbound.js';
import { ateraPolicy, createPolicy, type LoopPolicy, type PolicyOptions, zendeskPolicy } from './policy.js';
import type { Reason } from './reasons.js';

/** One row of `mailroom triage`. */
export interface TriageVerdict {
  readonly decision: InboundAction;
  readonly reasons: readonly Reason[];
  readonly suppress: Suppression;
  /** The full decision, for `--json`. */
  readonly detail: InboundDecision;
}

/** What a caller may already have computed for a message; the decider then does not compute it again. */
export type TriageComputed = Pick<InboundInput, 'classification' | 'resolution' | 'bodyText'>;

/** Per-message decider with in-memory limiter state (see {@link createTriageDecider}). */
export type TriageDecider = (
  headers: HeaderList,
  raw?: Uint8Array | string,
  nowMs?: number,
  computed?: TriageComputed,
) => TriageVerdict;

/**
 * A decider for `mailroom triage`: call it once per message in file order. It keeps the LOOP-6/LOOP-7 limiter
 * states in a bounded in-memory store between calls, so a mailbox with a loop in it shows the 21st message
 * suspended and the 41st rejected. The clock is each message's `Date` (or `nowMs` when given); a message without
 * a usable date takes the latest time seen, so time never runs backwards.
 *
 * @rule LOOP-6, LOOP-7
 * @example
 * const decide = createTriageDecider(zendeskPolicy({ subdomain: 'acme' }));
 * for (const raw of messages) console.log(decide(parseHeaders(raw), raw).decision);
 */
export function createTriageDecider(policy: LoopPolicy): TriageDecider {
  const compiled = compilePolicy(policy);
  const idleMs = Math.max(compiled.senderLimiter.idleMs, compiled.fingerprintLimiter?.idleMs ?? 0);
  const store = createKeyedStore<TieredState>({ maxKeys: 100_000, idleMs });
  let latest = 0;
  return (headers, raw, nowMs, computed = {}) => {
    const dated = nowMs ?? messageDate(headers);
    const now =
      dated === null || dated === undefined || !Number.isFinite(dated) ? latest : Math.max(dated, latest);
    latest = now;
    // The headers are parsed already: read the body from `raw` at their offset instead of parsing `raw` again.
    const offset = headers.bodyOffset;
    const body =
      raw === undefined || offset === null
        ? undefined
        : typeof raw === 'string'
          ? raw.slice(offset)
          : raw.subarray(offset);
    const decision = decideInbound(
      {
        headers,
        ...(body === undefined ? {} : { body }),
        ...computed,
        nowMs: now,
        limitState: (key: string) => store.get(key, now),
      },
      policy,
    );
    for (const u of decision.limitUpdates) store.set(u.key, u.state, now);
    return {
      decision: decision.action,
      reasons: decision.reasons,
      suppress: decision.suppress,
      detail: decision,
    };
  };
}

/** A problem in a policy file given to {@link loadPolicy}. */
export interface PolicyProblem {
  readonly path: string;
  readonly message: string;
}

/** The result of {@link loadPolicy}. */
export type LoadPolicyResult =
  | { readonly ok: true; readonly policy: LoopPolicy; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly problems: readonly PolicyProblem[] };

const STRING_LISTS = [
  'supportAddresses',
  'systemAddresses',
  'partnerAddresses',
  'agentAddresses',
  'allowlist',
  'suspendCategories',
  'suppressCategories',
] as const;
const STRINGS = [
  'name',
  'defaultSender',
  'messageIdDomain',
  'instanceId',
  'subdomain',
  'accountId',
  'company',
  'markerKey',
  'authentication',
  'replyToPolicy',
] as const;
const NUMBERS = ['autoReplyPeriodMs', 'initialImportLimit'] as const;
const TIERED = ['inboundLimit', 'fingerprintLimit'] as const;
const KNOWN = new Set<string>([
  'preset',
  'outboundAutoReplyLimits',
  ...STRING_LISTS,
  ...STRINGS,
  ...NUMBERS,
  ...TIERED,
]);

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function tieredProblems(v: unknown, path: string, problems: PolicyProblem[]): void {
  if (v === null && path === 'fingerprintLimit') return;
  if (!isRecord(v)) {
    problems.push({ path, message: 'expected { windowMs, tiers: [{ upTo, outcome }], beyond }' });
    return;
  }
  if (!Number.isInteger(v['windowMs']) || (v['windowMs'] as number) <= 0)
    problems.push({ path: `${path}.windowMs`, message: 'expected a positive integer (ms)' });
  if (!Array.isArray(v['tiers']) || v['tiers'].length === 0) {
    problems.push({ path: `${path}.tiers`, message: 'expected a non-empty array' });
  } else {
    v['tiers'].forEach((t: unknown, i: number) => {
      if (
        !isRecord(t) ||
        !Number.isInteger(t['upTo']) ||
        !['accept', 'suspend', 'reject'].includes(t['outcome'] as string)
      ) {
        problems.push({
          path: `${path}.tiers[${i}]`,
          message: "expected { upTo: integer, outcome: 'accept' | 'suspend' | 'reject' }",
        });
      }
    });
  }
  if (!['accept', 'suspend', 'reject'].includes(v['beyond'] as string))
    problems.push({ path: `${path}.beyond`, message: "expected 'accept', 'suspend' or 'reject'" });
}

/**
 * Loads a policy for `--policy zendesk|atera|mailroom|file.json`: a preset name, or the parsed JSON of a policy
 * file `{ "preset": "zendesk", "subdomain": "acme", "inboundLimit": { ... }, ... }` (every field of
 * {@link PolicyOptions}; `markerKey` as text, or hex after `hex:`). Returns problems with JSON paths instead of
 * throwing (the file is user input).
 *
 * @rule LOOP-6, OUT-1
 * @example
 * const r = loadPolicy(JSON.parse(readFileSync('policy.json', 'utf8')));
 * if (!r.ok) for (const p of r.problems) console.error(`${p.path}: ${p.message}`);
 */
export function loadPolicy(source: string | unknown): LoadPolicyResult {
  const warnings: string[] = [];
  const spec: Record<string, unknown> | null =
    typeof source === 'string' ? { preset: source } : isRecord(source) ? source : null;
  if (spec === null)
    return { ok: false, problems: [{ path: '', message: 'expected a preset name or a JSON object' }] };
  const problems: PolicyProblem[] = [];
  for (const key of Object.keys(spec))
    if (!KNOWN.has(key)) problems.push({ path: key, message: 'unknown field' });
  const preset = spec['preset'] ?? 'mailroom';
  if (!['mailroom', 'zendesk', 'atera'].includes(preset as string))
    problems.push({ path: 'preset', message: "expected 'mailroom', 'zendesk' or 'atera'" });
  for (const key of STRING_LISTS) {
    const v = spec[key];
    if (v !== undefined && (!Array.isArray(v) || v.some((x) => typeof x !== 'string')))
      problems.push({ path: key, message: 'expected an array of strings' });
  }
  for (const key of STRINGS)
    if (spec[key] !== undefined && typeof spec[key] !== 'string')
      problems.push({ path: key, message: 'expected a string' });
  for (const key of NUMBERS)
    if (spec[key] !== undefined && (typeof spec[key] !== 'number' || !Number.isFinite(spec[key])))
      problems.push({ path: key, message: 'expected a number' });
  for (const key of TIERED) if (spec[key] !== undefined) tieredProblems(spec[key], key, problems);
  const out = spec['outboundAutoReplyLimits'];
  if (
    out !== undefined &&
    (!Array.isArray(out) ||
      out.some((w) => !isRecord(w) || !Number.isInteger(w['windowMs']) || !Number.isInteger(w['limit'])))
  ) {
    problems.push({
      path: 'outboundAutoReplyLimits',
      message: 'expected [{ windowMs: integer, limit: integer }, ...]',
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  const { preset: _p, markerKey, suspendCategories, suppressCategories, ...rest } = spec;
  const options: Record<string, unknown> = { ...rest };
  if (typeof markerKey === 'string') {
    if (markerKey.startsWith('hex:')) {
      const hex = markerKey.slice(4);
      if (!/^(?:[0-9a-fA-F]{2})+$/.test(hex))
        return {
          ok: false,
          problems: [{ path: 'markerKey', message: 'hex: must be followed by an even number of hex digits' }],
        };
      options['markerKey'] = Uint8Array.from(hex.match(/../g) ?? [], (h) => Number.parseInt(h, 16));
    } else {
      options['markerKey'] = markerKey;
    }
  }
  if (suspendCategories !== undefined) options['suspendCategories'] = suspendCategories as Category[];
  if (suppressCategories !== undefined) options['suppressCategories'] = suppressCategories as Category[];
  try {
    let policy: LoopPolicy;
    if (preset === 'zendesk') {
      if (options['subdomain'] === undefined) {
        warnings.push('no subdomain given: the Zendesk system addresses are taken as *@example.zendesk.com');
        options['subdomain'] = 'example';
      }
      policy = zendeskPolicy(options as unknown as Parameters<typeof zendeskPolicy>[0]);
    } else if (preset === 'atera') {
      if (options['company'] === undefined) {
        warnings.push(
          'no company given: the Atera ingestion address is taken as example@ticketing.atera.com',
        );
        options['company'] = 'example';
      }
      policy = ateraPolicy(options as unknown as Parameters<typeof ateraPolicy>[0]);
    } else {
      policy = createPolicy(options as PolicyOptions);
    }
    if (policy.markerKey === null)
      warnings.push('no markerKey: own outbound mail is recognised by address only (LOOP-4)');
    compilePolicy(policy);
    return { ok: true, policy, warnings };
  } catch (error) {
    return {
      ok: false,
      problems: [{ path: '', message: error instanceof Error ? error.message : String(error) }],
    };
  }
}
