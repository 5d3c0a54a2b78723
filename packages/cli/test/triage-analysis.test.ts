import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The triage columns that come from header-classifier, requester-resolver and loop-detector, through the built bin.
const root = new URL('../../../', import.meta.url).pathname;
const bin = join(root, 'packages/cli/dist/bin.js');
const tmp = mkdtempSync(join(tmpdir(), 'mailroom-triage-analysis-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function mailroom(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

type Row = Record<string, unknown>;
const rows = (stdout: string): Row[] =>
  stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Row);

const byFile = (all: Row[], suffix: string): Row => {
  const row = all.find((r) => String(r['file']).endsWith(suffix));
  if (row === undefined) throw new Error(`no row for ${suffix}`);
  return row;
};

describe('mailroom triage: kind, requester and decision columns', () => {
  const sample = rows(
    mailroom([
      'triage',
      '--json',
      '--support-address',
      'support@acme.example',
      '--agent-address',
      '*@acme.example',
      'examples/mail',
    ]).stdout,
  );

  it('classifies the sample mail (kind, categories, automated, evidence)', () => {
    expect(byFile(sample, '01-customer-request-outlook.eml')).toMatchObject({
      kind: 'human',
      automated: false,
    });
    expect(byFile(sample, '04-out-of-office-exchange.eml')).toMatchObject({
      kind: 'out-of-office',
      automated: true,
    });
    expect(byFile(sample, '06-bounce-postfix.eml')['categories']).toContain('bounce');
    expect(byFile(sample, '08-newsletter.eml')['kind']).toBe('bulk');
    const zendesk = byFile(sample, '11-zendesk-agent-reply.eml');
    expect(zendesk).toMatchObject({ kind: 'helpdesk', automated: false });
    expect(zendesk['helpdesk']).toMatchObject({ product: 'zendesk' });
    expect((byFile(sample, '04-out-of-office-exchange.eml')['evidence'] as unknown[]).length).toBeGreaterThan(
      0,
    );
  });

  it('REQ-1: the requester of a customer mail is its sender; OUT-3: the recipient is the support address written to', () => {
    const request = byFile(sample, '01-customer-request-outlook.eml');
    expect(request['requester']).toMatchObject({ address: 'dana.whitfield@northwind.example' });
    expect(request['recipient']).toBe('support@acme.example');
  });

  it('an agent forwarding a customer mail makes the original author the requester', () => {
    const forward = byFile(sample, '14-agent-forward-outlook.eml');
    expect(forward['requester']).toMatchObject({ source: 'forwarded-original' });
    expect((forward['requester'] as Row)['address']).not.toMatch(/@acme\.example$/);
  });

  it("REQ-1: a forward sent as an attachment (Outlook message/rfc822) makes the attached mail's author the requester", () => {
    const forward = byFile(sample, '15-agent-forward-as-attachment-outlook.eml');
    expect(forward['requester']).toMatchObject({
      address: 'marcus.lindqvist@fernbrook.example',
      name: 'Marcus Lindqvist',
      source: 'forwarded-original',
    });
    expect((forward['warnings'] as Row[]).map((w) => w['code'])).not.toContain(
      'forwarded-original-not-found',
    );
  });

  it('LOOP-5: an out-of-office is suspended and says why; LOOP-2: another helpdesk is accepted with automatic notifications suppressed', () => {
    const ooo = byFile(sample, '04-out-of-office-exchange.eml');
    expect(ooo['decision']).toBe('suspend');
    expect((ooo['reasons'] as Row[]).map((r) => r['rule'])).toContain('LOOP-5');
    const zendesk = byFile(sample, '11-zendesk-agent-reply.eml');
    expect(zendesk['decision']).toBe('accept');
    expect(zendesk['suppress']).toMatchObject({ automatic: true });
  });

  it('LOOP-6: in the loop mailbox the 21st message is suspended and the 41st rejected', () => {
    const loop = rows(mailroom(['triage', '--json', 'examples/mail/loop.mbox']).stdout);
    expect(loop.length).toBeGreaterThanOrEqual(41);
    const decisions = loop.map((r) => r['decision']);
    expect(decisions.slice(0, 20).every((d) => d === 'accept')).toBe(true);
    expect(decisions[20]).toBe('suspend');
    expect(decisions.slice(20, 40).every((d) => d === 'suspend')).toBe(true);
    expect(decisions[40]).toBe('reject');
    expect((loop[20]!['reasons'] as Row[]).map((r) => r['rule'])).toContain('LOOP-6');
  });

  it('--policy takes a preset or a policy file, and a bad one is a usage error', () => {
    expect(
      mailroom(['triage', '--policy', 'zendesk', 'examples/mail/01-customer-request-outlook.eml']).status,
    ).toBe(0);
    const good = join(tmp, 'policy.json');
    writeFileSync(good, JSON.stringify({ preset: 'atera', company: 'acme' }));
    expect(
      mailroom(['triage', '--policy', good, 'examples/mail/01-customer-request-outlook.eml']).status,
    ).toBe(0);
    const bad = join(tmp, 'bad.json');
    writeFileSync(bad, JSON.stringify({ preset: 'nonsense', inboundLimit: 3 }));
    const r = mailroom(['triage', '--policy', bad, 'examples/mail']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--policy preset');
    expect(mailroom(['triage', '--policy', join(tmp, 'missing.json'), 'examples/mail']).status).toBe(2);
  });

  it('--context is read as the resolver context, and an invalid address is a usage error', () => {
    const context = join(tmp, 'context.json');
    writeFileSync(
      context,
      JSON.stringify({ supportAddresses: ['support@acme.example'], replyToPolicy: 'from-only' }),
    );
    const r = mailroom([
      'triage',
      '--json',
      '--context',
      context,
      'examples/mail/01-customer-request-outlook.eml',
    ]);
    expect(r.status).toBe(0);
    expect(rows(r.stdout)[0]!['recipient']).toBe('support@acme.example');
    const bad = mailroom(['triage', '--support-address', 'not an address', 'examples/mail']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--support-address');
  });
});
