import fc from 'fast-check';
import { ENCODED_WORD_CHARSETS } from './charsets.js';
import { encodeWords } from './encoded-words.js';

/** The shapes of address {@link address} generates. */
export type AddressKind = 'plain' | 'plus-tag' | 'quoted' | 'idn' | 'ip-literal';

/**
 * Every {@link AddressKind}, the default set of {@link address}.
 *
 * @example
 * address({ kinds: ADDRESS_KINDS.filter((k) => k !== 'ip-literal') }); // no IP literals
 */
export const ADDRESS_KINDS: readonly AddressKind[] = Object.freeze([
  'plain',
  'plus-tag',
  'quoted',
  'idn',
  'ip-literal',
]);

/** A generated address and what it was built from. */
export interface GeneratedAddress {
  /** `local@domain` as written, e.g. `"John Doe"@Example.com` or `ann@bücher.example`. */
  readonly address: string;
  readonly kind: AddressKind;
  /** The local part as written (a quoted local part keeps its quotes and escapes). */
  readonly localPart: string;
  /** The domain as written (Unicode for IDN, `[...]` for an IP literal). */
  readonly domain: string;
  /** The lower-cased ASCII (IDNA) form of the domain, the form `addressKey` compares. */
  readonly asciiDomain: string;
}

/** A generated mailbox: an address, its display name and the text a client would write. */
export interface GeneratedMailbox {
  readonly address: GeneratedAddress;
  /** The display name as a reader sees it (decoded, unquoted), `''` when there is none. */
  readonly name: string;
  /** How the name is written: none, plain words, a quoted string, encoded words, or a trailing comment. */
  readonly nameStyle: 'none' | 'angle-only' | 'words' | 'quoted' | 'encoded' | 'comment';
  /** The group this mailbox is listed in, when it is a member of one. */
  readonly group?: string;
  /** The mailbox as written in a header, e.g. `"Doe, Jane" <jane@example.com>`. */
  readonly formatted: string;
}

/** A generated address list (RFC 5322 §3.4), possibly with groups. */
export interface GeneratedAddressList {
  /** Every mailbox in order; group members carry `group`. */
  readonly mailboxes: readonly GeneratedMailbox[];
  /** The whole list as written in a header value. */
  readonly formatted: string;
}

/** Options for {@link address}. */
export interface AddressOptions {
  /** Which shapes to generate (default: all of {@link ADDRESS_KINDS}). */
  readonly kinds?: readonly AddressKind[];
}

// IDN labels with their IDNA ASCII forms (checked against the WHATWG URL parser in the tests).
const IDN_LABELS: readonly (readonly [unicode: string, ascii: string])[] = [
  ['bücher', 'xn--bcher-kva'],
  ['münchen', 'xn--mnchen-3ya'],
  ['köln', 'xn--kln-sna'],
  ['españa', 'xn--espaa-rta'],
  ['例え', 'xn--r8jz45g'],
  ['пример', 'xn--e1afmkfd'],
  ['δοκιμή', 'xn--jxalpdlp'],
  ['テスト', 'xn--zckzah'],
  ['日本語', 'xn--wgv71a119e'],
];
const IDN_TLDS: readonly (readonly [unicode: string, ascii: string])[] = [
  ['中国', 'xn--fiqs8s'],
  ['ελλάδα', 'xn--hxakic4aa'],
];
const TLDS = ['com', 'org', 'net', 'io', 'de', 'fr', 'jp', 'co.uk', 'com.au', 'example'];

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const ALNUM = `${LOWER}0123456789`;
const ATEXT_SPECIALS = "!#$%&'*/=?^_`{|}~-";

function chars(set: string): fc.Arbitrary<string> {
  return fc.constantFrom(...set);
}

function textOf(set: string, minLength: number, maxLength: number): fc.Arbitrary<string> {
  return fc.string({ unit: chars(set), minLength, maxLength });
}

