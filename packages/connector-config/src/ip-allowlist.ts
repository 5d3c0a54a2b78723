import ipaddr from 'ipaddr.js';

/** One accepted allowlist entry, normalised. */
export interface IpAllowlistEntry {
  /** The entry as written. */
  readonly source: string;
  /** Normalised CIDR: `52.157.0.0/16`, `2001:db8::/32`; single addresses get /32 or /128. */
  readonly cidr: string;
  readonly family: 'ipv4' | 'ipv6';
}

/** An entry that was not an IP address or CIDR range, and why. */
export interface RejectedIpAllowlistEntry {
  readonly source: string;
  readonly index: number;
  readonly reason: string;
}

/** A set of networks with a membership test. */
export interface IpAllowlist {
  readonly entries: readonly IpAllowlistEntry[];
  /** Entries that could not be read; they allow nothing. */
  readonly rejected: readonly RejectedIpAllowlistEntry[];
  /** Whether an address (IPv4, IPv6, IPv4-mapped IPv6) falls in one of the entries; `false` for non-addresses. */
  readonly contains: (ip: string) => boolean;
  /** Whether the whole range of a CIDR (or a single address) is covered by one entry. */
  readonly covers: (cidrOrIp: string) => boolean;
}

/** Most entries read; the rest are rejected (allowlists of thousands of lines are a mistake, not a config). */
export const MAX_ALLOWLIST_ENTRIES = 10_000;
const MAX_ENTRY_LENGTH = 100;

type Parsed = readonly [ipaddr.IPv4 | ipaddr.IPv6, number];

/** Strict parse: IPv4 only in dotted-quad form (no `0x7f.1` legacy forms), IPv6 any standard form. */
function parseAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
  if (text.includes(':') && ipaddr.IPv6.isValid(text)) {
    const v6 = ipaddr.IPv6.parse(text);
    return v6.isIPv4MappedAddress() ? v6.toIPv4Address() : v6;
  }
  return null;
}

function parseRange(text: string): Parsed | string {
  if (text.length === 0) return 'empty entry';
  if (text.length > MAX_ENTRY_LENGTH) return 'entry too long to be an address';
  const slash = text.indexOf('/');
  const addrText = slash === -1 ? text : text.slice(0, slash);
  const addr = parseAddress(addrText);
  if (addr === null) return `"${addrText.slice(0, 60)}" is not an IPv4 or IPv6 address`;
  const max = addr.kind() === 'ipv4' ? 32 : 128;
  if (slash === -1) return [addr, max];
  const bitsText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(bitsText)) return `"/${bitsText.slice(0, 10)}" is not a prefix length`;
  const bits = Number(bitsText);
  if (bits > max) return `prefix /${bits} is longer than ${max} bits`;
  return [addr, bits];
}

function networkOf([addr, bits]: Parsed): string {
  if (addr.kind() === 'ipv4')
    return `${ipaddr.IPv4.networkAddressFromCIDR(`${addr.toString()}/${bits}`)}/${bits}`;
  return `${ipaddr.IPv6.networkAddressFromCIDR(`${addr.toString()}/${bits}`).toString()}/${bits}`;
}

/**
 * Builds an allowlist from IPv4/IPv6 addresses and CIDR ranges (ipaddr.js). Entries that are not addresses are
 * listed in `rejected` instead of throwing, so admin input can be reported.
 *
 * @rule CSMTP-3
 * @example
 * const list = createIpAllowlist(SENDING_NETWORK_PRESETS['atera-wide']);
 * list.contains('52.157.12.34'); // true
 * list.contains('10.0.0.1'); // false
 */
export function createIpAllowlist(entries: readonly string[]): IpAllowlist {
  const parsed: Parsed[] = [];
  const accepted: IpAllowlistEntry[] = [];
  const rejected: RejectedIpAllowlistEntry[] = [];
  const list = Array.isArray(entries) ? entries : [];
  list.forEach((raw, index) => {
    if (index >= MAX_ALLOWLIST_ENTRIES) {
      if (index === MAX_ALLOWLIST_ENTRIES)
        rejected.push({ source: '', index, reason: `more than ${MAX_ALLOWLIST_ENTRIES} entries` });
      return;
    }
    const source = typeof raw === 'string' ? raw : String(raw);
    const range = typeof raw === 'string' ? parseRange(raw.trim()) : 'not a string';
    if (typeof range === 'string') {
      rejected.push({ source: source.slice(0, MAX_ENTRY_LENGTH), index, reason: range });
      return;
    }
    parsed.push(range);
    accepted.push({ source, cidr: networkOf(range), family: range[0].kind() === 'ipv4' ? 'ipv4' : 'ipv6' });
  });

  const contains = (ip: string): boolean => {
    if (typeof ip !== 'string' || ip.length > MAX_ENTRY_LENGTH) return false;
    const addr = parseAddress(ip.trim());
    if (addr === null) return false;
    return parsed.some(([net, bits]) => net.kind() === addr.kind() && addr.match(net, bits));
  };
  const covers = (cidrOrIp: string): boolean => {
    if (typeof cidrOrIp !== 'string') return false;
    const range = parseRange(cidrOrIp.trim());
    if (typeof range === 'string') return false;
    const [addr, bits] = range;
    return parsed.some(
      ([net, netBits]) => net.kind() === addr.kind() && netBits <= bits && addr.match(net, netBits),
    );
  };
  return Object.freeze({
    entries: Object.freeze(accepted),
    rejected: Object.freeze(rejected),
    contains,
    covers,
  });
}
