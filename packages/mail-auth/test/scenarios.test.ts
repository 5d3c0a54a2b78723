import {
  type AuthPolicyOptions,
  createMemoryResolver,
  type DnsZone,
  evaluateAuthentication,
} from '@mailroom/mail-auth';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  customerMessage,
  ed25519Key,
  type KeyPair,
  keyRecord,
  NOW,
  rsaKey,
  seal,
  sign,
} from './support/signing.js';

// Own fixtures, signed with mailauth in the test at a fixed clock (support/signing.ts). example.com publishes
// p=reject; forwarder.test is a mailing list that rewrites the subject and adds a footer, then ARC-seals.

let exampleRsa: KeyPair;
let exampleEd: KeyPair;
let forwarderKey: KeyPair;
let untrustedKey: KeyPair;
let zone: DnsZone;

const AUTHSERV = 'mx.helpdesk.example';
const direct = {
  clientIp: '192.0.2.10',
  helo: 'mail.example.com',
  mailFrom: 'bounces@example.com',
  rcptTo: ['support@helpdesk.example'],
};
const spoofer = {
  clientIp: '203.0.113.66',
  helo: 'vps-2281.hosting.test',
  mailFrom: 'bounce@spoof.test',
  rcptTo: ['support@helpdesk.example'],
};
const fromList = {
  clientIp: '198.51.100.5',
  helo: 'lists.forwarder.test',
  mailFrom: 'support-list-bounces@forwarder.test',
  rcptTo: ['support@helpdesk.example'],
};
const policy = (extra: Partial<AuthPolicyOptions> = {}): AuthPolicyOptions => ({
  authservId: AUTHSERV,
  mode: 'native',
  protectedDomains: ['helpdesk.example'],
  ...extra,
});

const AAR_EXAMPLE =
  'forwarder.test; dkim=pass header.d=example.com header.s=rsa2026 header.a=rsa-sha256; spf=pass smtp.mailfrom=example.com; dmarc=pass (p=REJECT) header.from=example.com';

/** The list's rewrite: subject tag and footer break example.com's DKIM body hash and header hash. */
function throughList(signed: Buffer): Buffer {
  return Buffer.from(
    signed
      .toString()
      .replace('Subject: Invoice', 'Subject: [support-list] Invoice')
      .replace(
        /\r\n$/,
        '\r\n-- \r\nsupport-list mailing list\r\nhttps://lists.forwarder.test/mailman/listinfo/support-list\r\n',
      ),
  );
}

beforeAll(() => {
  exampleRsa = rsaKey();
  exampleEd = ed25519Key();
  forwarderKey = rsaKey();
  untrustedKey = rsaKey();
  zone = {
    'rsa2026._domainkey.example.com': keyRecord(exampleRsa),
    'ed2026._domainkey.example.com': keyRecord(exampleEd),
    'example.com': {
      TXT: ['v=spf1 ip4:192.0.2.0/24 -all'],
      MX: [{ exchange: 'mx.example.com', priority: 10 }],
    },
    '_dmarc.example.com': { TXT: ['v=DMARC1; p=reject; rua=mailto:dmarc-reports@example.com'] },
    'arc2026._domainkey.forwarder.test': keyRecord(forwarderKey),
    'forwarder.test': { TXT: ['v=spf1 ip4:198.51.100.0/24 -all'] },
    'arc2026._domainkey.untrusted.test': keyRecord(untrustedKey),
    '_dmarc.helpdesk.example': { TXT: ['v=DMARC1; p=none'] },
  };
});