/** Upper-cases some letters (mail clients preserve the case users type); shrinks to lower case. */
function someUpper(lower: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return lower.chain((s) =>
    fc
      .array(fc.boolean(), { minLength: s.length, maxLength: s.length })
      .map((flags) => [...s].map((ch, i) => (flags[i] ? ch.toUpperCase() : ch)).join('')),
  );
}

/** One DNS label: letters and digits with single inner hyphens (never `xn--`, never all digits). */
const label: fc.Arbitrary<string> = fc
  .tuple(chars(LOWER), textOf(ALNUM, 0, 8), fc.option(textOf(ALNUM, 1, 6), { nil: undefined }))
  .map(([head, tail, after]) => (after === undefined ? head + tail : `${head}${tail}-${after}`));

const asciiDomain: fc.Arbitrary<{ domain: string; ascii: string }> = fc
  .tuple(fc.array(label, { minLength: 1, maxLength: 3 }), fc.constantFrom(...TLDS))
  .map(([labels, tld]) => `${labels.join('.')}.${tld}`)
  .chain((lower) => someUpper(fc.constant(lower)).map((domain) => ({ domain, ascii: lower })));

const idnDomain: fc.Arbitrary<{ domain: string; ascii: string }> = fc
  .tuple(
    fc.constantFrom(...IDN_LABELS),
    fc.array(label, { maxLength: 1 }),
    fc.oneof(
      fc.constantFrom(...TLDS).map((t) => [t, t] as const),
      fc.constantFrom(...IDN_TLDS),
    ),
  )
  .map(([[uLabel, aLabel], middle, [uTld, aTld]]) => ({
    domain: [uLabel, ...middle, uTld].join('.'),
    ascii: [aLabel, ...middle, aTld].join('.'),
  }));

const dotAtom: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      {
        weight: 4,
        arbitrary: someUpper(fc.tuple(chars(LOWER), textOf(ALNUM, 0, 10)).map(([a, b]) => a + b)),
      },
      { weight: 1, arbitrary: textOf(ALNUM + ATEXT_SPECIALS, 1, 6) },
    ),
    { minLength: 1, maxLength: 3 },
  )
  .map((atoms) => atoms.join('.'));

// Characters inside a quoted local part: printable ASCII that needs quoting, with `"` and `\` escaped when written.
const quotedLocal: fc.Arbitrary<string> = fc
  .tuple(textOf(`${ALNUM}  .,@():;[]"\\`, 1, 20), chars(LOWER))
  .map(([inner, last]) => `"${(inner + last).replace(/(["\\])/g, '\\$1')}"`);

const ipLiteral: fc.Arbitrary<string> = fc.oneof(
  fc.ipV4().map((ip) => `[${ip}]`),
  fc.ipV6().map((ip) => `[IPv6:${ip}]`),
);

function build(kind: AddressKind, localPart: string, domain: string, ascii: string): GeneratedAddress {
  return { address: `${localPart}@${domain}`, kind, localPart, domain, asciiDomain: ascii };
}

/**
 * Generates email addresses valid by construction (RFC 5322 §3.4.1 addr-spec; RFC 6531 for IDN domains):
 * plain dot-atoms, plus-tags (`ann+support@…`), quoted local parts (`"Doe, John"@…`), internationalized domains
 * (Unicode labels with a known IDNA ASCII form), and IP literals (`[192.0.2.1]`, `[IPv6:…]`). Case is mixed as
 * people type it. Every value has a non-null `addressKey`, whose domain is `asciiDomain`.
 *
 * @example
 * fc.assert(fc.property(address(), (a) => addressKey(a.address) !== null));
 * fc.sample(address({ kinds: ['idn'] }), 1); // [{ address: 'Ann@bücher.de', asciiDomain: 'xn--bcher-kva.de', ... }]
 */
