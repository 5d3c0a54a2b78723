import { mayAutoReply } from '@mailroom/loop-detector';
import { describe, expect, it } from 'vitest';
import { mail, NOW, policy } from './helpers.js';

const msg = (lines: string[] = []) => ({
  headers: mail(lines),
  envelope: { mailFrom: 'ann@example.com', rcptTo: 'help@acme.example' },
});

describe('mayAutoReply', () => {
  it('LOOP-1: answers a personal message once per sender per period (RFC 3834 §2)', () => {
    expect(mayAutoReply(msg(), { policy }).reply).toBe(true);
    const again = mayAutoReply(msg(), { policy, lastReplyMs: NOW - 3_600_000, nowMs: NOW });
    expect(again.reply).toBe(false);
    expect(again.reasons[0]?.code).toBe('already-answered');
    expect(mayAutoReply(msg(), { policy, lastReplyMs: NOW - 8 * 86_400_000, nowMs: NOW }).reply).toBe(true);
  });

  it('LOOP-4: never answers the helpdesk’s own support or system addresses; LOOP-3: nor partners', () => {
    const own = mayAutoReply(
      { ...msg(), envelope: { mailFrom: 'bot@acme.helpdesk.example', rcptTo: 'help@acme.example' } },
      { policy },
    );
    expect(own.reasons.map((r) => r.rule)).toContain('LOOP-4');
    const partner = mayAutoReply(
      { ...msg(), envelope: { mailFrom: 'support@partner.example', rcptTo: 'help@acme.example' } },
      { policy },
    );
    expect(partner.reasons.map((r) => r.code)).toContain('partner-address');
  });

  it('LOOP-5: never answers machine mail or a null sender', () => {
    expect(mayAutoReply(msg(['Auto-Submitted: auto-replied'])).reply).toBe(false);
    expect(mayAutoReply(msg(['From: no-reply@shop.example']), {}).reply).toBe(false);
    expect(
      mayAutoReply({ ...msg(), envelope: { mailFrom: '<>', rcptTo: 'help@acme.example' } }).reasons[0]?.code,
    ).toBe('null-sender');
  });

  it('LOOP-2: never answers a helpdesk agent reply stamped X-Auto-Response-Suppress: All', () => {
    const v = mayAutoReply(
      msg([
        'X-Mailer: Zendesk Mailer',
        'X-Zendesk-From-Account-Id: 1a2b3c4',
        'Auto-Submitted: auto-generated',
        'X-Auto-Response-Suppress: All',
      ]),
    );
    expect(v.reply).toBe(false);
  });
});