describe('direct signed mail', () => {
  it('AUTH-4: RSA + Ed25519 signed mail from the domain passes DMARC via DKIM and is accepted', async () => {
    const message = await sign(customerMessage(), [
      { signingDomain: 'example.com', selector: 'rsa2026', key: exampleRsa },
      { signingDomain: 'example.com', selector: 'ed2026', key: exampleEd },
    ]);
    const v = await evaluateAuthentication(
      { message, envelope: direct, route: 'native', now: NOW },
      policy(),
      createMemoryResolver(zone),
    );
    expect(v).toMatchObject({
      authenticated: true,
      method: 'dkim',
      fromDomain: 'example.com',
      alignedDomain: 'example.com',
      disposition: 'accept',
    });
    expect(v.dkim.map((d) => [d.selector, d.result, d.counted, d.aligned])).toEqual([
      ['rsa2026', 'pass', true, true],
      ['ed2026', 'pass', true, true],
    ]);
    expect(v.spf).toMatchObject({ result: 'pass', aligned: true, identity: 'mailfrom' });
    expect(v.authenticationResults).toBe(
      'mx.helpdesk.example; dkim=pass header.d=example.com header.s=rsa2026 header.a=rsa-sha256; ' +
        'dkim=pass header.d=example.com header.s=ed2026 header.a=ed25519-sha256; spf=pass smtp.mailfrom=bounces@example.com; ' +
        'dmarc=pass (p=REJECT arc=none) policy.dmarc=reject header.from=example.com',
    );
  });

  it('the same input, zone and clock give a byte-identical verdict (determinism)', async () => {
    const message = await sign(customerMessage(), [
      { signingDomain: 'example.com', selector: 'rsa2026', key: exampleRsa },
    ]);
    const run = () =>
      evaluateAuthentication(
        { message, envelope: direct, route: 'native', now: NOW },
        policy(),
        createMemoryResolver(zone),
      );
    expect(JSON.stringify(await run())).toBe(JSON.stringify(await run()));
  });

  it('an x= expiry is judged by the injected clock: pass at `now`, neutral (expired) a year later', async () => {
    const expires = new Date(NOW.getTime() + 24 * 3600 * 1000);
    const message = await sign(
      customerMessage(),
      [{ signingDomain: 'example.com', selector: 'rsa2026', key: exampleRsa }],
      expires,
    );
    const at = (now: Date) =>
      evaluateAuthentication(
        { message, envelope: spoofer, route: 'native', now },
        policy(),
        createMemoryResolver(zone),
      );
    expect((await at(NOW)).dkim[0]).toMatchObject({ result: 'pass', counted: true });
    const later = await at(new Date(NOW.getTime() + 365 * 24 * 3600 * 1000));
    expect(later.dkim[0]).toMatchObject({ result: 'neutral', comment: 'expired', counted: false });
    expect(later.authenticated).toBe(false);
  });
});

describe('size bound', () => {
  it('a message over maxMessageBytes is not body-verified: DKIM and ARC skipped, SPF and DMARC still decide', async () => {
    const message = await sign(customerMessage(), [
      { signingDomain: 'example.com', selector: 'rsa2026', key: exampleRsa },
    ]);
    const run = (maxMessageBytes: number, envelope = direct) =>
      evaluateAuthentication(
        { message, envelope, route: 'native', now: NOW },
        policy({ maxMessageBytes }),
        createMemoryResolver(zone),
      );
    const small = await run(message.length);
    expect(small.method).toBe('dkim');
    const bounded = await run(message.length - 1);
    expect(bounded.reasons).toContain('message-too-large');
    expect(bounded.dkim).toEqual([]);
    expect(bounded.arc.result).toBe('skipped');
    expect(bounded.dnsLog.some((e) => e.stage === 'dkim')).toBe(false);
    expect(bounded).toMatchObject({ method: 'spf', disposition: 'accept' }); // aligned SPF still authenticates
    expect((await run(message.length - 1, spoofer)).disposition).toBe('reject');
  });
});

