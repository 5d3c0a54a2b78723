// Type tests: the public types of @mailroom/arbitraries as a consumer sees them. Compiled by `tsc -b` (the types
// gate) through tsconfig.test.json; see docs/decisions/0006-type-tests.md. The line after each
// `@ts-expect-error` must not compile.
import {
  ADDRESS_KINDS,
  type AddressKind,
  address,
  addressList,
  assertLoopSafe,
  autoReplyMessage,
  bounceMessage,
  bulkMessage,
  ENCODED_WORD_CHARSETS,
  type EncodedWordCharset,
  encodeCharset,
  encodeWords,
  forwardedMessage,
  type GeneratedAddress,
  type GeneratedAddressList,
  type GeneratedForwardedMessage,
  type GeneratedHeaderBlock,
  type GeneratedHeaderField,
  type GeneratedHostileBlock,
  type GeneratedListPost,
  type GeneratedMailbox,
  type GeneratedMessage,
  type HostileKind,
  headerBlock,
  headerField,
  helpdeskMessage,
  hostileHeaderBlock,
  humanMessage,
  type LoopEngine,
  type LoopSafetyRun,
  type LoopTopology,
  listMessage,
  listPostMessage,
  loopTopology,
  mailbox,
  message,
  outOfOfficeMessage,
  PROTOTYPE_NAMES,
  runLoopTopology,
  type SimulationResult,
  simulateExchange,
} from '@mailroom/arbitraries';
import fc from 'fast-check';
import { describe, expectTypeOf, test } from 'vitest';

describe('each arbitrary produces its documented value type', () => {
  test('addresses', () => {
    expectTypeOf(address()).toEqualTypeOf<fc.Arbitrary<GeneratedAddress>>();
    expectTypeOf(mailbox()).toEqualTypeOf<fc.Arbitrary<GeneratedMailbox>>();
    expectTypeOf(addressList()).toEqualTypeOf<fc.Arbitrary<GeneratedAddressList>>();
    expectTypeOf<GeneratedAddress['kind']>().toEqualTypeOf<AddressKind>();
    expectTypeOf<GeneratedMailbox['address']>().toEqualTypeOf<GeneratedAddress>();
  });

  test('header fields, blocks, messages and hostile input', () => {
    expectTypeOf(headerField()).toEqualTypeOf<fc.Arbitrary<GeneratedHeaderField>>();
    expectTypeOf(headerBlock()).toEqualTypeOf<fc.Arbitrary<GeneratedHeaderBlock>>();
    expectTypeOf(message()).toEqualTypeOf<fc.Arbitrary<GeneratedMessage>>();
    expectTypeOf(hostileHeaderBlock()).toEqualTypeOf<fc.Arbitrary<GeneratedHostileBlock>>();
    // hostile input is bytes (NUL, 8-bit, bare CR), the generated well-formed mail is text
    expectTypeOf<GeneratedHostileBlock['raw']>().toEqualTypeOf<Uint8Array>();
    expectTypeOf<GeneratedHostileBlock['kinds']>().toEqualTypeOf<readonly HostileKind[]>();
    expectTypeOf<GeneratedMessage['raw']>().toEqualTypeOf<string>();
  });

  test('forwarded mail and list posts carry the original sender', () => {
    expectTypeOf(forwardedMessage()).toEqualTypeOf<fc.Arbitrary<GeneratedForwardedMessage>>();
    expectTypeOf(listPostMessage()).toEqualTypeOf<fc.Arbitrary<GeneratedListPost>>();
    expectTypeOf<GeneratedForwardedMessage['originalSender']>().toEqualTypeOf<{
      readonly address: string;
      readonly name: string;
    }>();
  });

  test('the mail kinds are raw messages as strings', () => {
    for (const kind of [
      humanMessage,
      autoReplyMessage,
      outOfOfficeMessage,
      bounceMessage,
      listMessage,
      bulkMessage,
      helpdeskMessage,
    ]) {
      expectTypeOf(kind).parameters.toEqualTypeOf<[]>();
      expectTypeOf(kind).returns.toEqualTypeOf<fc.Arbitrary<string>>();
    }
  });

  test('the value type flows into fast-check properties and combinators', () => {
    fc.property(address(), hostileHeaderBlock(), (a, h) => {
      expectTypeOf(a).toEqualTypeOf<GeneratedAddress>();
      expectTypeOf(h.raw).toEqualTypeOf<Uint8Array>();
    });
    expectTypeOf(address().map((a) => a.kind)).toEqualTypeOf<fc.Arbitrary<AddressKind>>();
    expectTypeOf(fc.sample(message(), 1)).toEqualTypeOf<GeneratedMessage[]>();
    fc.property(humanMessage(), (raw) => {
      // @ts-expect-error -- a mail-kind arbitrary yields the raw string, not a GeneratedMessage
      raw.headerBlock;
    });
  });
});

