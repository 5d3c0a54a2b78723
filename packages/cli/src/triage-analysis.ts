import { type Classification, classifyMessage, summarizeKind } from '@mailroom/header-classifier';
import { attachedMessages, textBody } from '@mailroom/headers';
import { createTriageDecider, type LoopPolicy, type TriageVerdict } from '@mailroom/loop-detector';
import {
  createRequesterResolver,
  type RequesterResolution,
  type ResolverContext,
  resolutionColumns,
} from '@mailroom/requester-resolver';
import type { TriageColumn, TriageMessage, TriageRecord, TriageValue } from './triage-columns.js';

/** What the analysis columns need, built once per `mailroom triage` run from its options. */
export interface TriageSetup {
  /** The requester resolver's context (`--context`, `--support-address`, `--agent-address`). */
  readonly resolverContext: ResolverContext;
  /** The loop policy (`--policy`, plus the addresses given on the command line). */
  readonly policy: LoopPolicy;
}

/** A per-message memo: every column of a row reads the same classification, resolution and verdict. */
function memo<T>(compute: (m: TriageMessage) => T): (m: TriageMessage) => T {
  const cache = new WeakMap<TriageMessage, T>();
  return (m) => {
    if (cache.has(m)) return cache.get(m) as T;
    const value = compute(m);
    cache.set(m, value);
    return value;
  };
}

const json = (value: unknown): TriageValue => JSON.parse(JSON.stringify(value)) as TriageValue;

/**
 * The columns that say what each message is and what to do with it: `kind` (header-classifier), `requester`,
 * `recipient`, `ccs`, `warnings` (requester-resolver) and `decision`, `reasons`, `suppress` (loop-detector).
 * The loop decider keeps rate-limit state across the messages of one run, in file order, so each run of
 * `mailroom triage` gets fresh columns from this function.
 */
export function analysisColumns(setup: TriageSetup): TriageColumn[] {
  const { policy, resolverContext } = setup;
  // One classification and one resolution per message, shared by the columns and the loop decision: classified
  // with the policy's allowlist and signatures, resolved against the policy's addresses and the command line's
  // (aliases from --context included), exactly what the decision would otherwise compute again on its own.
  const classify = memo((m): Classification => {
    const body = m.raw.subarray(m.headers.bodyOffset ?? m.raw.length);
    return classifyMessage(m.headers, {
      body,
      allowlist: policy.allowlist,
      extraSignatures: policy.extraSignatures,
    });
  });
  const resolver = createRequesterResolver({
    ...resolverContext,
    supportAddresses: [...policy.supportAddresses, ...(resolverContext.supportAddresses ?? [])],
    systemAddresses: [...policy.systemAddresses, ...(resolverContext.systemAddresses ?? [])],
    partnerAddresses: [...policy.partnerAddresses, ...(resolverContext.partnerAddresses ?? [])],
    agentAddresses: [...policy.agentAddresses, ...(resolverContext.agentAddresses ?? [])],
    replyToPolicy: resolverContext.replyToPolicy ?? policy.replyToPolicy,
  });
  const text = memo((m): string => textBody(m.raw, m.headers));
  // Forwards sent as attachments (message/rfc822): the resolver reads the original's header block.
  const resolve = memo(
    (m): RequesterResolution =>
      resolver(m.headers, {
        bodyText: text(m),
        attachedMessages: attachedMessages(m.raw, m.headers).map((a) => a.headers),
      }),
  );
  const decide = createTriageDecider(policy);
  const verdict = memo(
    (m): TriageVerdict =>
      decide(m.headers, m.raw, undefined, {
        classification: classify(m),
        resolution: resolve(m),
        bodyText: text(m),
      }),
  );
  return [
    { key: 'kind', title: 'Kind', maxWidth: 15, value: (m) => summarizeKind(classify(m)) },
    { key: 'categories', value: (m) => [...classify(m).categories] },
    { key: 'automated', value: (m) => classify(m).automated },
    { key: 'helpdesk', value: (m) => json(classify(m).helpdesk ?? null) },
    { key: 'suppressAutoReply', value: (m) => classify(m).suppressAutoReply },
    { key: 'evidence', value: (m) => json(classify(m).evidence) },
    {
      key: 'requester',
      title: 'Requester',
      maxWidth: 32,
      value: (m) => json(resolve(m).requester),
      cell: (_v, m) => resolutionColumns(resolve(m)).requester,
    },
    { key: 'recipient', value: (m) => resolve(m).recipient?.address ?? null },
    { key: 'ccs', value: (m) => resolve(m).ccs.map((c) => c.address) },
    { key: 'warnings', value: (m) => json(resolve(m).warnings) },
    { key: 'decision', title: 'Decision', maxWidth: 8, value: (m) => verdict(m).decision },
    {
      key: 'reasons',
      title: 'Reasons',
      maxWidth: 44,
      value: (m) => json(verdict(m).reasons),
      cell: (v) =>
        Array.isArray(v)
          ? v.map((r) => `${(r as TriageRecord)['code']} (${(r as TriageRecord)['rule']})`).join(', ')
          : '',
    },
    { key: 'suppress', value: (m) => json(verdict(m).suppress) },
  ];
}