describe('a forward through a list that breaks DKIM (ARC, RFC 8617 §7.2)', () => {
  let forwarded: Buffer;
  let forwardedUntrusted: Buffer;
  beforeAll(async () => {
    const original = await sign(customerMessage(), [
      { signingDomain: 'example.com', selector: 'rsa2026', key: exampleRsa },
    ]);
    forwarded = await seal(throughList(original), 'forwarder.test', forwarderKey, AAR_EXAMPLE);
    forwardedUntrusted = await seal(
      throughList(original),
      'untrusted.test',
      untrustedKey,
      AAR_EXAMPLE.replace('forwarder.test;', 'untrusted.test;'),
    );
  });

  it('AUTH-4: ARC pass from a trusted sealer whose newest results show dmarc=pass for From authenticates', async () => {
    const v = await evaluateAuthentication(
      { message: forwarded, envelope: fromList, route: 'forwarded', now: NOW },
      policy({ mode: 'native-and-forwarded', trustedArcSealers: ['forwarder.test'] }),
      createMemoryResolver(zone),
    );
    expect(v.dkim[0]).toMatchObject({ domain: 'example.com', counted: false });
    expect(v.dmarc.result).toBe('fail');
    expect(v.arc).toMatchObject({
      result: 'pass',
      sealer: 'forwarder.test',
      trusted: true,
      upstreamDmarc: 'pass',
      upstreamFrom: 'example.com',
    });
    expect(v).toMatchObject({
      authenticated: true,
      method: 'arc',
      alignedDomain: 'forwarder.test',
      disposition: 'accept',
    });
    expect(v.reasons).toContain('arc-pass-trusted-sealer');
    expect(v.authenticationResults).toContain(
      'dmarc=fail (p=REJECT arc=pass; overridden: trusted ARC sealer forwarder.test)',
    );
  });

  it('AUTH-4: the same chain from a sealer that is not trusted stays unauthenticated and is suspended', async () => {
    const v = await evaluateAuthentication(
      { message: forwardedUntrusted, envelope: fromList, route: 'forwarded', now: NOW },
      policy({ mode: 'native-and-forwarded', trustedArcSealers: ['forwarder.test'] }),
      createMemoryResolver(zone),
    );
    expect(v.arc).toMatchObject({ result: 'pass', sealer: 'untrusted.test', trusted: false });
    expect(v).toMatchObject({ authenticated: false, disposition: 'suspend', state: 'dmarc-reject' });
    expect(v.reasons).toContain('arc-untrusted-sealer');
  });

  it('AUTH-4: in native mode, untrusted forwarded mail under p=reject is suspended (forwarded column), never rejected', async () => {
    const v = await evaluateAuthentication(
      { message: forwarded, envelope: fromList, route: 'forwarded', now: NOW },
      policy({ mode: 'native' }),
      createMemoryResolver(zone),
    );
    expect(v).toMatchObject({ authenticated: false, disposition: 'suspend' });
  });

  it('AUTH-4: a trusted sealer never rescues a protected domain', async () => {
    const original = await sign(customerMessage('Helpdesk Agent <agent@helpdesk.example>'), []);
    const sealed = await seal(
      throughList(original),
      'forwarder.test',
      forwarderKey,
      'forwarder.test; spf=pass smtp.mailfrom=helpdesk.example; dmarc=pass header.from=helpdesk.example',
    );
    const v = await evaluateAuthentication(
      { message: sealed, envelope: fromList, route: 'forwarded', now: NOW },
      policy({ mode: 'native-and-forwarded', trustedArcSealers: ['forwarder.test'] }),
      createMemoryResolver(zone),
    );
    expect(v.arc).toMatchObject({ result: 'pass', trusted: true });
    expect(v).toMatchObject({ authenticated: false, state: 'protected-domain', disposition: 'suspend' });
    expect(v.reasons).toContain('arc-protected-domain');
  });

  it('AUTH-4: an ARC key lookup that times out is arc=temperror and defers (never a permanent failure)', async () => {
    const v = await evaluateAuthentication(
      { message: forwarded, envelope: fromList, route: 'forwarded', now: NOW },
      policy({ mode: 'native-and-forwarded', trustedArcSealers: ['forwarder.test'] }),
      createMemoryResolver({ ...zone, 'arc2026._domainkey.forwarder.test': { fail: 'servfail' } }),
    );
    expect(v.arc.result).toBe('temperror');
    expect(v).toMatchObject({ authenticated: false, disposition: 'defer', temporary: true });
    expect(v.reasons).toContain('arc-temperror');
  });
});

