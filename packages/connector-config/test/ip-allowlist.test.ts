import { createIpAllowlist, SENDING_NETWORK_PRESETS } from '@mailroom/connector-config';
import { describe, expect, it } from 'vitest';

describe('createIpAllowlist', () => {
  it('CSMTP-3: the /16 preset covers the whole networks and nothing else', () => {
    const wide = createIpAllowlist(SENDING_NETWORK_PRESETS['atera-wide']);
    expect(wide.rejected).toEqual([]);
    expect(wide.contains('52.157.0.0')).toBe(true);
    expect(wide.contains('52.157.255.255')).toBe(true);
    expect(wide.contains('40.113.216.10')).toBe(true);
    expect(wide.contains('52.158.0.1')).toBe(false);
    expect(wide.contains('54.240.106.94')).toBe(false);
    for (const narrow of SENDING_NETWORK_PRESETS['atera-narrow'].slice(0, 4))
      expect(wide.covers(narrow)).toBe(true);
  });

  it('CSMTP-3: the narrower preset has the /24 networks and the two single addresses', () => {
    const narrow = createIpAllowlist(SENDING_NETWORK_PRESETS['atera-narrow']);
    expect(narrow.entries).toHaveLength(9);
    expect(narrow.contains('54.240.106.94')).toBe(true);
    expect(narrow.contains('54.240.106.95')).toBe(true);
    expect(narrow.contains('54.240.106.96')).toBe(false);
    expect(narrow.contains('51.144.126.200')).toBe(true);
    expect(narrow.contains('52.157.174.1')).toBe(false);
    expect(narrow.covers('52.157.0.0/16')).toBe(false);
  });

  it('handles IPv6, IPv4-mapped IPv6 and normalises CIDRs', () => {
    const list = createIpAllowlist(['2001:db8:abcd::/48', '192.0.2.77/24', '::ffff:198.51.100.7']);
    expect(list.entries.map((e) => e.cidr)).toEqual([
      '2001:db8:abcd::/48',
      '192.0.2.0/24',
      '198.51.100.7/32',
    ]);
    expect(list.contains('2001:db8:abcd:12::1')).toBe(true);
    expect(list.contains('2001:db8:abce::1')).toBe(false);
    expect(list.contains('::ffff:192.0.2.200')).toBe(true);
    expect(list.contains('198.51.100.7')).toBe(true);
  });

  it('rejects what is not an address instead of throwing, and refuses legacy IPv4 forms', () => {
    const list = createIpAllowlist([
      '10.0.0.0/8',
      'mail.contoso.com',
      '10.0.0.0/40',
      '0x7f.1',
      '',
      '300.1.1.1',
    ]);
    expect(list.entries.map((e) => e.cidr)).toEqual(['10.0.0.0/8']);
    expect(list.rejected.map((r) => r.index)).toEqual([1, 2, 3, 4, 5]);
    expect(list.contains('not an ip')).toBe(false);
    expect(list.contains('127.1')).toBe(false);
  });
});
