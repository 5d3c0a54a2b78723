import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Runs the built bin (packages/cli/dist/bin.js) on the fixtures in test/fixtures/auth (see its README).
const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const fixtures = fileURLToPath(new URL('./fixtures/auth/', import.meta.url));

function mailroom(args: string[]): { status: number; stdout: string; stderr: string } {
  try {
    const stdout = execFileSync(process.execPath, [bin, ...args], {
      cwd: fixtures,
      encoding: 'utf8',
      stdio: 'pipe',
    });
    return { status: 0, stdout, stderr: '' };
  } catch (err) {
    const e = err as { status: number; stdout: string; stderr: string };
    return { status: e.status, stdout: e.stdout, stderr: e.stderr };
  }
}

const common = [
  '--zone',
  'zone.json',
  '--now',
  '2026-03-02T09:16:30Z',
  '--authserv-id',
  'mx.helpdesk.example',
];

describe('mailroom auth', () => {
  it('AUTH-4: prints an authenticated verdict, its reasons and the A-R value for a DKIM-signed message (exit 0)', () => {
    const r = mailroom([
      'auth',
      'signed.eml',
      ...common,
      '--ip',
      '192.0.2.10',
      '--helo',
      'mail.example.com',
      '--mail-from',
      'bounces+7f3a@mail.example.com',
    ]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('verdict: authenticated (dkim)');
    expect(r.stdout).toContain('disposition: accept');
    expect(r.stdout).toContain('reasons: dmarc-pass');
    expect(r.stdout).toContain('dkim: pass d=example.com s=s2026 a=rsa-sha256 counted aligned');
    expect(r.stdout).toContain('Authentication-Results: mx.helpdesk.example; dkim=pass header.d=example.com');
  });

  it('AUTH-4: an unsigned spoof to the native address in Enhanced mode is rejected (exit 1)', () => {
    const r = mailroom([
      'auth',
      'spoof.eml',
      ...common,
      '--ip',
      '203.0.113.66',
      '--helo',
      'vps.hosting.test',
      '--mail-from',
      'bounce@hosting.test',
    ]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('verdict: not authenticated');
    expect(r.stdout).toContain('disposition: reject');
    expect(r.stdout).toContain('reasons: dmarc-fail, dmarc-policy-reject');
  });

  it('AUTH-3: the same spoof over the authenticated connector for example.com is accepted, as JSON', () => {
    const r = mailroom([
      'auth',
      'spoof.eml',
      ...common,
      '--ip',
      '198.51.100.77',
      '--helo',
      'smtp.acme.test',
      '--mail-from',
      'bounce@hosting.test',
      '--route',
      'connector',
      '--connector',
      'conn-acme-1',
      '--connector-domain',
      'example.com',
      '--json',
    ]);
    expect(r.status).toBe(0);
    const verdict = JSON.parse(r.stdout) as { method: string; relay: unknown };
    expect(verdict.method).toBe('authenticated-relay');
    expect(verdict.relay).toEqual({ authenticated: true, connectorId: 'conn-acme-1' });
  });

  it('reports usage errors with exit 2', () => {
    const r = mailroom(['auth', 'signed.eml', '--zone', 'zone.json', '--mode', 'enhanced']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--mode must be one of off, minimal, native, native-and-forwarded');
    expect(r.stderr).toContain('--ip is required');
  });
});
