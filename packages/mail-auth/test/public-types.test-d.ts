// Type tests: the public types of @mailroom/mail-auth as a consumer sees them. Compiled by `tsc -b` (the types
// gate) through tsconfig.test.json; see docs/decisions/0006-type-tests.md. The line after each
// `@ts-expect-error` must not compile.
import {
  AUTH_REASON_CODES,
  type AuthInput,
  type AuthPolicy,
  type AuthPolicyOptions,
  type AuthReasonCode,
  type AuthState,
  type AuthVerdict,
  authResultProperty,
  createMemoryResolver,
  DEFAULT_DKIM_RULES,
  DISPOSITION_TABLE,
  type Disposition,
  type DkimRules,
  type DnsAnswer,
  type DnsErrorReason,
  type DnsQueryLogEntry,
  type DnsQueryOptions,
  type DnsResolver,
  decideDisposition,
  evaluateAuthentication,
  type MxRecord,
  type ParsedAuthenticationResults,
  parseAuthenticationResults,
  type ReasonCodeInfo,
  type RRType,
  resolveAuthPolicy,
} from '@mailroom/mail-auth';
import { describe, expectTypeOf, test } from 'vitest';

declare const input: AuthInput;
declare const resolver: DnsResolver;

describe('DnsAnswer', () => {
  test('a switch on kind narrows to each outcome and is exhaustive', () => {
    const summarize = (answer: DnsAnswer<'TXT'>): string => {
      switch (answer.kind) {
        case 'records':
          expectTypeOf(answer.records).toEqualTypeOf<readonly (readonly string[])[]>();
          return answer.records.map((strings) => strings.join('')).join('\n');
        case 'nxdomain':
        case 'nodata':
          expectTypeOf(answer).toEqualTypeOf<{ readonly kind: 'nxdomain' } | { readonly kind: 'nodata' }>();
          return answer.kind;
        case 'error':
          expectTypeOf(answer.transient).toEqualTypeOf<boolean>();
          expectTypeOf(answer.reason).toEqualTypeOf<DnsErrorReason>();
          return answer.reason;
        default:
          expectTypeOf(answer).toBeNever();
          return answer;
      }
    };
    expectTypeOf(summarize).returns.toBeString();
  });

  test('records are typed by the record type asked for', () => {
    expectTypeOf<Extract<DnsAnswer<'MX'>, { kind: 'records' }>['records']>().toEqualTypeOf<
      readonly MxRecord[]
    >();
    expectTypeOf<Extract<DnsAnswer<'A'>, { kind: 'records' }>['records']>().toEqualTypeOf<
      readonly string[]
    >();
    expectTypeOf<Extract<DnsAnswer, { kind: 'error' }>['reason']>().toEqualTypeOf<DnsErrorReason>();
  });

  test('outside a narrowing, neither records nor the error reason can be read', () => {
    const answer = {} as DnsAnswer<'A'>;
    // @ts-expect-error -- only a `records` answer has records
    answer.records;
    // @ts-expect-error -- only an `error` answer has a reason
    answer.reason;
    // @ts-expect-error -- an answer with records must carry them
    const broken: DnsAnswer<'A'> = { kind: 'records' };
    // @ts-expect-error -- MX records are { exchange, priority }, not strings
    const wrongShape: DnsAnswer<'MX'> = { kind: 'records', records: ['mx.example.com'] };
    // @ts-expect-error -- not an outcome kind
    const unknown: DnsAnswer = { kind: 'refused' };
    expectTypeOf([broken, wrongShape, unknown]).toBeArray();
  });
});

describe('DnsResolver', () => {
  test('one generic method; a resolver answers with values (errors are an answer kind)', () => {
    expectTypeOf(resolver.resolve).parameter(2).toEqualTypeOf<DnsQueryOptions>();
    expectTypeOf(
      resolver.resolve('example.com', 'MX', { signal: new AbortController().signal }),
    ).toEqualTypeOf<Promise<DnsAnswer<'MX'>>>();
    expectTypeOf<RRType>().toEqualTypeOf<'TXT' | 'A' | 'AAAA' | 'MX' | 'PTR' | 'CNAME'>();
    // @ts-expect-error -- SRV is not a record type the evaluator asks for
    resolver.resolve('example.com', 'SRV', { signal: new AbortController().signal });
  });

  test('a consumer can write a resolver that answers every type', () => {
    const nothing: DnsResolver = {
      resolve: async () => ({ kind: 'nxdomain' }),
    };
    const failing: DnsResolver = {
      resolve: async () => ({ kind: 'error', transient: true, reason: 'timeout' }),
    };
    expectTypeOf([nothing, failing]).items.toEqualTypeOf<DnsResolver>();
    const badReason: DnsResolver = {
      // @ts-expect-error -- not a DnsErrorReason
      resolve: async () => ({ kind: 'error', transient: true, reason: 'ETIMEOUT' }),
    };
    expectTypeOf(badReason).toEqualTypeOf<DnsResolver>();
  });

  test('createMemoryResolver takes a typed zone', () => {
    expectTypeOf(createMemoryResolver).returns.toEqualTypeOf<DnsResolver>();
    createMemoryResolver({
      'example.com': {
        TXT: ['v=spf1 -all', ['v=DMARC1;', ' p=reject']],
        MX: [{ exchange: 'mx.example.com', priority: 10 }],
      },
      'slow.example': { fail: { TXT: 'timeout' } },
    });
    // @ts-expect-error -- a zone failure is timeout, servfail, refused or hang
    createMemoryResolver({ 'example.com': { fail: 'nxdomain' } });
    // @ts-expect-error -- exactOptionalPropertyTypes
    createMemoryResolver({}, { maxCnameDepth: undefined });
  });
});

