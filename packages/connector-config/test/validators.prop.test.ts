import { fc, test } from '@fast-check/vitest';
import {
  CONNECTOR_KINDS,
  CONNECTOR_VALIDATORS,
  type ConnectorKind,
  createIpAllowlist,
  diagnoseSmtpReply,
  isConnectorRuleId,
  type MailboxMessageSummary,
  planMailboxImport,
  type ValidationContext,
  type ValidationResult,
  validateConnectorConfig,
  WARNING_ONLY_FIELDS,
} from '@mailroom/connector-config';
import { describe, expect, it } from 'vitest';
import { mutated, VALID_CONFIGS } from './support/arbitraries.js';
import { type Json, RULES_AVAILABLE, SPEC_RULE_IDS } from './support/configs.js';

const anyKind = fc.oneof(...Object.values(VALID_CONFIGS));
const kindedJunk = fc
  .tuple(
    fc.constantFrom(...CONNECTOR_KINDS),
    fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue(), { maxKeys: 6 }),
  )
  .map(([kind, rest]) => ({ ...rest, kind }));
const inputs = fc.oneof(fc.jsonValue(), kindedJunk, mutated(anyKind));
const contexts: fc.Arbitrary<ValidationContext | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue() as fc.Arbitrary<ValidationContext>,
  fc.record(
    {
      userAddresses: fc.array(fc.constantFrom('support@contoso.com', 'jane@fabrikam.com', 'x'), {
        maxLength: 3,
      }),
      supportAddresses: fc.array(
        fc.oneof(
          fc.constantFrom('help@fabrikam.com'),
          fc.record({
            address: fc.constantFrom('support@contoso.com'),
            channel: fc.constantFrom('forwarding', 'smtp-connector'),
          }),
        ),
        { maxLength: 3 },
      ),
      otherEnvironmentAddresses: fc.array(fc.constantFrom('support@contoso.com'), { maxLength: 1 }),
      applyVia: fc.constantFrom('admin-ui', 'api'),
      now: fc.integer({ min: 0, max: 4_000_000_000_000 }),
      limits: fc.jsonValue(),
      sendingNetworks: fc.oneof(fc.jsonValue(), fc.record({ wide: fc.jsonValue(), narrow: fc.jsonValue() })),
    },
    { requiredKeys: [] },
  ) as fc.Arbitrary<ValidationContext>,
);

function allValidators(value: unknown, context: ValidationContext | undefined): ValidationResult[] {
  return [
    ...CONNECTOR_KINDS.map((kind) => CONNECTOR_VALIDATORS[kind](value, context)),
    validateConnectorConfig(value, context),
  ];
}

/** Parent of a problem path, walked in the input: problems must point into what the admin wrote. */
function parentExists(input: unknown, path: string): boolean {
  const token = /\.([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/y;
  const segments: (string | number)[] = [];
  token.lastIndex = 1;
  while (token.lastIndex < path.length) {
    const m = token.exec(path);
    if (m === null) return false;
    segments.push(m[1] ?? (m[2] !== undefined ? Number(m[2]) : (JSON.parse(m[3]!) as string)));
  }
  let value: unknown = input;
  for (const s of segments.slice(0, -1)) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, s)) return false;
    value = (value as Record<string | number, unknown>)[s];
  }
  return path.startsWith('$');
}

