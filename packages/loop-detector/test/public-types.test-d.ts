// Type tests: the public types of @mailroom/loop-detector as a consumer sees them. Compiled by `tsc -b` (the types
// gate) through tsconfig.test.json; see docs/decisions/0006-type-tests.md. The line after each
// `@ts-expect-error` must not compile.
import type { LoopEngine } from '@mailroom/arbitraries';
import type { Category, Classification } from '@mailroom/header-classifier';
import type { HeaderList } from '@mailroom/headers';
import {
  type AuthVerdictLike,
  type AutoReplyReason,
  type AutoReplyVerdict,
  checkRelayedHeaders,
  contentFingerprint,
  createPolicy,
  createTriageDecider,
  DEFAULT_SUPPRESS_CATEGORIES,
  DEFAULT_SUSPEND_CATEGORIES,
  decideInbound,
  type HeaderPair,
  type InboundAction,
  type InboundDecision,
  type InboundInput,
  type LimitUpdate,
  type LoadPolicyResult,
  type LoopPolicy,
  loadPolicy,
  type MAILROOM_LOOP_HEADER,
  type MarkerPayload,
  mailroomEngine,
  mayAutoReply,
  type NotificationPlan,
  outboundHeaders,
  type PolicyProblem,
  planNotification,
  REASON_CODES,
  type Reason,
  type ReasonCode,
  type ReasonCodeInfo,
  type SuppressedRecipient,
  signMarker,
  type TicketMarker,
  type TriageDecider,
  type TriageVerdict,
  verifyMarker,
  zendeskPolicy,
} from '@mailroom/loop-detector';
import type { AuthVerdict } from '@mailroom/mail-auth';
import type { RequesterResolution } from '@mailroom/requester-resolver';
import { describe, expectTypeOf, test } from 'vitest';

declare const policy: LoopPolicy;
declare const headers: HeaderList;
declare const decision: InboundDecision;

describe('decideInbound', () => {
  test('takes headers (parsed or raw) and a clock, returns a decision with its reasons', () => {
    expectTypeOf(decideInbound).returns.toEqualTypeOf<InboundDecision>();
    expectTypeOf<InboundInput['headers']>().toEqualTypeOf<HeaderList | Uint8Array | string>();
    expectTypeOf(decision.action).toEqualTypeOf<InboundAction>();
    expectTypeOf<InboundAction>().toEqualTypeOf<'accept' | 'suspend' | 'reject'>();
    expectTypeOf(decision.reasons).toEqualTypeOf<readonly Reason[]>();
    expectTypeOf(decision.limitUpdates).toEqualTypeOf<readonly LimitUpdate[]>();
    expectTypeOf(decision.requester).toEqualTypeOf<string | null>();
    expectTypeOf(decision.repliesTo).toEqualTypeOf<MarkerPayload | null>();
    expectTypeOf(decision.classification).toEqualTypeOf<Classification>();
    expectTypeOf(decision.resolution).toEqualTypeOf<RequesterResolution>();
  });

  test('input: only headers and nowMs are required; limit state may be a Map, a record or a function', () => {
    decideInbound({ headers, nowMs: 0 }, policy);
    decideInbound({ headers: 'From: a@example.com\r\n\r\n', nowMs: 0, limitState: new Map() }, policy);
    decideInbound({ headers, nowMs: 0, limitState: () => undefined }, policy);
    // @ts-expect-error -- nowMs is required: the package has no clock of its own
    decideInbound({ headers }, policy);
    // @ts-expect-error -- the clock is epoch milliseconds, not a Date
    decideInbound({ headers, nowMs: new Date(0) }, policy);
    // @ts-expect-error -- exactOptionalPropertyTypes: leave body out instead of passing undefined
    decideInbound({ headers, nowMs: 0, body: undefined }, policy);
    // @ts-expect-error -- not an input field
    decideInbound({ headers, nowMs: 0, force: true }, policy);
  });

  test('the verdict of @mailroom/mail-auth fits the authentication input without this package depending on it', () => {
    expectTypeOf<AuthVerdict>().toExtend<AuthVerdictLike>();
    expectTypeOf<AuthVerdict>().toExtend<NonNullable<InboundInput['authentication']>>();
  });

  test('a decision is read-only', () => {
    // @ts-expect-error -- readonly array
    decision.reasons.push({ code: 'bulk', rule: '', detail: '' });
    // @ts-expect-error -- readonly property
    decision.action = 'accept';
  });
});

describe('reason codes', () => {
  test('Reason.code is a closed union, and REASON_CODES describes every code', () => {
    expectTypeOf<Reason['code']>().toEqualTypeOf<ReasonCode>();
    expectTypeOf<'sender-rate-reject'>().toExtend<ReasonCode>();
    expectTypeOf<'unknown-reason'>().not.toExtend<ReasonCode>();
    expectTypeOf(REASON_CODES).toEqualTypeOf<Readonly<Record<ReasonCode, ReasonCodeInfo>>>();
    expectTypeOf(REASON_CODES['own-mail-returned'].familiarCause).toEqualTypeOf<string | null>();
    // @ts-expect-error -- not a reason code
    REASON_CODES['made-up'];
    // @ts-expect-error -- the table is read-only
    REASON_CODES.bulk = { rule: '', familiarCause: null, meaning: '' };
  });

  test('a switch on the action narrows and is exhaustive', () => {
    const smtpReply = (action: InboundAction): number => {
      switch (action) {
        case 'accept':
          return 250;
        case 'suspend':
          return 250;
        case 'reject':
          return 550;
        default:
          expectTypeOf(action).toBeNever();
          return action;
      }
    };
    expectTypeOf(smtpReply).returns.toBeNumber();
  });

  test('ticket markers and suppressed recipients carry closed codes', () => {
    expectTypeOf<'imported'>().toExtend<TicketMarker['code']>();
    expectTypeOf<'spam'>().not.toExtend<TicketMarker['code']>();
    expectTypeOf<'auto-reply-limit'>().toExtend<SuppressedRecipient['code']>();
    expectTypeOf<'already-answered'>().toExtend<AutoReplyReason['code']>();
  });
});

