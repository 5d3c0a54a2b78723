import { fc, test } from '@fast-check/vitest';
import {
  CONNECTOR_KINDS,
  detectConnectorKind,
  isPrivateHost,
  MAIL_PROVIDERS,
  providerOfHost,
} from '@mailroom/connector-config';
import { describe, expect } from 'vitest';

// isPrivateHost, providerOfHost and detectConnectorKind are exported on their own and read pasted settings;
// the validator fuzz (validators.prop.test.ts) reaches them only inside a whole config.

/** RFC 1918 private, loopback (RFC 1122), link-local (RFC 3927) and shared address space (RFC 6598). */
function privateByRfc([a, b]: readonly number[]): boolean {
  return (
    a === 10 ||
    (a === 172 && b! >= 16 && b! <= 31) ||
    (a === 192 && b === 168) ||
    a === 127 ||
    (a === 169 && b === 254) ||
    (a === 100 && b! >= 64 && b! <= 127)
  );
}
const octet = fc.integer({ min: 0, max: 255 });
/** Addresses biased towards the edges of the private ranges, where an off-by-one would show. */
const ipv4 = fc.tuple(
  fc.oneof(fc.constantFrom(10, 100, 127, 169, 172, 192), octet),
  fc.oneof(fc.constantFrom(15, 16, 31, 32, 63, 64, 127, 128, 167, 168, 169, 253, 254, 255), octet),
  octet,
  fc.integer({ min: 1, max: 254 }),
);

const hostish = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.domain(),
  fc
    .array(
      fc.constantFrom('[', ']', '.', ':', '::', 'ffff', '10', '192.168.1.2', 'local', 'office365.com', ' '),
      {
        maxLength: 12,
      },
    )
    .map((xs) => xs.join('')),
);

describe('host helpers on arbitrary input', () => {
  test.prop([ipv4], { numRuns: 300 })(
    'an IPv4 host is private exactly when the RFCs reserve it for private use, in any of its written forms',
    (parts) => {
      const ip = parts.join('.');
      const want = privateByRfc(parts);
      expect(isPrivateHost(ip)).toBe(want);
      expect(isPrivateHost(`[${ip}]`)).toBe(want);
      expect(isPrivateHost(` ${ip}. `)).toBe(want);
      // An IPv4-mapped IPv6 address is the same host.
      expect(isPrivateHost(`::ffff:${ip}`)).toBe(want);
    },
  );

  test.prop([hostish], { numRuns: 300 })(
    'isPrivateHost and providerOfHost never throw; a provider is only named for a host under one of its suffixes',
    (host) => {
      expect(typeof isPrivateHost(host)).toBe('boolean');
      const provider = providerOfHost(host);
      if (provider !== null) {
        const h = host.trim().toLowerCase().replace(/\.$/, '');
        const suffixes = MAIL_PROVIDERS[provider].hostSuffixes;
        expect(suffixes.some((s) => h === s || h.endsWith(`.${s}`))).toBe(true);
      }
    },
  );

  test.prop(
    [
      fc.oneof(
        fc.jsonValue(),
        fc.record({ kind: fc.oneof(fc.constantFrom(...CONNECTOR_KINDS), fc.jsonValue()) }),
      ),
    ],
    {
      numRuns: 300,
    },
  )('detectConnectorKind never throws and names a kind only when the value says that kind', (value) => {
    const kind = detectConnectorKind(value);
    if (kind !== null) {
      expect(CONNECTOR_KINDS).toContain(kind);
      expect((value as { kind: unknown }).kind).toBe(kind);
    }
  });
});