describe('signatures the DKIM rules do not count toward DMARC', () => {
  it('l= with content appended after the signed length passes DKIM but is not counted: the spoof is rejected', async () => {
    const body = customerMessage().split('\r\n\r\n').slice(1).join('\r\n\r\n');
    const signed = await sign(customerMessage(), [
      {
        signingDomain: 'example.com',
        selector: 'rsa2026',
        key: exampleRsa,
        maxBodyLength: Buffer.byteLength(body),
      },
    ]);
    const tampered = Buffer.concat([
      signed,
      Buffer.from('\r\nUPDATE: please wire the refund to IBAN DE89 3704 0044 0532 0130 00 instead.\r\n'),
    ]);
    const run = (allowBodyLengthTag: boolean) =>
      evaluateAuthentication(
        { message: tampered, envelope: spoofer, route: 'native', now: NOW },
        policy({ dkim: { allowBodyLengthTag } }),
        createMemoryResolver(zone),
      );
    const v = await run(false);
    expect(v.dkim[0]).toMatchObject({ result: 'pass', counted: false, note: 'body-length-appended' });
    expect(v).toMatchObject({ authenticated: false, disposition: 'reject' });
    expect(v.reasons).toContain('dkim-body-length-ignored');
    expect(v.authenticationResults).toContain(
      'dkim=policy (content after the signed length l=, not counted)',
    );
    // the rule, not something else, is what made the difference
    expect((await run(true)).method).toBe('dkim');
  });

  it('a t=y (testing) key passes DKIM but is not counted unless the policy says so', async () => {
    const testingKey = rsaKey();
    const message = await sign(customerMessage(), [
      { signingDomain: 'example.com', selector: 'testing', key: testingKey },
    ]);
    const z = { ...zone, 'testing._domainkey.example.com': keyRecord(testingKey, 't=y; ') };
    const run = (countTestingKeys: boolean) =>
      evaluateAuthentication(
        { message, envelope: spoofer, route: 'native', now: NOW },
        policy({ dkim: { countTestingKeys } }),
        createMemoryResolver(z),
      );
    const v = await run(false);
    expect(v.dkim[0]).toMatchObject({ result: 'pass', counted: false, note: 'testing-key' });
    expect(v).toMatchObject({ authenticated: false, disposition: 'reject' });
    expect(v.reasons).toContain('dkim-testing-key-ignored');
    expect((await run(true)).method).toBe('dkim');
  });

  it('an rsa-sha1 signature is not accepted (RFC 8301) and does not count', async () => {
    const message = await sign(customerMessage(), [
      { signingDomain: 'example.com', selector: 'rsa2026', key: exampleRsa, algorithm: 'rsa-sha1' },
    ]);
    const v = await evaluateAuthentication(
      { message, envelope: spoofer, route: 'native', now: NOW },
      policy(),
      createMemoryResolver(zone),
    );
    expect(v.dkim[0]).toMatchObject({
      algorithm: 'rsa-sha1',
      result: 'policy',
      counted: false,
      note: 'rsa-sha1',
    });
    expect(v).toMatchObject({ authenticated: false, disposition: 'reject' });
    expect(v.reasons).toContain('dkim-rsa-sha1-rejected');
  });

  it('a 512-bit RSA key is below the minimum and does not count', async () => {
    const weak = rsaKey(512);
    const message = await sign(customerMessage(), [
      { signingDomain: 'example.com', selector: 'weak', key: weak },
    ]);
    const v = await evaluateAuthentication(
      { message, envelope: spoofer, route: 'native', now: NOW },
      policy(),
      createMemoryResolver({ ...zone, 'weak._domainkey.example.com': keyRecord(weak) }),
    );
    expect(v.dkim[0]).toMatchObject({ result: 'policy', counted: false, note: 'weak-key' });
    expect(v.authenticated).toBe(false);
  });

  it('1,000 DKIM-Signature fields: only the topmost 10 are verified, DNS stays within budget, no hang', async () => {
    const signed = (
      await sign(customerMessage(), [{ signingDomain: 'example.com', selector: 'rsa2026', key: exampleRsa }])
    ).toString();
    const [signature, ...rest] = signed.split(/\r\n(?=\S)/);
    const bogus = Array.from({ length: 999 }, (_, i) =>
      (signature ?? '').replace('s=rsa2026', `s=flood${i}`),
    );
    const flooded = (validOnTop: boolean) =>
      (validOnTop ? [signature, ...bogus] : [...bogus, signature]).concat(rest).join('\r\n');
    const resolver = createMemoryResolver(zone);
    const top = await evaluateAuthentication(
      { message: flooded(true), envelope: spoofer, route: 'native', now: NOW },
      policy(),
      resolver,
    );
    expect(top.dkim).toHaveLength(10);
    expect(top.dkimSignaturesNotVerified).toBe(990);
    expect(top.reasons).toContain('dkim-too-many-signatures');
    expect(top.dnsLog.filter((e) => e.stage === 'dkim')).toHaveLength(10);
    expect(top.method).toBe('dkim');
    const bottom = await evaluateAuthentication(
      { message: flooded(false), envelope: spoofer, route: 'native', now: NOW },
      policy(),
      resolver,
    );
    expect(bottom).toMatchObject({
      authenticated: false,
      disposition: 'reject',
      dkimSignaturesNotVerified: 990,
    });
    expect(bottom.dnsQueries).toBeLessThanOrEqual(50);
  });
});