export function address(options: AddressOptions = {}): fc.Arbitrary<GeneratedAddress> {
  const kinds = options.kinds ?? ADDRESS_KINDS;
  if (kinds.length === 0 || kinds.some((k) => !ADDRESS_KINDS.includes(k))) {
    throw new TypeError(`address: kinds must be a non-empty subset of ${ADDRESS_KINDS.join(', ')}`);
  }
  const byKind: Record<AddressKind, fc.Arbitrary<GeneratedAddress>> = {
    plain: fc.tuple(dotAtom, asciiDomain).map(([l, d]) => build('plain', l, d.domain, d.ascii)),
    'plus-tag': fc
      .tuple(dotAtom, textOf(`${ALNUM}-_`, 1, 12), asciiDomain)
      .map(([l, tag, d]) => build('plus-tag', `${l}+${tag}`, d.domain, d.ascii)),
    quoted: fc.tuple(quotedLocal, asciiDomain).map(([l, d]) => build('quoted', l, d.domain, d.ascii)),
    idn: fc.tuple(dotAtom, idnDomain).map(([l, d]) => build('idn', l, d.domain, d.ascii)),
    'ip-literal': fc.tuple(dotAtom, ipLiteral).map(([l, d]) => build('ip-literal', l, d, d.toLowerCase())),
  };
  return fc.oneof(...kinds.map((k) => byKind[k]));
}

const NAME_WORD_LETTERS = `${LOWER}ABCDEFGHIJKLMNOPQRSTUVWXYZ`;
const UNICODE_NAME_LETTERS = 'äöüéèçñøåßłşğЖжЯяΩω李王田中';

/** A display-name word usable without quotes: letters (ASCII or, per RFC 6532, Unicode), maybe `'` or `.`. */
const nameWord: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: textOf(NAME_WORD_LETTERS, 1, 10) },
  { weight: 1, arbitrary: textOf(NAME_WORD_LETTERS + UNICODE_NAME_LETTERS, 1, 8) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ'), textOf(LOWER, 1, 6))
      .map(([a, b]) => `${a}'${b}`),
  },
  { weight: 1, arbitrary: chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ').map((a) => `${a}.`) },
);

const wordsName: fc.Arbitrary<string> = fc
  .array(nameWord, { minLength: 1, maxLength: 4 })
  .map((w) => w.join(' '));

// Text for a quoted display name: anything printable that forces quoting, single spaces, no leading/trailing space.
const quotedName: fc.Arbitrary<string> = fc
  .array(textOf(`${NAME_WORD_LETTERS}${UNICODE_NAME_LETTERS},.@<>()[]:;"\\'&!`, 1, 10), {
    minLength: 1,
    maxLength: 4,
  })
  .map((w) => w.join(' '));

const encodedName: fc.Arbitrary<{ name: string; written: string }> = fc
  .constantFrom(...ENCODED_WORD_CHARSETS)
  .chain((repertoire) =>
    fc.tuple(
      fc
        .array(fc.oneof(textOf(repertoire.characters, 1, 8), textOf(NAME_WORD_LETTERS, 1, 8)), {
          minLength: 1,
          maxLength: 3,
        })
        .map((w) => w.join(' ')),
      fc.constant(repertoire.charset),
      fc.constantFrom('B' as const, 'Q' as const),
    ),
  )
  .map(([name, charset, encoding]) => ({ name, written: encodeWords(name, charset, encoding).join(' ') }));

function quote(text: string): string {
  return `"${text.replace(/(["\\])/g, '\\$1')}"`;
}

/** Options for {@link mailbox}. */
export interface MailboxOptions extends AddressOptions {}

/**
 * Generates a mailbox as clients write it, with its parts: a bare address, `<address>`, `Name <address>`,
 * `"Quoted, Name" <address>`, `=?charset?B?…?= <address>` (encoded words in several charsets) or
 * `address (Comment Name)`. `parseAddressList(m.formatted)` gives exactly one mailbox with `m.address.address`
 * and `m.name`.
 *
 * @example
 * fc.assert(fc.property(mailbox(), (m) => parseAddressList(m.formatted)[0]?.name === m.name));
 */
