import {
  checkRelayedHeaders,
  NOTIFICATION_KIND_HEADER,
  outboundHeaders,
  planNotification,
  verifyMarker,
  zendeskPolicy,
} from '@mailroom/loop-detector';
import type { MultiWindowState } from '@mailroom/rate-limiter';
import { describe, expect, it } from 'vitest';
import { markerKey, NOW, policy } from './helpers.js';

const base = { hasComment: false, id: 'n1', nowMs: NOW };
const value = (headers: readonly { name: string; value: string }[], name: string) =>
  headers.find((h) => h.name === name)?.value;

describe('outboundHeaders', () => {
  it('OUT-1: automatic notifications carry Auto-Submitted: auto-generated, XARS All, our headers and a signed marker', () => {
    const h = outboundHeaders('automatic', { ticket: '12', id: 'n1' }, policy);
    expect(value(h, 'Auto-Submitted')).toBe('auto-generated');
    expect(value(h, 'X-Auto-Response-Suppress')).toBe('All');
    expect(value(h, 'X-Mailroom-Loop')).toBe('acme.example');
    expect(value(h, NOTIFICATION_KIND_HEADER)).toBe('automatic');
    expect(verifyMarker(value(h, 'Message-ID') ?? '', policy)).toEqual({
      kind: 'automatic',
      ticket: '12',
      id: 'n1',
    });
    expect(verifyMarker(value(h, 'X-Mailroom-Marker') ?? '', policy)).toEqual({
      kind: 'automatic',
      ticket: '12',
      id: 'n1',
    });
  });

  it('OUT-1: an automatic answer to a message is auto-replied (RFC 3834 §5) and threads to it', () => {
    const h = outboundHeaders(
      'automatic',
      { ticket: '12', id: 'n1', inReplyTo: '<CAF1@mail.gmail.com>' },
      policy,
    );
    expect(value(h, 'Auto-Submitted')).toBe('auto-replied');
    expect(value(h, 'In-Reply-To')).toBe('<CAF1@mail.gmail.com>');
  });

  it('OUT-1: ids from inbound mail reach the headers only when well-formed, always in angle brackets', () => {
    const h = outboundHeaders(
      'automatic',
      {
        ticket: '12',
        id: 'n1',
        inReplyTo: 'CAF1@mail.gmail.com',
        references: ['<root@example.com>', 'x@y\r\nBcc: victim@example.org', 'a b@c', '<>'],
      },
      policy,
    );
    expect(value(h, 'In-Reply-To')).toBe('<CAF1@mail.gmail.com>');
    expect(value(h, 'References')).toBe('<root@example.com> <CAF1@mail.gmail.com>');
    for (const { value: v } of h) expect(v).not.toMatch(/[\r\n]/);
    const injected = outboundHeaders(
      'automatic',
      { ticket: '12', id: 'n1', inReplyTo: 'x\r\nBcc: a@b.example' },
      policy,
    );
    expect(injected.some((p) => p.name === 'In-Reply-To')).toBe(false);
    expect(value(injected, 'Auto-Submitted')).toBe('auto-generated');
    expect(() => outboundHeaders('automatic', { ticket: '12\r\nX: y', id: 'n1' }, policy)).toThrow(TypeError);
  });

  it('OUT-1: agent notifications are stamped too (as Zendesk does), but say they are agent mail', () => {
    const h = outboundHeaders(
      'agent',
      { ticket: '12', id: 'c4', inReplyTo: '<CAF1@mail.gmail.com>' },
      policy,
    );
    expect(value(h, 'Auto-Submitted')).toBe('auto-generated');
    expect(value(h, NOTIFICATION_KIND_HEADER)).toBe('agent');
  });

  it('OUT-1: the Zendesk preset writes X-Mailer, X-Zendesk-From-Account-Id and X-Zendesk-Email-Id', () => {
    const z = zendeskPolicy({ subdomain: 'acme', accountId: '1a2b3c4', markerKey });
    const h = outboundHeaders('automatic', { ticket: '12', id: 'n1' }, z);
    expect(value(h, 'X-Mailer')).toBe('Zendesk Mailer');
    expect(value(h, 'X-Zendesk-From-Account-Id')).toBe('1a2b3c4');
    expect(value(h, 'X-Zendesk-Email-Id')).toBe('n1');
    expect(value(h, 'Message-ID')).toMatch(/@acme\.zendesk\.com>$/);
  });

  it('throws for an id that cannot go into a Message-ID (programmer error)', () => {
    expect(() => outboundHeaders('automatic', { ticket: '12 3', id: 'n1' }, policy)).toThrow(/ticket/);
  });
});