describe('loadPolicy returns a result, never throws on a bad policy file', () => {
  test('the result narrows on ok', () => {
    const result = loadPolicy('{"supportAddresses": 42}');
    expectTypeOf(result).toEqualTypeOf<LoadPolicyResult>();
    if (result.ok) {
      expectTypeOf(result.policy).toEqualTypeOf<LoopPolicy>();
      expectTypeOf(result.warnings).toEqualTypeOf<readonly string[]>();
      // @ts-expect-error -- no problems on success
      result.problems;
    } else {
      expectTypeOf(result.problems).toEqualTypeOf<readonly PolicyProblem[]>();
      // @ts-expect-error -- no policy unless ok
      result.policy;
    }
  });
});

describe('policies', () => {
  test('createPolicy takes optional fields of the policy (the marker key also as a string)', () => {
    expectTypeOf(createPolicy).returns.toEqualTypeOf<LoopPolicy>();
    createPolicy({ supportAddresses: ['help@acme.example'], markerKey: new Uint8Array(32) });
    // createPolicy reads a string marker key (UTF-8) at run time, and the type says so
    createPolicy({ markerKey: 'a secret of at least 16 bytes' });
    createPolicy({ markerKey: null });
    // @ts-expect-error -- a marker key is bytes, a string or null
    createPolicy({ markerKey: 42 });
    createPolicy({ authentication: 'enhanced', fingerprintLimit: null });
    // @ts-expect-error -- not an authentication mode
    createPolicy({ authentication: 'strict' });
    // @ts-expect-error -- categories are header-classifier categories
    createPolicy({ suspendCategories: ['spam'] });
    // @ts-expect-error -- exactOptionalPropertyTypes: leave it out, or pass null to turn the limit off
    createPolicy({ fingerprintLimit: undefined });
    // @ts-expect-error -- the Zendesk preset needs the subdomain
    zendeskPolicy({ accountId: '1a2b3c4' });
  });

  test('a policy and its default tables are read-only', () => {
    expectTypeOf(DEFAULT_SUSPEND_CATEGORIES).toEqualTypeOf<readonly Category[]>();
    // @ts-expect-error -- readonly array
    DEFAULT_SUSPEND_CATEGORIES.push('bulk');
    // @ts-expect-error -- readonly array
    DEFAULT_SUPPRESS_CATEGORIES.length = 0;
    // @ts-expect-error -- readonly array
    policy.allowlist.push('@example.com');
    // @ts-expect-error -- readonly property
    policy.markerKey = null;
  });

  test('the header name is a literal a consumer can compare against', () => {
    expectTypeOf<typeof MAILROOM_LOOP_HEADER>().toEqualTypeOf<'X-Mailroom-Loop'>();
  });
});

describe('outbound and markers', () => {
  test('planNotification, outboundHeaders and checkRelayedHeaders', () => {
    expectTypeOf(planNotification).returns.toEqualTypeOf<NotificationPlan>();
    expectTypeOf(outboundHeaders).returns.toEqualTypeOf<HeaderPair[]>();
    expectTypeOf(outboundHeaders).parameter(0).toEqualTypeOf<'automatic' | 'agent'>();
    expectTypeOf(checkRelayedHeaders(outboundHeaders('agent', { ticket: '1', id: '2' }, policy), headers))
      .items.toHaveProperty('problem')
      .toEqualTypeOf<'removed' | 'changed'>();
    // @ts-expect-error -- notifications are automatic or agent
    outboundHeaders('manual', { ticket: '1', id: '2' }, policy);
  });

  test('markers: signing may be off (null), verification refuses with null', () => {
    expectTypeOf(signMarker).returns.toEqualTypeOf<string | null>();
    expectTypeOf(verifyMarker).returns.toEqualTypeOf<MarkerPayload | null>();
    expectTypeOf(contentFingerprint).returns.toEqualTypeOf<string | null>();
  });

  test('mayAutoReply returns a verdict with reasons', () => {
    expectTypeOf(mayAutoReply).returns.toEqualTypeOf<AutoReplyVerdict>();
    expectTypeOf<AutoReplyVerdict['to']>().toEqualTypeOf<string | null>();
    mayAutoReply({ headers, envelope: { mailFrom: null } }, { nowMs: 0, lastReplyMs: null });
    // @ts-expect-error -- not a context option
    mayAutoReply({ headers }, { days: 7 });
  });
});

describe('triage and the loop-simulation engine', () => {
  test('createTriageDecider returns a per-message decider', () => {
    expectTypeOf(createTriageDecider).returns.toEqualTypeOf<TriageDecider>();
    const decide = createTriageDecider(policy);
    expectTypeOf(decide(headers)).toEqualTypeOf<TriageVerdict>();
    expectTypeOf(decide(headers).decision).toEqualTypeOf<InboundAction>();
    // @ts-expect-error -- the decider takes parsed headers (the raw message is the optional second argument)
    decide('From: a@example.com\r\n\r\n');
  });

  test('mailroomEngine is a LoopEngine of @mailroom/arbitraries over LoopPolicy', () => {
    expectTypeOf(mailroomEngine).toExtend<LoopEngine<LoopPolicy>>();
  });
});
