// Type tests: the public types of @mailroom/requester-resolver as a consumer sees them. Compiled by `tsc -b` (the types
// gate) through tsconfig.test.json; see docs/decisions/0006-type-tests.md. The line after each
// `@ts-expect-error` must not compile.
import type { HeaderList } from '@mailroom/headers';
import {
  addressPatternProblem,
  analyseForwarding,
  type CcAddress,
  createRequesterResolver,
  DEFAULT_FORWARD_TABLES,
  DEFAULT_RESOLVER_LIMITS,
  type FailedRecipient,
  FORWARD_BLOCK_MARKERS,
  FORWARDING_MARKERS,
  type ForwardedOriginal,
  type ForwardingAnalysis,
  type ForwardTables,
  findFailedRecipient,
  findForwardedOriginal,
  isForwardSubject,
  LIST_SOFTWARE_SIGNATURES,
  type MessageInputs,
  parseResolverContext,
  type Requester,
  type RequesterResolution,
  type RequesterResolver,
  type RequesterSource,
  type ResolutionColumns,
  type ResolverContext,
  type ResolverContextProblem,
  type ResolverLimits,
  type ResolverWarning,
  type ResolverWarningCode,
  resolutionColumns,
  resolveRequester,
  resolverContextFromCli,
  type SupportAddressInput,
} from '@mailroom/requester-resolver';
import { describe, expectTypeOf, test } from 'vitest';

declare const headers: HeaderList;
declare const resolution: RequesterResolution;

describe('resolveRequester and createRequesterResolver', () => {
  test('take a parsed HeaderList and return a RequesterResolution whose requester may be null', () => {
    expectTypeOf(resolveRequester).parameter(0).toEqualTypeOf<HeaderList>();
    expectTypeOf(resolveRequester).returns.toEqualTypeOf<RequesterResolution>();
    expectTypeOf(resolution.requester).toEqualTypeOf<Requester | null>();
    expectTypeOf(resolution.ccs).toEqualTypeOf<readonly CcAddress[]>();
    expectTypeOf(resolution.warnings).toEqualTypeOf<readonly ResolverWarning[]>();
    expectTypeOf(createRequesterResolver).returns.toEqualTypeOf<RequesterResolver>();
    expectTypeOf<RequesterResolver>().toEqualTypeOf<
      (headers: HeaderList, message?: MessageInputs) => RequesterResolution
    >();
    // @ts-expect-error -- raw bytes must be parsed first (parseHeaders): the resolver works on a HeaderList
    resolveRequester('From: ann@example.com\r\n\r\n');
  });

  test('a resolver made once takes only the per-message inputs', () => {
    const resolve = createRequesterResolver({ supportAddresses: ['support@acme.example'] });
    resolve(headers, { bodyText: 'FYI', envelope: { mailFrom: 'ann@example.com' } });
    // @ts-expect-error -- addresses belong to the context given to createRequesterResolver, not to each call
    resolve(headers, { supportAddresses: ['help@acme.example'] });
  });

  test('the context: string or aliased support addresses, closed policies, partial limits', () => {
    resolveRequester(headers, {
      supportAddresses: [
        'support@acme.example',
        { address: 'help@acme.example', aliases: ['h@acme.example'] },
      ],
      replyToPolicy: 'reply-to-if-same-domain',
      bounceRequester: 'final-recipient',
      limits: { maxBodyChars: 1000 },
    });
    expectTypeOf<SupportAddressInput>().toEqualTypeOf<
      string | { readonly address: string; readonly aliases?: readonly string[] }
    >();
    expectTypeOf<ResolverContext['limits']>().toEqualTypeOf<Partial<ResolverLimits> | undefined>();
    // @ts-expect-error -- not a reply-to policy
    resolveRequester(headers, { replyToPolicy: 'always' });
    // @ts-expect-error -- not an option
    resolveRequester(headers, { supportAddress: 'support@acme.example' });
    // @ts-expect-error -- exactOptionalPropertyTypes: leave it out instead of passing undefined
    resolveRequester(headers, { bodyText: undefined });
  });

  test('the result is read-only', () => {
    // @ts-expect-error -- readonly array
    resolution.ccs.push({ address: 'x@example.com', name: '', key: 'x@example.com' });
    // @ts-expect-error -- readonly property
    resolution.requester = null;
  });
});

describe('codes a consumer switches on', () => {
  test('requester sources and warning codes are closed unions', () => {
    expectTypeOf<Requester['source']>().toEqualTypeOf<RequesterSource>();
    expectTypeOf<'forwarded-original'>().toExtend<RequesterSource>();
    expectTypeOf<'guessed'>().not.toExtend<RequesterSource>();
    expectTypeOf<ResolverWarning['code']>().toEqualTypeOf<ResolverWarningCode>();
    expectTypeOf<'no-valid-requester'>().toExtend<ResolverWarningCode>();
  });

  test('a switch over RequesterSource is exhaustive', () => {
    const describeSource = (source: RequesterSource): string => {
      switch (source) {
        case 'reply-to':
        case 'from':
        case 'sender':
          return 'header';
        case 'forwarded-original':
        case 'list-original-sender':
          return 'rewritten';
        case 'dsn-final-recipient':
          return 'bounce';
        default:
          expectTypeOf(source).toBeNever();
          return source;
      }
    };
    expectTypeOf(describeSource).returns.toBeString();
  });
});

describe('problems are returned, not thrown', () => {
  test('context parsing returns the context and a list of problems', () => {
    expectTypeOf(parseResolverContext).parameter(0).toBeUnknown();
    expectTypeOf(parseResolverContext).returns.toEqualTypeOf<{
      context: ResolverContext;
      problems: ResolverContextProblem[];
    }>();
    expectTypeOf(resolverContextFromCli).returns.toEqualTypeOf<{
      context: ResolverContext;
      problems: ResolverContextProblem[];
    }>();
    expectTypeOf(addressPatternProblem).returns.toEqualTypeOf<string | null>();
  });

  test('look-ups return null when nothing is found', () => {
    expectTypeOf(findForwardedOriginal).returns.toEqualTypeOf<ForwardedOriginal | null>();
    expectTypeOf(findFailedRecipient).returns.toEqualTypeOf<FailedRecipient | null>();
    expectTypeOf(isForwardSubject).returns.toEqualTypeOf<string | null>();
    expectTypeOf(analyseForwarding).returns.toEqualTypeOf<ForwardingAnalysis>();
    expectTypeOf(resolutionColumns).returns.toEqualTypeOf<ResolutionColumns>();
  });
});

describe('tables are read-only data', () => {
  test('defaults and tables cannot be changed in place', () => {
    expectTypeOf(DEFAULT_FORWARD_TABLES).toEqualTypeOf<ForwardTables>();
    expectTypeOf(DEFAULT_RESOLVER_LIMITS).toEqualTypeOf<ResolverLimits>();
    // @ts-expect-error -- readonly array
    FORWARD_BLOCK_MARKERS.push(FORWARD_BLOCK_MARKERS[0]!);
    // @ts-expect-error -- readonly array
    FORWARDING_MARKERS.pop();
    // @ts-expect-error -- readonly array
    LIST_SOFTWARE_SIGNATURES.splice(0);
    // @ts-expect-error -- readonly property
    DEFAULT_RESOLVER_LIMITS.maxBodyChars = 1;
    // @ts-expect-error -- readonly property
    DEFAULT_FORWARD_TABLES.subjectPrefixes = [];
  });
});