describe('evaluateAuthentication', () => {
  test('returns a promise of a verdict; failures are in the verdict, not thrown', () => {
    expectTypeOf(evaluateAuthentication).returns.toEqualTypeOf<Promise<AuthVerdict>>();
    expectTypeOf<AuthVerdict['disposition']>().toEqualTypeOf<Disposition>();
    expectTypeOf<Disposition>().toEqualTypeOf<'accept' | 'suspend' | 'reject' | 'defer'>();
    expectTypeOf<AuthVerdict['reasons']>().toEqualTypeOf<readonly AuthReasonCode[]>();
    expectTypeOf<AuthVerdict['state']>().toEqualTypeOf<AuthState>();
    expectTypeOf<AuthVerdict['dnsLog']>().toEqualTypeOf<readonly DnsQueryLogEntry[]>();
    expectTypeOf<AuthVerdict['fromDomain']>().toEqualTypeOf<string | null>();
  });

  test('policy options: authservId and mode are required, the rest partial and closed', () => {
    void evaluateAuthentication(input, { authservId: 'mx.helpdesk.example', mode: 'native' }, resolver);
    void evaluateAuthentication(
      input,
      {
        authservId: 'mx.helpdesk.example',
        mode: 'minimal',
        dkim: { minRsaBits: 2048 },
        dns: { maxQueries: 20 },
      },
      resolver,
    );
    // @ts-expect-error -- the mode is required: there is no silent default
    void evaluateAuthentication(input, { authservId: 'mx.helpdesk.example' }, resolver);
    // @ts-expect-error -- not a mode
    void evaluateAuthentication(input, { authservId: 'mx.helpdesk.example', mode: 'strict' }, resolver);
    // @ts-expect-error -- exactOptionalPropertyTypes
    resolveAuthPolicy({ authservId: 'mx', mode: 'native', maxMessageBytes: undefined });
    // @ts-expect-error -- not an option
    resolveAuthPolicy({ authservId: 'mx', mode: 'native', timeoutMs: 5 });
    expectTypeOf<AuthPolicyOptions['dkim']>().toEqualTypeOf<Partial<DkimRules> | undefined>();
    expectTypeOf(resolveAuthPolicy).returns.toEqualTypeOf<AuthPolicy>();
  });

  test('input: the relay facts are typed and the clock comes in', () => {
    expectTypeOf<AuthInput['now']>().toEqualTypeOf<Date | number>();
    expectTypeOf<AuthInput['route']>().toEqualTypeOf<'native' | 'forwarded' | 'connector'>();
    const envelope = { clientIp: '192.0.2.1', helo: 'mail.example.com', mailFrom: null, rcptTo: [] };
    const ok: AuthInput = { message: '', envelope, route: 'native', now: 0 };
    const relay = { authenticated: true, connectorId: 'c', allowedDomains: [] };
    const viaConnector: AuthInput = { ...ok, route: 'connector', relay: { ...relay, method: 'mtls' } };
    // @ts-expect-error -- the relay method is smtp-auth or mtls
    const badRelay: AuthInput = { ...ok, relay: { ...relay, method: 'tls' } };
    expectTypeOf([ok, viaConnector, badRelay]).items.toEqualTypeOf<AuthInput>();
  });
});

describe('disposition and codes', () => {
  test('the disposition table never defers and is read-only', () => {
    expectTypeOf(DISPOSITION_TABLE.native.forwarded['no-dmarc-policy']).toEqualTypeOf<
      'accept' | 'suspend' | 'reject'
    >();
    expectTypeOf(decideDisposition).returns.toEqualTypeOf<Disposition>();
    // @ts-expect-error -- readonly table
    DISPOSITION_TABLE.native.native['dmarc-reject'] = 'accept';
    // @ts-expect-error -- read-only rules
    DEFAULT_DKIM_RULES.minRsaBits = 512;
    // @ts-expect-error -- not an authentication state
    decideDisposition('native', 'native', 'spoofed');
  });

  test('reason codes are a closed union with a read-only table', () => {
    expectTypeOf(AUTH_REASON_CODES).toEqualTypeOf<Readonly<Record<AuthReasonCode, ReasonCodeInfo>>>();
    expectTypeOf<'no-such-code'>().not.toExtend<AuthReasonCode>();
    const [code] = Object.keys(AUTH_REASON_CODES) as AuthReasonCode[];
    // @ts-expect-error -- read-only table
    AUTH_REASON_CODES[code!] = { summary: 'accepted' };
  });

  test('Authentication-Results parsing reports problems instead of throwing', () => {
    expectTypeOf(parseAuthenticationResults).returns.toEqualTypeOf<ParsedAuthenticationResults>();
    expectTypeOf<ParsedAuthenticationResults['problems']>().toEqualTypeOf<readonly string[]>();
    expectTypeOf(authResultProperty).returns.toEqualTypeOf<string | undefined>();
  });
});