describe('planNotification', () => {
  it('LOOP-3, LOOP-4: partner, support and system addresses never receive anything; each suppression names its rule', () => {
    const plan = planNotification(
      {
        ...base,
        kind: 'agent',
        hasComment: true,
        recipients: [
          'ann@example.com',
          'support@partner.example',
          'HELP@acme.example',
          'bot@acme.helpdesk.example',
          'support@acme-widgets.example',
        ],
      },
      { id: '12' },
      policy,
    );
    expect(plan.send).toEqual(['ann@example.com']);
    expect(plan.suppressed.map((s) => [s.address, s.rule])).toEqual([
      ['support@partner.example', 'LOOP-3'],
      ['HELP@acme.example', 'LOOP-4'],
      ['bot@acme.helpdesk.example', 'LOOP-4'],
      ['support@acme-widgets.example', 'LOOP-4'],
    ]);
  });

  it('LOOP-2, LOOP-5: a flagged ticket gets no automatic and no comment-less notification, but agent comments still go', () => {
    const flagged = { id: '12', suppress: { automatic: true, all: false } };
    expect(
      planNotification({ ...base, kind: 'automatic', recipients: ['ann@example.com'] }, flagged, policy).send,
    ).toEqual([]);
    const commentless = planNotification(
      { ...base, kind: 'agent', hasComment: false, recipients: ['ann@example.com'] },
      flagged,
      policy,
    );
    expect(commentless.send).toEqual([]);
    expect(commentless.suppressed[0]).toMatchObject({ code: 'comment-less-suppressed', rule: 'LOOP-5' });
    expect(
      planNotification(
        { ...base, kind: 'agent', hasComment: true, recipients: ['ann@example.com'] },
        flagged,
        policy,
      ).send,
    ).toEqual(['ann@example.com']);
  });

  it('GMAIL-2: an imported ticket sends nothing at all', () => {
    const plan = planNotification(
      { ...base, kind: 'agent', hasComment: true, recipients: ['ann@example.com'] },
      { id: '1', suppress: { automatic: true, all: true } },
      policy,
    );
    expect(plan.suppressed[0]).toMatchObject({ code: 'all-suppressed', rule: 'GMAIL-2' });
  });

  it('LOOP-1: the outbound auto-reply limit stops the 11th automatic mail to one recipient within 10 minutes, not agent mail', () => {
    const state = new Map<string, MultiWindowState>();
    const sent: number[] = [];
    for (let i = 0; i < 12; i++) {
      const plan = planNotification(
        {
          ...base,
          id: `n${i}`,
          nowMs: NOW + i * 30_000,
          kind: 'automatic',
          recipients: ['ann@example.com'],
          limitState: state,
        },
        { id: `${i}` },
        policy,
      );
      for (const u of plan.limitUpdates) state.set(u.key, u.state);
      sent.push(plan.send.length);
      if (i === 10) expect(plan.suppressed[0]).toMatchObject({ code: 'auto-reply-limit' });
    }
    expect(sent).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0]);
    const agent = planNotification(
      {
        ...base,
        nowMs: NOW + 12 * 30_000,
        kind: 'agent',
        hasComment: true,
        recipients: ['ann@example.com'],
        limitState: state,
      },
      { id: '99' },
      policy,
    );
    expect(agent.send).toEqual(['ann@example.com']);
  });

  it('LOOP-8: the decision looks at the notification, whatever channel updated the ticket (an API update to a partner requester sends nothing)', () => {
    const viaApi = planNotification(
      { ...base, kind: 'automatic', recipients: ['support@partner.example'] },
      { id: '77' },
      policy,
    );
    expect(viaApi.send).toEqual([]);
    expect(viaApi.suppressed[0]?.rule).toBe('LOOP-3');
  });

  it('OUT-3: the sender is the support address the ticket came in on, else the default sender', () => {
    expect(
      planNotification(
        { ...base, kind: 'agent', recipients: [] },
        { id: '1', recipient: 'help@acme.example' },
        policy,
      ).from,
    ).toBe('help@acme.example');
    expect(planNotification({ ...base, kind: 'agent', recipients: [] }, { id: '1' }, policy).from).toBe(
      'help@acme.example',
    );
  });
});

describe('checkRelayedHeaders', () => {
  const sent = outboundHeaders('automatic', { ticket: '12', id: 'n1' }, policy);
  const asRaw = (pairs: readonly { name: string; value: string }[]) =>
    `${pairs.map((p) => `${p.name}: ${p.value}`).join('\r\n')}\r\nFrom: help@acme.example\r\n\r\nbody`;

  it('OUT-2: headers that arrive unchanged (refolded) are no violation', () => {
    const folded = asRaw(sent).replace('X-Auto-Response-Suppress: All', 'X-Auto-Response-Suppress:\r\n All');
    expect(checkRelayedHeaders(sent, folded)).toEqual([]);
  });

  it('OUT-2: a relay that strips XARS and rewrites the Message-ID is named header by header', () => {
    const relayed = sent
      .filter((h) => h.name !== 'X-Auto-Response-Suppress')
      .map((h) =>
        h.name === 'Message-ID' ? { name: h.name, value: '<AM6PR01MB1234.eurprd01.prod.outlook.com>' } : h,
      );
    const v = checkRelayedHeaders(sent, asRaw(relayed));
    expect(v).toEqual([
      {
        header: 'Message-ID',
        problem: 'changed',
        sent: sent[0]!.value,
        relayed: '<AM6PR01MB1234.eurprd01.prod.outlook.com>',
        rule: 'OUT-2',
      },
      { header: 'X-Auto-Response-Suppress', problem: 'removed', sent: 'All', rule: 'OUT-2' },
    ]);
  });
});
