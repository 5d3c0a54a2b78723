import {
  addresses,
  addressKey,
  DEFAULT_MAX_ADDRESSES,
  type HeaderDefect,
  parseAddressList,
  parseHeaders,
} from '@mailroom/headers';
import { describe, expect, it } from 'vitest';

const pick = (value: string) =>
  parseAddressList(value).map((m) => ({
    address: m.address,
    name: m.name,
    ...(m.group === undefined ? {} : { group: m.group }),
  }));

describe('parseAddressList', () => {
  it('reads display names, quoted names with commas, and bare addresses', () => {
    expect(pick('"Doe, Jane" <jane@example.com>, Bob Smith <bob@example.org>, carl@example.net')).toEqual([
      { address: 'jane@example.com', name: 'Doe, Jane' },
      { address: 'bob@example.org', name: 'Bob Smith' },
      { address: 'carl@example.net', name: '' },
    ]);
  });

  it('reads groups: members carry the group name, the empty group gives nothing', () => {
    expect(pick('Support Team: ann@example.com, "Bob" <bob@example.com>;, carl@example.com')).toEqual([
      { address: 'ann@example.com', name: '', group: 'Support Team' },
      { address: 'bob@example.com', name: 'Bob', group: 'Support Team' },
      { address: 'carl@example.com', name: '' },
    ]);
    expect(pick('undisclosed-recipients:;')).toEqual([]);
  });

  it('uses a comment as the name only when there is no phrase', () => {
    expect(pick('jane@example.com (Jane Doe)')).toEqual([{ address: 'jane@example.com', name: 'Jane Doe' }]);
    expect(pick('Jane (the boss) <jane@example.com>')).toEqual([
      { address: 'jane@example.com', name: 'Jane' },
    ]);
    expect(pick('(comment only) <jane@example.com>')).toEqual([
      { address: 'jane@example.com', name: 'comment only' },
    ]);
  });

  it('keeps quoted local parts as written, spaces included', () => {
    expect(pick('"john doe"@example.com, "Doe" <"john.q doe"@example.com>')).toEqual([
      { address: '"john doe"@example.com', name: '' },
      { address: '"john.q doe"@example.com', name: 'Doe' },
    ]);
  });

  it('regression: white space inside a quoted local part in angle brackets is kept (it was stripped)', () => {
    // Found by the arbitraries' mailbox round-trip property: `<"9 8w"@example.com>` came back as `"98w"@…`.
    expect(parseAddressList('<"9 8w"@example.com>')[0]!.address).toBe('"9 8w"@example.com');
    // Folding white space outside the quotes is still removed.
    expect(parseAddressList('< "a b" @ example.com >')[0]!.address).toBe('"a b"@example.com');
  });

  it('regression: an IPv6 domain literal without angle brackets stays one address (colons were split off)', () => {
    expect(pick('user@[IPv6:2001:db8::1]')).toEqual([{ address: 'user@[IPv6:2001:db8::1]', name: '' }]);
    expect(pick('user@[IPv6:2001:db8::1] (Ann)')).toEqual([
      { address: 'user@[IPv6:2001:db8::1]', name: 'Ann' },
    ]);
    expect(pick('user@[192.0.2.1]')).toEqual([{ address: 'user@[192.0.2.1]', name: '' }]);
  });

  it('regression: an unbalanced quote no longer swallows the address', () => {
    expect(pick('"Ann <ann@example.com>')).toEqual([{ address: 'ann@example.com', name: 'Ann' }]);
    expect(
      pick('"Ann" <a@example.com>, "Bob <bob@example.com>, c@example.com').map((m) => m.address),
    ).toEqual(['a@example.com', 'bob@example.com', 'c@example.com']);
  });

  it('decodes encoded-word display names, quoted or not', () => {
    expect(pick('=?UTF-8?B?5byg5LyfIA==?= =?UTF-8?Q?=E7=8E=8B?= <zhang@example.cn>')).toEqual([
      { address: 'zhang@example.cn', name: '张伟 王' },
    ]);
    expect(pick('"=?ISO-8859-1?Q?Andr=E9?= Pirard" <andre@example.be>')).toEqual([
      { address: 'andre@example.be', name: 'André Pirard' },
    ]);
    expect(pick('=?KOI8-R?Q?=F0=D2=C9=D7=C5=D4?= <ivan@example.ru>')[0]!.name).toBe('Привет');
  });

  it('gives IDN domains in Unicode and ASCII form, whichever was written', () => {
    const [unicode] = parseAddressList('Jörg <jörg@Bücher.example>');
    expect(unicode).toMatchObject({
      address: 'jörg@Bücher.example',
      localPart: 'jörg',
      domain: 'Bücher.example',
      asciiDomain: 'xn--bcher-kva.example',
      unicodeDomain: 'bücher.example',
    });
    const [ascii] = parseAddressList('a@xn--bcher-kva.example');
    expect(ascii).toMatchObject({ asciiDomain: 'xn--bcher-kva.example', unicodeDomain: 'bücher.example' });
    const [cjk] = parseAddressList('info@例え.テスト');
    expect(cjk!.asciiDomain).toBe('xn--r8jz45g.xn--zckzah');
  });

  it('reads the null address <> with an empty address and no domain', () => {
    expect(parseAddressList('<>')).toEqual([
      { address: '', name: '', localPart: '', domain: '', asciiDomain: null, unicodeDomain: null },
    ]);
  });

  it('keeps the final address of an obsolete source route', () => {
    expect(pick('<@relay1.example,@relay2.example:user@example.com>')).toEqual([
      { address: 'user@example.com', name: '' },
    ]);
  });

  it('reads several words with no @ as a phrase, not as an address; one bare word stays an address', () => {
    expect(parseAddressList('just some text')).toEqual([]);
    expect(parseAddressList('MAILER-DAEMON').map((m) => m.address)).toEqual(['MAILER-DAEMON']);
    expect(parseAddressList('just some text, ann@example.com').map((m) => m.address)).toEqual([
      'ann@example.com',
    ]);
  });

  it('reads the broken "Name addr@domain" form without angle brackets', () => {
    expect(pick('Ann Smith ann@example.com')).toEqual([{ address: 'ann@example.com', name: 'Ann Smith' }]);
  });

  it('skips empty entries and never throws on junk', () => {
    expect(pick('a@example.com, , ,b@example.com')).toEqual([
      { address: 'a@example.com', name: '' },
      { address: 'b@example.com', name: '' },
    ]);
    for (const junk of ['', ',,,', ':;', '<<<>>>', '((((', '"', '\\', '@', 'a@b@c']) {
      expect(() => parseAddressList(junk)).not.toThrow();
    }
    expect(parseAddressList('postmaster')[0]).toMatchObject({
      address: 'postmaster',
      domain: '',
      asciiDomain: null,
    });
  });

  it('regression: a long run of colons is read in linear time (it was quadratic: 26 s for 1 MB)', () => {
    // Each colon after a group name rescanned every token read so far; `a:` × 500,000 took 26.8 s.
    const started = performance.now();
    expect(parseAddressList(`${'a:'.repeat(500_000)}b@example.com`).length).toBeLessThanOrEqual(1);
    expect(performance.now() - started).toBeLessThan(3000);
    // The group reading is unchanged: the first colon opens a group, later ones belong to its member.
    expect(pick('Team: c@example.com;')).toEqual([{ address: 'c@example.com', name: '', group: 'Team' }]);
  });

  it('stops at maxAddresses (default 1,000)', () => {
    const many = Array.from({ length: 1500 }, (_, i) => `u${i}@example.com`).join(', ');
    expect(DEFAULT_MAX_ADDRESSES).toBe(1000);
    expect(parseAddressList(many)).toHaveLength(1000);
    expect(parseAddressList(many, { maxAddresses: 10 }).map((m) => m.address)).toEqual(
      Array.from({ length: 10 }, (_, i) => `u${i}@example.com`),
    );
  });

  it('records a too-many-addresses defect when the bound cut the list, and none when it did not', () => {
    const many = Array.from({ length: 12 }, (_, i) => `u${i}@example.com`).join(', ');
    const cut: HeaderDefect[] = [];
    expect(parseAddressList(many, { maxAddresses: 10, defects: cut })).toHaveLength(10);
    expect(cut.map((d) => d.code)).toEqual(['too-many-addresses']);
    const exact: HeaderDefect[] = [];
    expect(parseAddressList(many, { maxAddresses: 12, defects: exact })).toHaveLength(12);
    expect(parseAddressList(`${many},`, { maxAddresses: 12, defects: exact })).toHaveLength(12);
    expect(exact).toEqual([]);
    const acrossFields: HeaderDefect[] = [];
    const list = parseHeaders('To: a@example.com, b@example.com\r\nTo: c@example.com\r\n\r\n');
    expect(addresses(list, 'to', { maxAddresses: 2, defects: acrossFields })).toHaveLength(2);
    expect(acrossFields.map((d) => d.code)).toEqual(['too-many-addresses']);
  });
});