describe('spoofs and the authenticated connector (AUTH-3)', () => {
  const spoof = customerMessage();

  it('AUTH-4: an unsigned spoof of a p=reject domain sent straight to the native address is rejected', async () => {
    const v = await evaluateAuthentication(
      { message: spoof, envelope: spoofer, route: 'native', now: NOW },
      policy(),
      createMemoryResolver(zone),
    );
    expect(v).toMatchObject({
      authenticated: false,
      method: null,
      disposition: 'reject',
      state: 'dmarc-reject',
    });
    expect(v.reasons).toEqual(['dmarc-fail', 'dmarc-policy-reject']);
    expect(
      (
        await evaluateAuthentication(
          { message: spoof, envelope: spoofer, route: 'native', now: NOW },
          policy({ mode: 'minimal' }),
          createMemoryResolver(zone),
        )
      ).disposition,
    ).toBe('suspend');
  });

  it('AUTH-3: the same message over the authenticated connector for example.com is authenticated-relay and marked', async () => {
    const v = await evaluateAuthentication(
      {
        message: spoof,
        envelope: { ...spoofer, clientIp: '198.51.100.77', helo: 'smtp-out.acme-mail.test' },
        route: 'connector',
        relay: {
          authenticated: true,
          connectorId: 'conn-acme-1',
          allowedDomains: ['Example.com'],
          method: 'smtp-auth',
        },
        now: NOW,
      },
      policy(),
      createMemoryResolver(zone),
    );
    expect(v).toMatchObject({ authenticated: true, method: 'authenticated-relay', disposition: 'accept' });
    expect(v.relay).toEqual({ authenticated: true, connectorId: 'conn-acme-1' });
    expect(v.dmarc.result).toBe('fail'); // still reported
    expect(v.authenticationResults).toContain(
      'auth=pass (authenticated SMTP connector) smtp.auth=conn-acme-1',
    );
  });

  it('AUTH-2: SPF of the relaying hop does not decide a message that came over the authenticated connector', async () => {
    const v = await evaluateAuthentication(
      {
        message: spoof,
        envelope: { ...spoofer, clientIp: '198.51.100.77', helo: 'smtp-out.acme-mail.test' },
        route: 'connector',
        relay: {
          authenticated: true,
          connectorId: 'conn-acme-1',
          allowedDomains: ['example.com'],
          method: 'smtp-auth',
        },
        now: NOW,
      },
      policy(),
      createMemoryResolver(zone),
    );
    // The connector's outbound address is not in the domain's SPF record: the hop fails SPF, and that is expected.
    expect(v.spf.result).not.toBe('pass');
    expect(v).toMatchObject({ authenticated: true, method: 'authenticated-relay', disposition: 'accept' });
  });

  it('AUTH-3: a connector relaying for a domain it does not own is not authenticated', async () => {
    const v = await evaluateAuthentication(
      {
        message: spoof,
        envelope: spoofer,
        route: 'connector',
        relay: { authenticated: true, connectorId: 'conn-other', allowedDomains: ['other.test'] },
        now: NOW,
      },
      policy(),
      createMemoryResolver(zone),
    );
    expect(v).toMatchObject({ authenticated: false, relay: { authenticated: false } });
    expect(v.reasons).toContain('relay-domain-not-allowed');
  });

  it('AUTH-5: connector-route mail without an authenticated relay (disconnected connector) is unauthenticated', async () => {
    const v = await evaluateAuthentication(
      { message: spoof, envelope: spoofer, route: 'connector', now: NOW },
      policy({ mode: 'native-and-forwarded' }),
      createMemoryResolver(zone),
    );
    expect(v).toMatchObject({ authenticated: false, disposition: 'reject' });
    expect(v.reasons).toContain('relay-not-authenticated');
  });

  it('AUTH-3: the relay marker is never inferred from headers (a forged auth=pass with our authserv-id is ignored)', async () => {
    const forged = customerMessage(
      'Alice Example <alice@example.com>',
      'Authentication-Results: mx.helpdesk.example; auth=pass smtp.auth=conn-acme-1; dmarc=pass header.from=example.com\r\n',
    );
    const v = await evaluateAuthentication(
      { message: forged, envelope: spoofer, route: 'native', now: NOW },
      policy(),
      createMemoryResolver(zone),
    );
    expect(v).toMatchObject({ authenticated: false, relay: { authenticated: false }, disposition: 'reject' });
    expect(v.reasons).toContain('upstream-own-authserv-id-ignored');
  });

  it('AUTH-3: relay facts on a non-connector route are a programmer error', async () => {
    await expect(
      evaluateAuthentication(
        {
          message: spoof,
          envelope: spoofer,
          route: 'native',
          relay: { authenticated: true, connectorId: 'c', allowedDomains: [] },
          now: NOW,
        },
        policy(),
        createMemoryResolver(zone),
      ),
    ).rejects.toThrow(/route 'connector'/);
  });

  it('AUTH-4: an unsigned spoof of a protected (helpdesk) domain is rejected on the native route even under p=none', async () => {
    const v = await evaluateAuthentication(
      {
        message: customerMessage('Support <support@helpdesk.example>'),
        envelope: spoofer,
        route: 'native',
        now: NOW,
      },
      policy(),
      createMemoryResolver(zone),
    );
    expect(v).toMatchObject({ authenticated: false, state: 'protected-domain', disposition: 'reject' });
    expect(v.reasons).toContain('protected-domain-unauthenticated');
  });

  it('no single author domain (two From fields) is suspended in minimal mode', async () => {
    const twoFrom = customerMessage('Alice <alice@example.com>', 'From: Mallory <m@spoof.test>\r\n');
    const v = await evaluateAuthentication(
      { message: twoFrom, envelope: spoofer, route: 'native', now: NOW },
      policy({ mode: 'minimal' }),
      createMemoryResolver(zone),
    );
    expect(v).toMatchObject({
      dmarc: { result: 'skipped', skipReason: 'multiple-from-fields' },
      state: 'author-ambiguous',
      disposition: 'suspend',
    });
  });
});

