// Type tests: the public types of @mailroom/headers as a consumer sees them. Compiled by `tsc -b` (the types
// gate) through tsconfig.test.json; see docs/decisions/0006-type-tests.md. The line after each
// `@ts-expect-error` must not compile.
import {
  type AddressListOptions,
  addresses,
  addressKey,
  type ContentType,
  contentType,
  createHeaderList,
  DEFAULT_HEADER_LIMITS,
  decodeEncodedWords,
  fromParsedMail,
  type HeaderDefect,
  type HeaderDefectCode,
  type HeaderField,
  type HeaderLimits,
  type HeaderList,
  inReplyTo,
  type Mailbox,
  messageDate,
  messageId,
  type ParseHeadersOptions,
  parseAddressList,
  parseContentType,
  parseDate,
  parseHeaders,
  parseMessageIds,
  parseReceived,
  type ReceivedHop,
  receivedChain,
  references,
  type SerializeOptions,
  serializeHeaders,
} from '@mailroom/headers';
import { describe, expectTypeOf, test } from 'vitest';

declare const list: HeaderList;

describe('parseHeaders', () => {
  test('takes bytes or a string and returns a HeaderList (defects in it, never a thrown error)', () => {
    expectTypeOf(parseHeaders).parameter(0).toEqualTypeOf<Uint8Array | string>();
    expectTypeOf(parseHeaders).returns.toEqualTypeOf<HeaderList>();
    expectTypeOf(list.defects).toEqualTypeOf<readonly HeaderDefect[]>();
    expectTypeOf(list.fields).toEqualTypeOf<readonly HeaderField[]>();
    expectTypeOf(list.bodyOffset).toEqualTypeOf<number | null>();
    expectTypeOf(list.truncated).toEqualTypeOf<boolean>();
  });

  test('options: limits are partial HeaderLimits; unknown or undefined fields are refused', () => {
    expectTypeOf<ParseHeadersOptions>().toEqualTypeOf<{ readonly limits?: Partial<HeaderLimits> }>();
    parseHeaders('', { limits: { maxFields: 10 } });
    // @ts-expect-error -- not an option of parseHeaders
    parseHeaders('', { maxFields: 10 });
    // @ts-expect-error -- exactOptionalPropertyTypes: an absent limit is left out, not undefined
    parseHeaders('', { limits: { maxFields: undefined } });
    // @ts-expect-error -- limits are numbers
    parseHeaders('', { limits: { maxFields: '10' } });
  });

  test('look-ups: get is string | undefined, getAll a list, the list iterates HeaderFields', () => {
    expectTypeOf(list.get('subject')).toEqualTypeOf<string | undefined>();
    expectTypeOf(list.getAll('received')).toEqualTypeOf<string[]>();
    expectTypeOf(list.has('from')).toEqualTypeOf<boolean>();
    expectTypeOf([...list]).toEqualTypeOf<HeaderField[]>();
    expectTypeOf(createHeaderList).returns.toEqualTypeOf<HeaderList>();
  });

  test('a HeaderList is read-only', () => {
    // @ts-expect-error -- fields is a readonly array
    list.fields.push({ name: 'X-Injected', value: '1' });
    // @ts-expect-error -- defects is a readonly array
    list.defects.push({ code: 'nul-byte', detail: '' });
    // @ts-expect-error -- readonly property
    list.truncated = true;
    // @ts-expect-error -- a field's value is readonly
    list.fields[0]!.value = 'changed';
  });

  test('defect codes are a closed union', () => {
    expectTypeOf<HeaderDefect['code']>().toEqualTypeOf<HeaderDefectCode>();
    expectTypeOf<'nul-byte'>().toExtend<HeaderDefectCode>();
    expectTypeOf<'no-such-defect'>().not.toExtend<HeaderDefectCode>();
  });
});

describe('tables and defaults', () => {
  test('DEFAULT_HEADER_LIMITS is a complete, read-only HeaderLimits', () => {
    expectTypeOf(DEFAULT_HEADER_LIMITS).toEqualTypeOf<HeaderLimits>();
    // @ts-expect-error -- a consumer cannot change the shared defaults
    DEFAULT_HEADER_LIMITS.maxFields = 1;
  });
});

