// Runs the built `mailroom` bin (tests run against dist: `pnpm build` first) on the sample configurations in
// examples/configs/ and on broken input made here.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const bin = join(root, 'packages/cli/dist/bin.js');
const samples = join(root, 'examples/configs');

function run(...args: string[]): { code: number; stdout: string; stderr: string } {
  try {
    const stdout = execFileSync(process.execPath, [bin, 'check-config', ...args], {
      cwd: root,
      encoding: 'utf8',
      stdio: 'pipe',
    });
    return { code: 0, stdout, stderr: '' };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { code: e.status, stdout: e.stdout, stderr: e.stderr };
  }
}

const scratch = mkdtempSync(join(tmpdir(), 'mailroom-check-config-'));
function file(name: string, content: string): string {
  const p = join(scratch, name);
  writeFileSync(p, content);
  return p;
}

describe('mailroom check-config', () => {
  it('exits 0 and says "no problems" for the valid sample', () => {
    const r = run(join(samples, 'smtp-connector.valid.json'), '--context', join(samples, 'context.json'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('smtp-connector: no problems');
  });

  it('SMTP-2: exits 1 and lists severity, rule, path, message and fix for the broken sample', () => {
    const r = run(join(samples, 'smtp-connector.broken.json'), '--context', join(samples, 'context.json'));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/8 errors, 2 warnings/);
    expect(r.stdout).toMatch(/error {4}SMTP-2 {3}\$\.mode/);
    expect(r.stdout).toContain('fix: Use mode "outbound-only"');
    expect(r.stdout).toMatch(/warning {2}SMTP-8 {3}\$\.domains\[0\]\.addresses\[1\]\.type/);
    for (const rule of ['SMTP-1', 'SMTP-4', 'SMTP-5', 'SMTP-6', 'SMTP-12', 'SMTP-14', 'SMTP-15'])
      expect(r.stdout).toContain(` ${rule} `);
  });

  it('CSMTP-1: prints JSON with --json; warnings alone exit 0', () => {
    const warningsOnly = file(
      'no-test-send.json',
      JSON.stringify({
        kind: 'custom-smtp',
        supportAddress: 'support@tailspintoys.com',
        host: 'smtp.tailspintoys.com',
        port: 587,
        tls: 'starttls',
        username: 'support@tailspintoys.com',
        password: 'Zr5!mW8#tailspin',
      }),
    );
    const r = run(warningsOnly, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({
      kind: 'custom-smtp',
      valid: true,
      problems: [{ rule: 'CSMTP-1', severity: 'warning', path: '$.testSend' }],
    });
  });

  it('detects the kind of each file and exits 1 when any has errors', () => {
    const exchange = file(
      'exchange.json',
      JSON.stringify({
        kind: 'exchange-connector',
        mailbox: 'support@contoso.com',
        deployment: 'exchange-server',
        ccsAndFollowersEnabled: true,
      }),
    );
    const r = run(join(samples, 'smtp-connector.valid.json'), exchange);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('exchange-connector: 1 error, 0 warnings');
    expect(r.stdout).toContain('EXCH-1');
  });

  it('exits 1 for a file that is not JSON or has no known kind', () => {
    const notJson = run(file('broken.json', '{ "kind": "smtp-connector", '));
    expect(notJson.code).toBe(1);
    expect(notJson.stdout).toContain('not valid JSON');
    const noKind = run(file('nokind.json', JSON.stringify({ host: 'smtp.office365.com' })));
    expect(noKind.code).toBe(1);
    expect(noKind.stdout).toContain('set "kind" to one of smtp-connector');
  });

  it('exits 2 on usage errors: no file, missing file, unknown option, unreadable context', () => {
    expect(run().code).toBe(2);
    expect(run(join(scratch, 'missing.json')).code).toBe(2);
    expect(run(join(samples, 'smtp-connector.valid.json'), '--frobnicate').code).toBe(2);
    const badContext = run(join(samples, 'smtp-connector.valid.json'), '--context', file('ctx.json', '[1]'));
    expect(badContext.code).toBe(2);
    expect(badContext.stderr).toContain('must be a JSON object');
  });
});