describe('validators on arbitrary input', () => {
  test.prop([inputs, contexts], { numRuns: 300 })(
    'never throw, and answer within a bounded time',
    (value, context) => {
      const started = performance.now();
      for (const r of allValidators(value, context)) expect(typeof r.valid).toBe('boolean');
      expect(performance.now() - started).toBeLessThan(2000);
    },
  );

  test.prop([inputs, contexts], { numRuns: 300 })(
    'every problem cites a rule id of the table that exists in RULES.md, and points into the input',
    (value, context) => {
      for (const r of allValidators(value, context)) {
        // validateConnectorConfig on a value with no known kind: not valid, and no rule to cite.
        const unrecognised = 'kind' in r && r.kind === null;
        expect(r.valid).toBe(!unrecognised && !r.problems.some((p) => p.severity === 'error'));
        for (const p of r.problems) {
          expect(isConnectorRuleId(p.rule)).toBe(true);
          if (RULES_AVAILABLE) expect(SPEC_RULE_IDS.has(p.rule)).toBe(true);
          expect(parentExists(value, p.path)).toBe(true);
          expect(p.message.length).toBeGreaterThan(0);
          expect(p.fix.length).toBeGreaterThan(0);
        }
      }
    },
  );

  it('regression (fast-check counterexample): a value with no kind is not valid and cites no rule', () => {
    expect(validateConnectorConfig(0)).toEqual({ kind: null, valid: false, problems: [] });
    expect(validateConnectorConfig({ kind: 'smtp' })).toEqual({ kind: null, valid: false, problems: [] });
  });

  it('refuses huge and deeply nested input quickly, as a problem', () => {
    const huge = {
      kind: 'custom-smtp',
      allowlistedNetworks: Array.from({ length: 200_000 }, () => '10.0.0.1'),
    };
    const started = performance.now();
    expect(validateConnectorConfig(huge).problems).toMatchObject([{ rule: 'CSMTP-1', path: '$' }]);
    let deep: Json = 'x';
    for (let i = 0; i < 5000; i++) deep = { kind: 'forwarding', hops: [deep] };
    expect(validateConnectorConfig(deep).valid).toBe(false);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  test.prop([fc.string({ unit: 'binary', maxLength: 5000 })], { numRuns: 200 })(
    'diagnoseSmtpReply never throws and only cites known rules',
    (text) => {
      for (const m of diagnoseSmtpReply(text).matches) expect(isConnectorRuleId(m.rule)).toBe(true);
    },
  );

  test.prop([fc.array(fc.string({ maxLength: 50 }), { maxLength: 20 }), fc.string({ maxLength: 50 })], {
    numRuns: 200,
  })('createIpAllowlist never throws; every entry is accepted or rejected', (entries, ip) => {
    const list = createIpAllowlist(entries);
    expect(list.entries.length + list.rejected.length).toBe(entries.length);
    expect(typeof list.contains(ip)).toBe('boolean');
  });

  test.prop(
    [
      fc.array(fc.jsonValue(), { maxLength: 30 }),
      fc.constantFrom('gmail', 'exchange'),
      fc.constantFrom('connect', 'poll'),
      fc.boolean(),
    ],
    { numRuns: 200 },
  )(
    'planMailboxImport never throws on malformed summaries and never plans one message twice',
    (mailbox, connector, phase, importRecent) => {
      const plan = planMailboxImport(mailbox as unknown as MailboxMessageSummary[], {
        connector: connector as 'gmail' | 'exchange',
        phase: phase as 'connect' | 'poll',
        importRecent,
        alreadyImported: [],
      });
      expect(plan.import.length + plan.skipped.length).toBe(mailbox.length);
      expect(new Set(plan.import.map((m) => m.id)).size).toBe(plan.import.length);
    },
  );
});

// One value generator per warnings-only field; the table must cover WARNING_ONLY_FIELDS exactly.
const WARNING_VALUES: Readonly<
  Record<ConnectorKind, Readonly<Record<string, fc.Arbitrary<Json | undefined>>>>
> = {
  'smtp-connector': {
    'customerServer.greylisting': fc.option(fc.boolean(), { nil: undefined }),
    'customerServer.helpdeskIpsAllowlisted': fc.option(fc.boolean(), { nil: undefined }),
    'domains.*.addresses.*.type': fc.constantFrom('mailbox', 'shared-mailbox', 'alias', 'distribution-group'),
    'domains.*.addresses.*.brand': fc.option(fc.constantFrom('Contoso', 'Fabrikam', 'Northwind'), {
      nil: undefined,
    }),
    'domains.*.addresses.*.verification': fc.option(
      fc.record(
        {
          inbound: fc.constantFrom('failed', 'pending', 'verified'),
          outbound: fc.constantFrom('failed', 'pending', 'verified'),
          forwarding: fc.constantFrom('failed', 'pending', 'verified'),
        },
        { requiredKeys: [] },
      ),
      { nil: undefined },
    ),
  },
  'gmail-connector': {
    'accounts.*.pollIntervalSeconds': fc.integer({ min: 1, max: 86_400 }),
    'accounts.*.suppressTriggersOnInitialImport': fc.boolean(),
    'accounts.*.expectedDailyNotifications': fc.option(fc.integer({ min: 0, max: 100_000_000 }), {
      nil: undefined,
    }),
    'accounts.*.notificationAttachments': fc.constantFrom('links', 'files'),
  },
  'exchange-connector': {
    importFolder: fc.string({ minLength: 1, maxLength: 200 }),
    importReadMessages: fc.boolean(),
  },
  forwarding: {
    antiPhishingViaTag: fc.option(fc.boolean(), { nil: undefined }),
    keepCopy: fc.boolean(),
  },
  'custom-smtp': {
    whiteLabel: fc.option(fc.record({ ticketReplies: fc.boolean(), reportsAndInvoices: fc.boolean() }), {
      nil: undefined,
    }),
  },
};

/** Sets every match of a dotted path (`*` = each array element), creating missing objects on the way. */
function setAll(target: Json, parts: readonly string[], values: () => Json | undefined): void {
  if (target === null || typeof target !== 'object') return;
  const [head, ...rest] = parts;
  if (head === undefined) return;
  if (head === '*') {
    if (Array.isArray(target)) for (const item of target) setAll(item, rest, values);
    return;
  }
  if (Array.isArray(target)) return;
  if (rest.length === 0) {
    const v = values();
    if (v === undefined) delete target[head];
    else target[head] = v;
    return;
  }
  if (target[head] === undefined) target[head] = {};
  setAll(target[head]!, rest, values);
}

describe('warnings-only fields', () => {
  for (const kind of CONNECTOR_KINDS) {
    it(`${kind}: the value generators cover WARNING_ONLY_FIELDS exactly`, () => {
      expect(Object.keys(WARNING_VALUES[kind]).sort()).toEqual([...WARNING_ONLY_FIELDS[kind]].sort());
    });
    const fields = Object.entries(WARNING_VALUES[kind]);
    const changes = fc.tuple(...fields.map(([, arb]) => fc.array(arb, { minLength: 1, maxLength: 8 })));
    test.prop([VALID_CONFIGS[kind]!, changes], { numRuns: 150 })(
      `${kind}: an accepted configuration stays accepted whatever its warnings-only fields say`,
      (config, values) => {
        expect(CONNECTOR_VALIDATORS[kind](config).valid).toBe(true);
        const changed = structuredClone(config);
        fields.forEach(([path], i) => {
          const pool = values[i]!;
          let n = 0;
          setAll(changed, path.split('.'), () => pool[n++ % pool.length]);
        });
        const result = CONNECTOR_VALIDATORS[kind](changed);
        expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
      },
    );
  }
});