describe('trusted upstream Authentication-Results (forwarded mail)', () => {
  const upstream = (header: string) => customerMessage('Alice Example <alice@example.com>', header);
  const customerPolicy = policy({
    mode: 'native-and-forwarded',
    trustedAuthservIds: ['mx.customer-mail.example'],
  });
  const relayEnvelope = {
    clientIp: '198.51.100.200',
    helo: 'mx.customer-mail.example',
    mailFrom: 'srs0=abc=example.com@customer-mail.example',
    rcptTo: ['support@helpdesk.example'],
  };

  it('AUTH-4: forwarded mail whose topmost trusted A-R shows dmarc=pass for From is trusted-upstream', async () => {
    const msg = upstream(
      'Authentication-Results: mx.customer-mail.example; dkim=pass header.d=example.com; spf=pass smtp.mailfrom=example.com; dmarc=pass (p=REJECT) header.from=example.com\r\n',
    );
    const v = await evaluateAuthentication(
      { message: msg, envelope: relayEnvelope, route: 'forwarded', now: NOW },
      customerPolicy,
      createMemoryResolver(zone),
    );
    expect(v).toMatchObject({
      authenticated: true,
      method: 'trusted-upstream',
      alignedDomain: 'mx.customer-mail.example',
      disposition: 'accept',
    });
  });

  it('AUTH-4: the same header on mail sent straight to the native address is not trusted', async () => {
    const msg = upstream(
      'Authentication-Results: mx.customer-mail.example; dmarc=pass header.from=example.com\r\n',
    );
    const v = await evaluateAuthentication(
      { message: msg, envelope: spoofer, route: 'native', now: NOW },
      customerPolicy,
      createMemoryResolver(zone),
    );
    expect(v).toMatchObject({ authenticated: false, disposition: 'reject' });
  });

  it('AUTH-4: a trusted A-R for another From domain, or one with our own authserv-id, does not authenticate', async () => {
    const msg = upstream(
      'Authentication-Results: mx.helpdesk.example; dmarc=pass header.from=example.com\r\n' +
        'Authentication-Results: mx.customer-mail.example; dmarc=pass header.from=spoof.test\r\n',
    );
    const v = await evaluateAuthentication(
      { message: msg, envelope: relayEnvelope, route: 'forwarded', now: NOW },
      customerPolicy,
      createMemoryResolver(zone),
    );
    expect(v).toMatchObject({
      authenticated: false,
      upstream: { ignoredOwnFields: 1, headerFrom: 'spoof.test' },
    });
    expect(v.reasons).toEqual(
      expect.arrayContaining(['upstream-own-authserv-id-ignored', 'upstream-not-dmarc-pass']),
    );
  });
});