describe('options', () => {
  test('options are typed and closed', () => {
    address({ kinds: ['idn', 'quoted'] });
    headerBlock({ eol: '\n', minFields: 1, maxFields: 4 });
    headerField({ name: fc.constant('Subject'), charsets: ['ISO-2022-JP'] });
    forwardedMessage({ clients: ['outlook'], languages: ['de'] });
    // @ts-expect-error -- not an address kind
    address({ kinds: ['uucp'] });
    // @ts-expect-error -- the field name is an arbitrary of names, not a fixed string
    headerField({ name: 'Subject' });
    // @ts-expect-error -- not a charset the generators write
    headerField({ charsets: ['UTF-16'] });
    // @ts-expect-error -- only CRLF or LF
    headerBlock({ eol: '\r' });
    // @ts-expect-error -- exactOptionalPropertyTypes: leave it out instead of passing undefined
    message({ maxFields: undefined });
    // @ts-expect-error -- not an option
    hostileHeaderBlock({ kinds: ['nul-bytes'] });
  });

  test('encoding helpers', () => {
    expectTypeOf(encodeWords).returns.toEqualTypeOf<string[]>();
    expectTypeOf(encodeCharset).returns.toEqualTypeOf<Uint8Array>();
    expectTypeOf(encodeWords).parameter(2).toEqualTypeOf<'B' | 'Q'>();
    // @ts-expect-error -- RFC 2047 has B and Q only
    encodeWords('André', 'ISO-8859-1', 'X');
  });
});

describe('tables are read-only', () => {
  test('kinds, charsets and prototype names cannot be changed in place', () => {
    expectTypeOf(ADDRESS_KINDS).toEqualTypeOf<readonly AddressKind[]>();
    expectTypeOf(ENCODED_WORD_CHARSETS[0]!.charset).toEqualTypeOf<EncodedWordCharset>();
    // @ts-expect-error -- readonly array
    ADDRESS_KINDS.push('plain');
    // @ts-expect-error -- readonly array
    ENCODED_WORD_CHARSETS.length = 0;
    // @ts-expect-error -- readonly array
    PROTOTYPE_NAMES[0] = 'safe';
  });
});

describe('loop simulation is generic over the engine policy type', () => {
  interface MyPolicy {
    readonly support: string;
  }
  const engine = {} as LoopEngine<MyPolicy>;

  test('the policy type is taken from the engine', () => {
    assertLoopSafe({ support: 'help@acme.example' }, engine, { numRuns: 10 });
    expectTypeOf(assertLoopSafe<MyPolicy>).returns.toBeVoid();
    expectTypeOf(loopTopology()).toEqualTypeOf<fc.Arbitrary<LoopTopology>>();
    fc.property(loopTopology(), (topology) => {
      expectTypeOf(
        runLoopTopology(topology, { support: 'help@acme.example' }, engine),
      ).toEqualTypeOf<LoopSafetyRun>();
    });
    expectTypeOf(simulateExchange).returns.toEqualTypeOf<SimulationResult>();
    // @ts-expect-error -- the policy does not match the engine's policy type
    assertLoopSafe({ name: 'other' }, engine);
    // @ts-expect-error -- not a LoopSafeOptions field
    assertLoopSafe({ support: 'help@acme.example' }, engine, { runs: 10 });
  });
});