export function mailbox(options: MailboxOptions = {}): fc.Arbitrary<GeneratedMailbox> {
  const addr = address(options);
  return fc.oneof(
    addr.map((a) => ({ address: a, name: '', nameStyle: 'none' as const, formatted: a.address })),
    addr.map((a) => ({
      address: a,
      name: '',
      nameStyle: 'angle-only' as const,
      formatted: `<${a.address}>`,
    })),
    fc.tuple(addr, wordsName).map(([a, name]) => ({
      address: a,
      name,
      nameStyle: 'words' as const,
      formatted: `${name} <${a.address}>`,
    })),
    fc.tuple(addr, quotedName).map(([a, name]) => ({
      address: a,
      name,
      nameStyle: 'quoted' as const,
      formatted: `${quote(name)} <${a.address}>`,
    })),
    fc.tuple(addr, encodedName).map(([a, { name, written }]) => ({
      address: a,
      name,
      nameStyle: 'encoded' as const,
      formatted: `${written} <${a.address}>`,
    })),
    fc.tuple(addr, wordsName).map(([a, name]) => ({
      address: a,
      name,
      nameStyle: 'comment' as const,
      formatted: `${a.address} (${name})`,
    })),
  );
}

/** Options for {@link addressList}. */
export interface AddressListOptions extends MailboxOptions {
  /** Entries (mailboxes or groups) at least (default 1). */
  readonly minLength?: number;
  /** Entries (mailboxes or groups) at most (default 5). */
  readonly maxLength?: number;
  /** Whether groups (`Team: a@x, b@y;`, `undisclosed-recipients:;`) may appear (default true). */
  readonly groups?: boolean;
}

type Entry =
  | { readonly kind: 'mailbox'; readonly mailbox: GeneratedMailbox }
  | {
      readonly kind: 'group';
      readonly name: string;
      readonly members: readonly GeneratedMailbox[];
    };

/**
 * Generates an address-list header value (`To`, `Cc`, ...): mailboxes from {@link mailbox} separated by
 * commas, and optionally groups whose members carry the group's name, including the empty
 * `undisclosed-recipients:;`. `parseAddressList(l.formatted)` gives `l.mailboxes` in order.
 *
 * @example
 * fc.assert(fc.property(addressList(), (l) => parseAddressList(l.formatted).length === l.mailboxes.length));
 */
export function addressList(options: AddressListOptions = {}): fc.Arbitrary<GeneratedAddressList> {
  const minLength = options.minLength ?? 1;
  const maxLength = options.maxLength ?? 5;
  if (
    !Number.isInteger(minLength) ||
    !Number.isInteger(maxLength) ||
    minLength < 0 ||
    maxLength < minLength
  ) {
    throw new TypeError(
      'addressList: minLength and maxLength must be integers with 0 <= minLength <= maxLength',
    );
  }
  const box = mailbox(options);
  const mailboxEntry: fc.Arbitrary<Entry> = box.map((m) => ({ kind: 'mailbox', mailbox: m }));
  const groupEntry: fc.Arbitrary<Entry> = fc
    .tuple(fc.oneof(wordsName, fc.constant('undisclosed-recipients')), fc.array(box, { maxLength: 3 }))
    .map(([name, members]) => ({ kind: 'group', name, members }));
  const entry =
    options.groups === false ? mailboxEntry : fc.oneof({ weight: 4, arbitrary: mailboxEntry }, groupEntry);
  return fc.array(entry, { minLength, maxLength }).map((entries) => {
    const mailboxes: GeneratedMailbox[] = [];
    const written: string[] = [];
    for (const e of entries) {
      if (e.kind === 'mailbox') {
        mailboxes.push(e.mailbox);
        written.push(e.mailbox.formatted);
      } else {
        for (const m of e.members) mailboxes.push({ ...m, group: e.name });
        written.push(`${e.name}: ${e.members.map((m) => m.formatted).join(', ')};`);
      }
    }
    return { mailboxes, formatted: written.join(', ') };
  });
}