describe('addresses', () => {
  const list = parseHeaders(
    'From: Ann <ann@example.com>\r\nTo: a@example.com, b@example.com\r\nCC: c@example.com\r\nto: d@example.com\r\n\r\n',
  );

  it('reads every field with the name, case-insensitively, in order', () => {
    expect(addresses(list, 'to').map((m) => m.address)).toEqual([
      'a@example.com',
      'b@example.com',
      'd@example.com',
    ]);
    expect(addresses(list, 'Cc').map((m) => m.address)).toEqual(['c@example.com']);
    expect(addresses(list, 'from')[0]!.name).toBe('Ann');
    expect(addresses(list, 'reply-to')).toEqual([]);
  });

  it('bounds the total across fields', () => {
    expect(addresses(list, 'to', { maxAddresses: 2 }).map((m) => m.address)).toEqual([
      'a@example.com',
      'b@example.com',
    ]);
  });
});

describe('addressKey', () => {
  it('lower-cases, trims, removes angle brackets and converts IDN domains to ASCII', () => {
    expect(addressKey(' <Jane.Doe@Bücher.example> ')).toBe('jane.doe@xn--bcher-kva.example');
    expect(addressKey('JANE@EXAMPLE.COM')).toBe('jane@example.com');
    expect(addressKey('ü@bücher.de')).toBe('ü@xn--bcher-kva.de');
    expect(addressKey('a@example.com.')).toBe('a@example.com');
  });

  it('gives the same key for the Unicode and the ASCII form of a domain', () => {
    expect(addressKey('info@Bücher.example')).toBe(addressKey('INFO@xn--bcher-kva.example'));
  });

  it('removes needless quotes and keeps needed ones', () => {
    expect(addressKey('"jane"@example.com')).toBe('jane@example.com');
    expect(addressKey('"jane doe"@example.com')).toBe('"jane doe"@example.com');
    expect(addressKey('"ja\\"ne"@example.com')).toBe('"ja\\"ne"@example.com');
  });

  it('keeps IP literals, lower-cased', () => {
    expect(addressKey('a@[192.0.2.1]')).toBe('a@[192.0.2.1]');
    expect(addressKey('a@[IPv6:2001:DB8::1]')).toBe('a@[ipv6:2001:db8::1]');
  });

  it('regression: a domain ending in two dots is null (it gave a key whose own key differed)', () => {
    // Found by the idempotence property: addressKey('K@-..') was 'k@-.', and addressKey('k@-.') was 'k@-'.
    expect(addressKey('K@-..')).toBeNull();
    expect(addressKey('a@example.com..')).toBeNull();
    expect(addressKey('a@example.com.')).toBe('a@example.com');
  });

  it('is null for what is not a usable address', () => {
    for (const bad of [
      '',
      '   ',
      '<>',
      'no-at-sign',
      '@example.com',
      'a@',
      'a b@example.com',
      'a..b@example.com',
      '.a@example.com',
      'a@x..com',
      'a@exa mple.com',
      '""@example.com',
      `${'x'.repeat(129)}@example.com`,
      `a@${'x'.repeat(300)}.com`,
    ]) {
      expect(addressKey(bad), bad).toBeNull();
    }
  });
});
