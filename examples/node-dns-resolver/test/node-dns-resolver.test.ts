import { evaluateAuthentication } from '@mailroom/mail-auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeDnsResolver } from '../src/index.js';
import { startFakeDns } from './fake-dns-server.js';

// Loopback only: the resolver is pointed at a fake DNS server on 127.0.0.1; no external network is used.
let dns: Awaited<ReturnType<typeof startFakeDns>>;
const signal = () => new AbortController().signal;

beforeAll(async () => {
  dns = await startFakeDns({
    'example.com': [
      { type: 'TXT', strings: ['v=spf1 ip4:192.0.2.0/24 -all'] },
      { type: 'A', address: '192.0.2.1' },
      { type: 'MX', priority: 10, exchange: 'mx.example.com' },
    ],
    '_dmarc.example.com': [{ type: 'TXT', strings: ['v=DMARC1; ', 'p=reject'] }],
    'alias.example.com': [{ type: 'CNAME', target: 'example.com' }],
    'broken.example.com': 'servfail',
    'slow.example.com': 'silent',
  });
});
afterAll(() => dns.close());

describe('createNodeDnsResolver against a loopback fake DNS server', () => {
  const resolver = () => createNodeDnsResolver({ servers: [dns.server], timeoutMs: 150, tries: 1 });

  it('maps node:dns answers and error codes to DnsAnswer outcomes', async () => {
    const r = resolver();
    expect(await r.resolve('example.com', 'TXT', { signal: signal() })).toEqual({
      kind: 'records',
      records: [['v=spf1 ip4:192.0.2.0/24 -all']],
    });
    expect(await r.resolve('_dmarc.example.com', 'TXT', { signal: signal() })).toEqual({
      kind: 'records',
      records: [['v=DMARC1; ', 'p=reject']],
    });
    expect(await r.resolve('example.com', 'MX', { signal: signal() })).toEqual({
      kind: 'records',
      records: [{ exchange: 'mx.example.com', priority: 10 }],
    });
    expect(await r.resolve('alias.example.com', 'A', { signal: signal() })).toEqual({
      kind: 'records',
      records: ['192.0.2.1'],
    });
    expect(await r.resolve('example.com', 'AAAA', { signal: signal() })).toEqual({ kind: 'nodata' });
    expect(await r.resolve('nope.example.com', 'TXT', { signal: signal() })).toEqual({ kind: 'nxdomain' });
    expect(await r.resolve('broken.example.com', 'TXT', { signal: signal() })).toEqual({
      kind: 'error',
      transient: true,
      reason: 'servfail',
    });
    expect(await r.resolve('slow.example.com', 'TXT', { signal: signal() })).toEqual({
      kind: 'error',
      transient: true,
      reason: 'timeout',
    });
  });

  it('an aborted query is cancelled and reported as a timeout', async () => {
    const controller = new AbortController();
    const pending = createNodeDnsResolver({ servers: [dns.server], timeoutMs: 5000, tries: 1 }).resolve(
      'slow.example.com',
      'TXT',
      {
        signal: controller.signal,
      },
    );
    setTimeout(() => controller.abort(), 50);
    expect(await pending).toEqual({ kind: 'error', transient: true, reason: 'timeout' });
  });

  it('drives evaluateAuthentication end to end: an unsigned spoof of example.com (p=reject) is rejected', async () => {
    const verdict = await evaluateAuthentication(
      {
        message:
          'From: Alice <alice@example.com>\r\nTo: support@helpdesk.example\r\nSubject: hi\r\n\r\nhello\r\n',
        envelope: {
          clientIp: '203.0.113.66',
          helo: 'vps.hosting.test',
          mailFrom: 'alice@example.com',
          rcptTo: [],
        },
        route: 'native',
        now: new Date('2026-03-02T09:16:30Z'),
      },
      {
        authservId: 'mx.helpdesk.example',
        mode: 'native',
        dns: { queryTimeoutMs: 500, maxQueries: 20, deadlineMs: 3000 },
      },
      createNodeDnsResolver({ servers: [dns.server], timeoutMs: 300, tries: 1 }),
    );
    expect(verdict).toMatchObject({
      spf: { result: 'fail' },
      dmarc: { result: 'fail', policy: 'reject' },
      disposition: 'reject',
    });
    expect(dns.queries.length).toBeGreaterThan(0);
  });
});