describe('addresses', () => {
  test('parseAddressList and addresses return mailboxes; addressKey may refuse with null', () => {
    expectTypeOf(parseAddressList).returns.toEqualTypeOf<Mailbox[]>();
    expectTypeOf(addresses).returns.toEqualTypeOf<Mailbox[]>();
    expectTypeOf(addressKey).returns.toEqualTypeOf<string | null>();
    expectTypeOf<Mailbox['asciiDomain']>().toEqualTypeOf<string | null>();
    expectTypeOf<Mailbox['group']>().toEqualTypeOf<string | undefined>();
  });

  test('AddressListOptions: defects is where a cut is recorded; unknown and undefined fields are refused', () => {
    const defects: HeaderDefect[] = [];
    parseAddressList('a@example.com', { maxAddresses: 5, defects });
    expectTypeOf<AddressListOptions['defects']>().toEqualTypeOf<HeaderDefect[] | undefined>();
    // @ts-expect-error -- exactOptionalPropertyTypes
    parseAddressList('a@example.com', { maxAddresses: undefined });
    // @ts-expect-error -- not an option
    parseAddressList('a@example.com', { max: 5 });
  });

  test('a Mailbox is read-only', () => {
    const [first] = parseAddressList('a@example.com');
    // @ts-expect-error -- readonly property
    first!.address = 'b@example.com';
  });
});

describe('value parsers return values or null, never throw for bad input', () => {
  test('dates and ids', () => {
    expectTypeOf(parseDate).returns.toEqualTypeOf<number | null>();
    expectTypeOf(messageDate).returns.toEqualTypeOf<number | null>();
    expectTypeOf(messageId).returns.toEqualTypeOf<string | null>();
    expectTypeOf(parseMessageIds).returns.toEqualTypeOf<string[]>();
    expectTypeOf(inReplyTo).returns.toEqualTypeOf<string[]>();
    expectTypeOf(references).returns.toEqualTypeOf<string[]>();
    expectTypeOf(decodeEncodedWords).returns.toEqualTypeOf<string>();
  });

  test('content type: params is a read-only map', () => {
    expectTypeOf(parseContentType).parameter(0).toEqualTypeOf<string | undefined>();
    expectTypeOf(parseContentType).returns.toEqualTypeOf<ContentType>();
    expectTypeOf(contentType).returns.toEqualTypeOf<ContentType>();
    expectTypeOf<ContentType['params']>().toEqualTypeOf<ReadonlyMap<string, string>>();
    const ct = parseContentType('text/plain; charset=utf-8');
    // @ts-expect-error -- ReadonlyMap has no set
    ct.params.set('charset', 'latin1');
  });

  test('Received hops: every clause may be missing', () => {
    expectTypeOf(parseReceived).returns.toEqualTypeOf<ReceivedHop>();
    expectTypeOf(receivedChain).returns.toEqualTypeOf<ReceivedHop[]>();
    expectTypeOf<ReceivedHop['fromIp']>().toEqualTypeOf<string | null>();
    expectTypeOf<ReceivedHop['timestamp']>().toEqualTypeOf<number | null>();
  });
});

describe('serializeHeaders and fromParsedMail', () => {
  test('serializeHeaders accepts any iterable of fields (a HeaderList too) and only the two line endings', () => {
    expectTypeOf(serializeHeaders).returns.toEqualTypeOf<string>();
    serializeHeaders(list, { eol: '\n', foldAt: 0 });
    expectTypeOf<SerializeOptions['eol']>().toEqualTypeOf<'\r\n' | '\n' | undefined>();
    // @ts-expect-error -- only CRLF or LF
    serializeHeaders(list, { eol: '\r' });
  });

  test('fromParsedMail takes the headerLines of a mailparser result', () => {
    expectTypeOf(fromParsedMail).returns.toEqualTypeOf<HeaderList>();
    fromParsedMail({ headerLines: [{ key: 'subject', line: 'Subject: Hi' }] });
    // @ts-expect-error -- headerLines entries need the raw line
    fromParsedMail({ headerLines: [{ key: 'subject' }] });
  });
});
