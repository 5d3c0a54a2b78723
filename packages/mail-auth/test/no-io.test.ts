import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { customerMessage, keyRecord, NOW, rsaKey, seal, sign } from './support/signing.js';

// Nothing reached from the package entry may perform I/O: every DNS, socket, HTTP, fetch and host-name entry
// point is replaced by a trap that records the call and throws, then real evaluations run (DKIM, SPF with
// a/mx/ptr/exists terms, ARC, DMARC with np). mailauth is CommonJS and requires node:dns itself, so the traps
// go onto the built-in module objects (shared by require and import); vi.mock covers ESM importers and makes
// undici / @postalsys/vmc fail to load at all.

const calls: string[] = [];
const trap =
  (what: string) =>
  (..._args: unknown[]): never => {
    calls.push(what);
    throw new Error(`I/O attempted from @mailroom/mail-auth: ${what}`);
  };

vi.mock('undici', () => {
  throw new Error('undici must not be loaded by @mailroom/mail-auth');
});
vi.mock('@postalsys/vmc', () => {
  throw new Error('@postalsys/vmc must not be loaded by @mailroom/mail-auth');
});

const require = createRequire(import.meta.url);
const restore: (() => void)[] = [];
function patch(target: Record<string, unknown>, name: string, label: string): void {
  const original = target[name];
  target[name] = trap(label);
  restore.push(() => {
    target[name] = original;
  });
}

beforeAll(() => {
  const dns = require('node:dns') as Record<string, unknown> & { promises: Record<string, unknown> };
  for (const fn of [
    'resolve',
    'resolve4',
    'resolve6',
    'resolveTxt',
    'resolveMx',
    'resolvePtr',
    'resolveCname',
    'resolveAny',
    'reverse',
    'lookup',
  ]) {
    patch(dns, fn, `node:dns.${fn}`);
    patch(dns.promises, fn, `node:dns.promises.${fn}`);
  }
  const os = require('node:os') as Record<string, unknown>;
  for (const fn of ['hostname', 'networkInterfaces', 'userInfo']) patch(os, fn, `node:os.${fn}`);
  const net = require('node:net') as Record<string, unknown> & {
    Socket: { prototype: Record<string, unknown> };
  };
  patch(net, 'connect', 'node:net.connect');
  patch(net, 'createConnection', 'node:net.createConnection');
  patch(net.Socket.prototype, 'connect', 'net.Socket#connect');
  for (const mod of ['node:http', 'node:https']) {
    const m = require(mod) as Record<string, unknown>;
    patch(m, 'request', `${mod}.request`);
    patch(m, 'get', `${mod}.get`);
  }
  patch(require('node:tls') as Record<string, unknown>, 'connect', 'node:tls.connect');
  vi.stubGlobal('fetch', trap('fetch'));
});

afterAll(() => {
  for (const undo of restore.reverse()) undo();
  vi.unstubAllGlobals();
});

describe('no I/O from @mailroom/mail-auth', () => {
  it('the traps are live for CommonJS callers (a mailauth-style dns.promises.resolve call is caught)', async () => {
    const dns = require('node:dns') as { promises: { resolve: (n: string, t: string) => Promise<unknown> } };
    expect(() => dns.promises.resolve('example.com', 'TXT')).toThrow(/I\/O attempted/);
    expect(calls).toEqual(['node:dns.promises.resolve']);
    calls.length = 0;
  });

  it('DKIM, SPF (a, mx, ptr, exists, include), ARC and DMARC (np) evaluate without any I/O call or network module', async () => {
    const { createMemoryResolver, evaluateAuthentication } = await import('@mailroom/mail-auth');
    const key = rsaKey();
    const fwd = rsaKey();
    const zone = {
      'rsa2026._domainkey.example.com': keyRecord(key),
      'arc2026._domainkey.forwarder.test': keyRecord(fwd),
      'example.com': {
        TXT: ['v=spf1 a mx ptr exists:%{i}.spf.example.com include:_spf.example.net -all'],
        A: ['192.0.2.1'],
        MX: [{ exchange: 'mx.example.com', priority: 10 }],
      },
      'mx.example.com': { A: ['192.0.2.2'] },
      '_spf.example.net': { TXT: ['v=spf1 ip4:198.51.100.0/24 -all'] },
      '5.100.51.198.in-addr.arpa': { PTR: ['lists.forwarder.test'] },
      '_dmarc.example.com': { TXT: ['v=DMARC1; p=reject; np=reject; sp=quarantine'] },
    };
    const signed = await sign(customerMessage(), [
      { signingDomain: 'example.com', selector: 'rsa2026', key },
    ]);
    const forwarded = await seal(
      Buffer.from(signed.toString().replace('Subject: ', 'Subject: [list] ')),
      'forwarder.test',
      fwd,
      'forwarder.test; dkim=pass header.d=example.com; dmarc=pass header.from=example.com',
    );
    const policy = {
      authservId: 'mx.helpdesk.example',
      mode: 'native' as const,
      trustedArcSealers: ['forwarder.test'],
    };
    const nowCalls = vi.spyOn(Date, 'now');
    const direct = await evaluateAuthentication(
      {
        message: signed,
        envelope: { clientIp: '198.51.100.5', helo: '', mailFrom: 'bounces@example.com', rcptTo: [] },
        route: 'native',
        now: NOW,
      },
      policy,
      createMemoryResolver(zone),
    );
    const viaList = await evaluateAuthentication(
      {
        message: forwarded,
        envelope: { clientIp: '203.0.113.5', helo: 'lists.forwarder.test', mailFrom: null, rcptTo: [] },
        route: 'forwarded',
        now: NOW,
      },
      policy,
      createMemoryResolver(zone),
    );
    const subdomain = await evaluateAuthentication(
      {
        message: customerMessage('X <x@gone.example.com>'),
        envelope: { clientIp: '203.0.113.5', helo: 'h.test', mailFrom: 'x@gone.example.com', rcptTo: [] },
        route: 'native',
        now: NOW,
      },
      policy,
      createMemoryResolver(zone),
    );
    const clockReads = nowCalls.mock.calls.length;
    nowCalls.mockRestore();
    expect(direct).toMatchObject({ method: 'dkim', spf: { result: 'pass' } });
    expect(viaList).toMatchObject({ method: 'arc', arc: { result: 'pass' } });
    expect(subdomain.dmarc).toMatchObject({ result: 'fail', policy: 'reject' }); // np=reject: the name does not exist
    expect(calls).toEqual([]);
    expect(clockReads).toBe(0);
    const loaded = Object.keys(require.cache);
    expect(loaded.filter((p) => /[\\/](undici|@postalsys[\\/]vmc|fast-xml-parser)[\\/]/.test(p))).toEqual([]);
  });
});
