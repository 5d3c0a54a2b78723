import { parseHeaders } from '@mailroom/headers';
import { decideInbound, outboundHeaders } from '@mailroom/loop-detector';
import { describe, expect, it } from 'vitest';
import { mail, NOW, policy } from './helpers.js';

const decide = (raw: string, extra: Partial<Parameters<typeof decideInbound>[0]> = {}) =>
  decideInbound({ headers: raw, nowMs: NOW, ...extra }, policy);
const codes = (d: ReturnType<typeof decideInbound>) => d.reasons.map((r) => r.code);

describe('decideInbound', () => {
  it('accepts a plain human message with no reason and nothing suppressed', () => {
    const d = decide(mail([]));
    expect(d.action).toBe('accept');
    expect(d.reasons).toEqual([]);
    expect(d.suppress).toEqual({ automatic: false, all: false });
    expect(d.requester).toBe('ann@example.com');
  });

  it('LOOP-2: an agent reply sent through Zendesk is accepted, automatic notifications suppressed, with a marker', () => {
    const d = decide(
      mail([
        'From: Travis CI Support <support@travis-ci.example>',
        'X-Mailer: Zendesk Mailer',
        'X-Zendesk-From-Account-Id: 1a2b3c4',
        'X-Zendesk-Email-Id: 01HQZ5N4XK',
        'Auto-Submitted: auto-generated',
        'X-Auto-Response-Suppress: All',
        'Message-ID: <6VK3ZQ8E1M_65f1e2a3b4c5d_sprut@zendesk.com>',
      ]),
    );
    expect(d.action).toBe('accept');
    expect(d.suppress.automatic).toBe(true);
    expect(d.reasons).toContainEqual(expect.objectContaining({ code: 'other-helpdesk', rule: 'LOOP-2' }));
    expect(d.markers.map((m) => m.code)).toContain('automatic-notifications-suppressed');
  });

  it('LOOP-3: mail from a partner helpdesk address is rejected', () => {
    const d = decide(mail(['From: Partner Support <support@partner.example>']));
    expect(d.action).toBe('reject');
    expect(d.reasons[0]).toMatchObject({ code: 'partner-address', rule: 'LOOP-3' });
  });

  it('LOOP-4: mail from our own support address (or one of its aliases) is rejected as a loop', () => {
    expect(codes(decide(mail(['From: help@acme.example'])))).toContain('from-support-address');
    expect(decide(mail(['From: <SUPPORT@Acme-Widgets.example>'])).action).toBe('reject');
  });

  it('LOOP-4: mail from a system address pattern is rejected', () => {
    const d = decide(mail(['From: notifications@acme.helpdesk.example']));
    expect(d.action).toBe('reject');
    expect(codes(d)).toContain('from-system-address');
  });

  it('LOOP-4: a Reply-To naming our support address is a loop: held for review', () => {
    const d = decide(mail(['Reply-To: help@acme.example']));
    expect(d.action).toBe('suspend');
    expect(codes(d)).toContain('requester-is-support-address');
  });

  const ours = (from = 'From: <help@acme.example>') => {
    const headers = outboundHeaders(
      'automatic',
      { ticket: '4711', id: 'n9', inReplyTo: '<CAF7x2b9Q@mail.gmail.com>' },
      policy,
    );
    return mail([
      from,
      'To: ann@example.com',
      'Subject: [#4711] Received: Printer',
      ...headers.map((h) => `${h.name}: ${h.value}`),
    ]);
  };

  it('LOOP-4: our own notification coming back (identification header AND signed marker) is rejected', () => {
    const d = decide(ours('From: <forwarder@customer.example>'));
    expect(d.action).toBe('reject');
    expect(d.reasons[0]).toMatchObject({ code: 'own-mail-returned', rule: 'LOOP-4' });
    expect(d.reasons[0]?.detail).toContain('4711');
  });

  it('LOOP-4: the identification header without a valid marker is not proof (a forged marker is ignored)', () => {
    const raw = ours('From: <forwarder@customer.example>')
      .replace(/(X-Mailroom-Marker: mr1\.a\.4711\.n9\.)[0-9a-f]/, '$1z')
      .replace(/(Message-ID: <mr1\.a\.4711\.n9\.)[0-9a-f]/, '$1z');
    expect(codes(decide(raw))).not.toContain('own-mail-returned');
  });

  it('LOOP-4: a valid marker signed with another key is not ours', () => {
    const other = { ...policy, markerKey: new Uint8Array(32).fill(1) };
    const headers = outboundHeaders('automatic', { ticket: '4711', id: 'n9' }, other);
    const raw = mail(['From: <forwarder@customer.example>', ...headers.map((h) => `${h.name}: ${h.value}`)]);
    expect(codes(decide(raw))).not.toContain('own-mail-returned');
  });

  it('LOOP-1: a reply to our automatic notification is accepted but never answered automatically', () => {
    const id = outboundHeaders('automatic', { ticket: '4711', id: 'n9' }, policy)[0]!.value;
    const d = decide(
      mail([`In-Reply-To: ${id}`, `References: ${id}`, 'Subject: Re: [#4711] Received: Printer']),
    );
    expect(d.action).toBe('accept');
    expect(d.suppress.automatic).toBe(true);
    expect(d.repliesTo).toMatchObject({ kind: 'automatic', ticket: '4711' });
    expect(codes(d)).toContain('reply-to-automatic');
  });

  it.each([
    ['auto-reply', ['Auto-Submitted: auto-replied', 'Subject: Automatic reply: Printer stopped working']],
    [
      'bounce',
      [
        'From: Mail Delivery System <MAILER-DAEMON@mx.example.com>',
        'Subject: Undelivered Mail Returned to Sender',
        'Return-Path: <>',
        'X-Failed-Recipients: nobody@example.com',
      ],
    ],
    ['no-reply-sender', ['From: Shop <no-reply@shop.example>']],
    [
      'bulk',
      [
        'From: News <news@shop.example>',
        'List-Unsubscribe: <https://shop.example/u/1>',
        'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
        'Precedence: bulk',
        'Feedback-ID: 1:2:3:esp',
      ],
    ],
  ])('LOOP-5: %s is suspended, with automatic notifications suppressed', (code, lines) => {
    const d = decide(mail(lines));
    expect(d.action).toBe('suspend');
    expect(codes(d)).toContain(code);
    expect(d.reasons.find((r) => r.code === code)?.rule).toBe('LOOP-5');
    expect(d.suppress.automatic).toBe(true);
  });

  it('LOOP-5: the same auto-reply from an allowlisted sender is accepted, automatic notifications suppressed', () => {
    const d = decide(
      mail(['From: Orders <orders@trusted-vendor.example>', 'Auto-Submitted: auto-generated']),
    );
    expect(d.action).toBe('accept');
    expect(d.suppress.automatic).toBe(true);
    expect(codes(d)).toContain('allowlisted');
  });

  it('LOOP-6: the 21st update within an hour is suspended, the 41st rejected; state goes in and comes out', () => {
    const state = new Map<string, unknown>();
    const actions: string[] = [];
    for (let i = 0; i < 45; i++) {
      const d = decideInbound(
        {
          headers: mail(
            [`Subject: Update ${i} on my printer ${'abcdefghijklmnopqrstuvwxyz'.slice(i % 26)}`],
            `Update number ${'xyz'.repeat(i + 1)}`,
          ),
          nowMs: NOW + i * 60_000,
          limitState: state as never,
        },
        policy,
      );
      for (const u of d.limitUpdates) state.set(u.key, u.state);
      actions.push(d.action);
    }
    expect(actions.slice(0, 20).every((a) => a === 'accept')).toBe(true);
    expect(actions.slice(20, 40).every((a) => a === 'suspend')).toBe(true);
    expect(actions.slice(40).every((a) => a === 'reject')).toBe(true);
  });

  it('LOOP-6: an hour later the sender is accepted again', () => {
    const state = new Map<string, unknown>();
    let last = '';
    for (let i = 0; i < 25; i++) {
      const d = decideInbound(
        {
          headers: mail([`Subject: note ${'q'.repeat(i + 1)}`], `body ${'w'.repeat(i + 1)}`),
          nowMs: NOW + i * 1000,
          limitState: state as never,
        },
        policy,
      );
      for (const u of d.limitUpdates) state.set(u.key, u.state);
      last = d.action;
    }
    expect(last).toBe('suspend');
    const later = decideInbound(
      { headers: mail(['Subject: a new question']), nowMs: NOW + 3_700_000, limitState: state as never },
      policy,
    );
    expect(later.action).toBe('accept');
  });

  it('LOOP-7: the same content from 21 different addresses is suspended at the 21st (address rotation does not help)', () => {
    const state: Record<string, never> = {};
    const outcomes: string[] = [];
    for (let i = 0; i < 21; i++) {
      const d = decideInbound(
        {
          headers: mail(
            [
              `From: <reply-${i * 7919}@crm-rotate.example>`,
              `Subject: Re: [#${1000 + i}] Received: Re: [#${999 + i}] Received: order`,
            ],
            'Thank you for your message. We will get back to you.',
          ),
          nowMs: NOW + i * 120_000,
          limitState: state,
        },
        policy,
      );
      for (const u of d.limitUpdates) (state as Record<string, unknown>)[u.key] = u.state;
      outcomes.push(d.action);
    }
    expect(outcomes.slice(0, 20).every((a) => a === 'accept')).toBe(true);
    expect(outcomes[20]).toBe('suspend');
  });

  it('GMAIL-2: the initial import accepts without firing triggers, and refuses beyond the 50 most recent', () => {
    const d = decide(mail([]), { initialImport: { index: 3 } });
    expect(d.action).toBe('accept');
    expect(d.suppress).toEqual({ automatic: true, all: true });
    expect(d.markers.map((m) => m.code)).toContain('imported');
    expect(d.limitUpdates).toEqual([]);
    const old = decide(mail([]), { initialImport: { index: 50 } });
    expect(old.action).toBe('reject');
    expect(codes(old)).toContain('import-limit');
  });

  it('AUTH-3: the verdict only marks the ticket when the policy does not enforce it', () => {
    const d = decide(mail([]), {
      authentication: { authenticated: false, disposition: 'suspend', reasons: ['dmarc-fail'] },
    });
    expect(d.action).toBe('accept');
    expect(d.markers.map((m) => m.code)).toContain('unauthenticated-update');
    const relayed = decide(mail([]), {
      authentication: {
        authenticated: true,
        disposition: 'accept',
        relay: { authenticated: true, connectorId: 'c1' },
      },
    });
    expect(relayed.markers.map((m) => m.code)).toContain('securely-relayed');
  });

  it('AUTH-4: in enforce mode the verdict suspends or rejects; in enhanced mode only mail sent to a system address', () => {
    const enforce = { ...policy, authentication: 'enforce' as const };
    const fail = { authenticated: false, disposition: 'reject' as const, reasons: ['dmarc-policy-reject'] };
    const d = decideInbound({ headers: mail([]), nowMs: NOW, authentication: fail }, enforce);
    expect(d.action).toBe('reject');
    expect(d.reasons).toContainEqual(
      expect.objectContaining({ code: 'failed-authentication', rule: 'AUTH-4' }),
    );
    const enhanced = { ...policy, authentication: 'enhanced' as const };
    expect(decideInbound({ headers: mail([]), nowMs: NOW, authentication: fail }, enhanced).action).toBe(
      'accept',
    );
    const native = mail(['To: <support@acme.helpdesk.example>']);
    expect(decideInbound({ headers: native, nowMs: NOW, authentication: fail }, enhanced).action).toBe(
      'reject',
    );
    const defer = decideInbound(
      { headers: mail([]), nowMs: NOW, authentication: { authenticated: false, disposition: 'defer' } },
      enforce,
    );
    expect(defer.action).toBe('suspend');
    expect(codes(defer)).toContain('authentication-temporary');
  });

  it('LOOP-7: a parsed HeaderList with the body given separately decides like the raw message', () => {
    const raw = mail(['Auto-Submitted: auto-replied']);
    const headers = parseHeaders(raw);
    const split = decideInbound(
      { headers, body: raw.slice(headers.bodyOffset ?? raw.length), nowMs: NOW },
      policy,
    );
    const whole = decide(raw);
    expect(split.action).toBe(whole.action);
    expect(split.fingerprint).toBe(whole.fingerprint);
  });

  it('every reason cites a rule id', () => {
    const d = decide(
      mail(['From: no-reply@shop.example', 'Auto-Submitted: auto-generated', 'Precedence: bulk']),
    );
    for (const r of d.reasons) expect(r.rule).toMatch(/^[A-Z]+-\d+$/);
  });

  it('throws for a missing clock (a programmer error), with the fix in the message', () => {
    expect(() => decideInbound({ headers: mail([]) } as never, policy)).toThrow(/nowMs/);
  });
});
