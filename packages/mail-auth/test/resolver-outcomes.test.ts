import {
  createMemoryResolver,
  type DnsAnswer,
  type DnsResolver,
  type DnsZone,
  evaluateAuthentication,
  type RRType,
} from '@mailroom/mail-auth';
import { beforeAll, describe, expect, it } from 'vitest';
import { customerMessage, type KeyPair, keyRecord, NOW, rsaKey, sign } from './support/signing.js';

// Every outcome a DnsResolver can give (or fail to give), seen through the verdict: what mailauth was told
// (the log's `code`), what the DKIM/SPF/DMARC result became, and whether the message defers.

let key: KeyPair;
let signed: Buffer;
let zone: DnsZone;
const KEY_NAME = 'rsa2026._domainkey.example.com';
const spoofer = {
  clientIp: '203.0.113.66',
  helo: 'vps-2281.hosting.test',
  mailFrom: 'bounce@spoof.test',
  rcptTo: ['support@helpdesk.example'],
};
// The deadline is far above the per-query timeout: only the tests about waiting meet it, even on a loaded machine.
const policy = {
  authservId: 'mx.helpdesk.example',
  mode: 'native' as const,
  dns: { queryTimeoutMs: 100, maxQueries: 50, deadlineMs: 5000 },
};

/** The memory zone, except that one name/type answers whatever `answer` does. */
function overriding(name: string, type: RRType, answer: () => Promise<unknown>): DnsResolver {
  const base = createMemoryResolver(zone);
  return {
    resolve<T extends RRType>(n: string, t: T, options: { signal: AbortSignal }): Promise<DnsAnswer<T>> {
      if (n.toLowerCase() === name && t === type) return answer() as Promise<DnsAnswer<T>>;
      return base.resolve(n, t, options);
    },
  };
}

const evaluate = (resolver: DnsResolver, message: Buffer | string = signed, extra = {}) =>
  evaluateAuthentication(
    { message, envelope: spoofer, route: 'native', now: NOW },
    { ...policy, ...extra },
    resolver,
  );

beforeAll(async () => {
  key = rsaKey();
  signed = await sign(customerMessage(), [{ signingDomain: 'example.com', selector: 'rsa2026', key }]);
  zone = {
    [KEY_NAME]: keyRecord(key),
    'example.com': { TXT: ['v=spf1 ip4:192.0.2.0/24 -all'] },
    'spoof.test': { TXT: ['v=spf1 -all'] },
    '_dmarc.example.com': { TXT: ['v=DMARC1; p=reject'] },
  };
});

describe('DKIM key lookup outcomes', () => {
  const keyEntry = (v: Awaited<ReturnType<typeof evaluate>>) => v.dnsLog.find((e) => e.name === KEY_NAME);

  it('records: the key verifies, DMARC passes via DKIM', async () => {
    const v = await evaluate(createMemoryResolver(zone));
    expect(keyEntry(v)).toMatchObject({ outcome: 'records', code: null });
    expect(v.method).toBe('dkim');
  });

  it('NXDOMAIN is ENOTFOUND for mailauth: "no key", permanent, the spoof is rejected', async () => {
    const v = await evaluate(overriding(KEY_NAME, 'TXT', async () => ({ kind: 'nxdomain' })));
    expect(keyEntry(v)).toMatchObject({ outcome: 'nxdomain', code: 'ENOTFOUND' });
    expect(v.dkim[0]).toMatchObject({ result: 'neutral', comment: 'no key' });
    expect(v).toMatchObject({ disposition: 'reject', temporary: false });
  });

  it('no data is ENODATA for mailauth: "no key", permanent', async () => {
    const v = await evaluate(overriding(KEY_NAME, 'TXT', async () => ({ kind: 'nodata' })));
    expect(keyEntry(v)).toMatchObject({ outcome: 'nodata', code: 'ENODATA' });
    expect(v.dkim[0]).toMatchObject({ result: 'neutral', comment: 'no key' });
  });

  it('an empty records answer is read as no data (never handed to mailauth as [], which would read "invalid key")', async () => {
    const v = await evaluate(overriding(KEY_NAME, 'TXT', async () => ({ kind: 'records', records: [] })));
    expect(keyEntry(v)).toMatchObject({ outcome: 'empty-answer', code: 'ENODATA' });
    expect(v.dkim[0]).toMatchObject({ result: 'neutral', comment: 'no key' });
  });

  it('a transient error (SERVFAIL) on an aligned key is temperror and defers', async () => {
    const v = await evaluate(
      overriding(KEY_NAME, 'TXT', async () => ({ kind: 'error', transient: true, reason: 'servfail' })),
    );
    expect(keyEntry(v)).toMatchObject({ outcome: 'transient-error', code: 'ESERVFAIL', reason: 'servfail' });
    expect(v.dkim[0]?.result).toBe('temperror');
    expect(v).toMatchObject({ disposition: 'defer', temporary: true, state: 'temporary' });
    expect(v.reasons).toContain('dkim-temperror');
  });

  it('a permanent error is not temporary: the message gets its permanent disposition', async () => {
    const v = await evaluate(
      overriding(KEY_NAME, 'TXT', async () => ({ kind: 'error', transient: false, reason: 'other' })),
    );
    expect(keyEntry(v)).toMatchObject({ outcome: 'permanent-error' });
    expect(v).toMatchObject({ disposition: 'reject', temporary: false });
    expect(v.reasons).toContain('dns-permanent-error');
  });

  it('a resolver that rejects with a non-Error (a string) is a transient failure: defer', async () => {
    const v = await evaluate(overriding(KEY_NAME, 'TXT', () => Promise.reject('socket hang up')));
    expect(keyEntry(v)).toMatchObject({ outcome: 'resolver-threw', code: 'ESERVFAIL' });
    expect(v.disposition).toBe('defer');
  });

  it('a resolver that throws synchronously is a transient failure: defer', async () => {
    const v = await evaluate(
      overriding(KEY_NAME, 'TXT', () => {
        throw new RangeError('resolver bug');
      }),
    );
    expect(keyEntry(v)).toMatchObject({ outcome: 'resolver-threw' });
    expect(v.disposition).toBe('defer');
  });

  it('an answer of the wrong shape is an invalid answer: transient, defer', async () => {
    const v = await evaluate(overriding(KEY_NAME, 'TXT', async () => ({ kind: 'records', records: [42] })));
    expect(keyEntry(v)).toMatchObject({ outcome: 'invalid-answer', code: 'ESERVFAIL' });
    expect(v.disposition).toBe('defer');
  });

  it('a promise that never settles times out per query (ETIMEOUT) and defers well within the deadline', async () => {
    const started = performance.now();
    const v = await evaluate(overriding(KEY_NAME, 'TXT', () => new Promise(() => {})));
    const elapsed = performance.now() - started;
    expect(keyEntry(v)).toMatchObject({ outcome: 'timeout', code: 'ETIMEOUT' });
    expect(v).toMatchObject({ disposition: 'defer', temporary: true });
    expect(elapsed).toBeLessThan(2000); // the 100 ms per-query timeout, not the 5 s deadline, ended the wait
  });

  it('a never-settling _dmarc lookup under a long per-query timeout is cut by the evaluation deadline: defer', async () => {
    const started = performance.now();
    const v = await evaluateAuthentication(
      { message: customerMessage(), envelope: spoofer, route: 'native', now: NOW },
      { ...policy, dns: { queryTimeoutMs: 60_000, maxQueries: 50, deadlineMs: 150 } },
      createMemoryResolver({ ...zone, '_dmarc.example.com': { fail: 'hang' } }),
    );
    expect(performance.now() - started).toBeLessThan(3000); // the 150 ms deadline, not the 60 s query timeout
    expect(v.dnsLog.find((e) => e.name === '_dmarc.example.com')).toMatchObject({
      outcome: 'deadline',
      code: 'ETIMEOUT',
    });
    expect(v.dmarc.result).toBe('temperror');
    expect(v).toMatchObject({ disposition: 'defer', temporary: true });
    expect(v.reasons).toContain('dns-deadline');
  });

  it('in mode off, a temporary failure does not defer (nothing is held)', async () => {
    const v = await evaluate(
      overriding(KEY_NAME, 'TXT', async () => ({ kind: 'error', transient: true, reason: 'timeout' })),
      signed,
      {
        mode: 'off',
      },
    );
    expect(v.disposition).toBe('accept');
  });

  it('a temporary failure that cannot change the disposition does not defer (minimal mode, p=none)', async () => {
    const z = { ...zone, '_dmarc.example.com': { TXT: ['v=DMARC1; p=none'] } };
    const base = createMemoryResolver(z);
    const v = await evaluateAuthentication(
      { message: signed, envelope: spoofer, route: 'native', now: NOW },
      { ...policy, mode: 'minimal' },
      {
        resolve: (n, t, o) =>
          n === KEY_NAME
            ? Promise.resolve({ kind: 'error', transient: true, reason: 'timeout' } as never)
            : base.resolve(n, t, o),
      },
    );
    expect(v).toMatchObject({ disposition: 'accept', temporary: false });
    expect(v.reasons).toContain('dns-temperror-irrelevant');
  });
});

describe('CNAME chains and loops (createMemoryResolver)', () => {
  it('a DKIM key published through a two-step CNAME chain (ESP-hosted key) verifies', async () => {
    const v = await evaluate(
      createMemoryResolver({
        ...zone,
        [KEY_NAME]: { CNAME: 'rsa2026.example-com.dkim.esp.test' },
        'rsa2026.example-com.dkim.esp.test': { CNAME: 'k1.keys.esp.test.' },
        'k1.keys.esp.test': keyRecord(key),
      }),
    );
    expect(v.method).toBe('dkim');
  });

  it('a CNAME loop is a permanent cname-loop error: not temporary', async () => {
    const v = await evaluate(
      createMemoryResolver({
        ...zone,
        [KEY_NAME]: { CNAME: 'a.loop.test' },
        'a.loop.test': { CNAME: KEY_NAME },
      }),
    );
    expect(v.dnsLog.find((e) => e.name === KEY_NAME)).toMatchObject({
      outcome: 'permanent-error',
      reason: 'cname-loop',
    });
    expect(v).toMatchObject({ temporary: false, disposition: 'reject' });
  });

  it('createMemoryResolver answers each outcome in the node:dns sense', async () => {
    const r = createMemoryResolver({
      'Example.COM.': { TXT: ['v=spf1 -all', ['part one ', 'part two']], A: [] },
      'x.deep.example.net': { A: ['192.0.2.1'] },
      'slow.example.net': { fail: { TXT: 'timeout' }, A: ['192.0.2.2'] },
    });
    const signal = new AbortController().signal;
    expect(await r.resolve('example.com', 'TXT', { signal })).toEqual({
      kind: 'records',
      records: [['v=spf1 -all'], ['part one ', 'part two']],
    });
    expect(await r.resolve('example.com', 'A', { signal })).toEqual({ kind: 'nodata' });
    expect(await r.resolve('example.com', 'MX', { signal })).toEqual({ kind: 'nodata' });
    expect(await r.resolve('nope.example.com', 'TXT', { signal })).toEqual({ kind: 'nxdomain' });
    expect(await r.resolve('deep.example.net', 'A', { signal })).toEqual({ kind: 'nodata' }); // empty non-terminal
    expect(await r.resolve('slow.example.net', 'TXT', { signal })).toEqual({
      kind: 'error',
      transient: true,
      reason: 'timeout',
    });
    expect(await r.resolve('slow.example.net', 'A', { signal })).toEqual({
      kind: 'records',
      records: ['192.0.2.2'],
    });
    expect(await r.resolve('a..b', 'A', { signal })).toEqual({
      kind: 'error',
      transient: false,
      reason: 'badname',
    });
    expect(() => createMemoryResolver({ 'x.test': { TXT: 'v=spf1' as never } })).toThrow(/must be an array/);
  });
});

describe('query budget and SPF void lookups', () => {
  it('budget exhaustion: queries past maxQueries are not sent, logged as budget-exceeded; the message is never accepted', async () => {
    const z: DnsZone = {
      ...zone,
      'spoof.test': { TXT: ['v=spf1 include:a.spoof.test include:b.spoof.test include:c.spoof.test -all'] },
      'a.spoof.test': { TXT: ['v=spf1 -all'] },
      'b.spoof.test': { TXT: ['v=spf1 -all'] },
      'c.spoof.test': { TXT: ['v=spf1 -all'] },
      '_dmarc.example.com': { TXT: ['v=DMARC1; p=none'] },
    };
    const unsigned = customerMessage();
    const v = await evaluateAuthentication(
      { message: unsigned, envelope: spoofer, route: 'native', now: NOW },
      { ...policy, mode: 'minimal', dns: { ...policy.dns, maxQueries: 2 } },
      createMemoryResolver(z),
    );
    expect(v.dnsQueries).toBe(2);
    expect(v.dnsLog.some((e) => e.outcome === 'budget-exceeded' && e.code === 'ENOTFOUND')).toBe(true);
    expect(v.reasons).toContain('dns-budget-exceeded');
    // Without the budget this p=none spoof is accepted in minimal mode; with it, it is held as unverifiable.
    expect(v).toMatchObject({ state: 'unverifiable', disposition: 'suspend' });
    const unbounded = await evaluateAuthentication(
      { message: unsigned, envelope: spoofer, route: 'native', now: NOW },
      { ...policy, mode: 'minimal' },
      createMemoryResolver(z),
    );
    expect(unbounded.disposition).toBe('accept');
  });

  it('no data is thrown to SPF as ENODATA, so the RFC 7208 void-lookup limit works (3 voids → permerror)', async () => {
    const z: DnsZone = {
      ...zone,
      'spoof.test': { TXT: ['v=spf1 a:v1.spoof.test a:v2.spoof.test a:v3.spoof.test -all'] },
      'v1.spoof.test': { TXT: ['x'] },
      'v2.spoof.test': { TXT: ['x'] },
      'v3.spoof.test': { TXT: ['x'] },
    };
    const v = await evaluate(createMemoryResolver(z), customerMessage());
    expect(v.spf.result).toBe('permerror');
  });
});
