import { fc, test } from '@fast-check/vitest';
import { parseHeaders } from '@mailroom/headers';
import {
  checkRelayedHeaders,
  contentFingerprint,
  createTriageDecider,
  decideInbound,
  loadPolicy,
  mayAutoReply,
  planNotification,
} from '@mailroom/loop-detector';
import { describe, expect } from 'vitest';
import { NOW, policy } from './helpers.js';

const headerish = fc
  .array(
    fc.oneof(
      fc
        .tuple(
          fc.constantFrom(
            'From',
            'To',
            'Reply-To',
            'Subject',
            'Auto-Submitted',
            'X-Auto-Response-Suppress',
            'In-Reply-To',
            'References',
            'Message-ID',
            'X-Mailroom-Loop',
            'X-Mailroom-Marker',
            'Precedence',
            'List-Id',
            'Content-Type',
            'Return-Path',
          ),
          fc.string({ maxLength: 120 }),
        )
        .map(([n, v]) => `${n}: ${v}`),
      fc.string({ maxLength: 80 }),
    ),
    { maxLength: 25 },
  )
  .map((lines) => `${lines.join('\r\n')}\r\n\r\n${lines.join(' ')}`);

describe('attacker-facing entry points never throw and stay fast', () => {
  test.prop([fc.oneof(headerish, fc.string({ maxLength: 2000 }), fc.uint8Array({ maxLength: 2000 }))], {
    numRuns: 250,
  })('decideInbound, mayAutoReply and checkRelayedHeaders return results for any input', (raw) => {
    const started = performance.now();
    const d = decideInbound({ headers: raw, nowMs: NOW }, policy);
    expect(['accept', 'suspend', 'reject']).toContain(d.action);
    for (const r of d.reasons) expect(r.rule).toMatch(/^[A-Z]+-\d+$/);
    mayAutoReply({ headers: raw, envelope: { mailFrom: 'x@example.com' } }, { policy });
    checkRelayedHeaders([{ name: 'Auto-Submitted', value: 'auto-generated' }], raw);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  test.prop([fc.string({ maxLength: 5000 }), fc.string({ maxLength: 20_000 })], { numRuns: 150 })(
    'contentFingerprint is bounded',
    (s, b) => {
      const started = performance.now();
      const fp = contentFingerprint(s, b);
      expect(fp === null || /^[0-9a-f]{16}$/.test(fp)).toBe(true);
      expect(performance.now() - started).toBeLessThan(500);
    },
  );

  test.prop([fc.array(fc.oneof(fc.string({ maxLength: 100 }), fc.emailAddress()), { maxLength: 20 })], {
    numRuns: 200,
  })('planNotification sorts any recipient list into sent and suppressed, never throws', (recipients) => {
    const plan = planNotification(
      { kind: 'automatic', hasComment: false, recipients, id: 'n1', nowMs: NOW },
      { id: '1' },
      policy,
    );
    const distinct = new Set(recipients.map((r) => r.trim().toLowerCase())).size;
    expect(plan.send.length + plan.suppressed.length).toBe(distinct);
  });

  test.prop([fc.jsonValue()], { numRuns: 200 })(
    'loadPolicy answers problems, never throws, for any JSON',
    (json) => {
      const r = loadPolicy(json);
      expect(typeof r.ok).toBe('boolean');
    },
  );

  test.prop([fc.array(headerish, { maxLength: 30 })], { numRuns: 200 })(
    'the triage decider handles any sequence',
    (raws) => {
      const decide = createTriageDecider(policy);
      for (const raw of raws)
        expect(['accept', 'suspend', 'reject']).toContain(decide(parseHeaders(raw), raw).decision);
    },
  );

  // Few runs on purpose: each input is over a megabyte and only the short prefix varies; what this checks is the
  // size, which every run has.
  test.prop([fc.string({ maxLength: 200 })], { numRuns: 10 })(
    'a one-megabyte header value decides in bounded time',
    (seed) => {
      const big = `From: ann@example.com\r\nSubject: ${seed}${'x'.repeat(1_000_000)}\r\nIn-Reply-To: ${'<a@b>'.repeat(2000)}\r\n\r\nbody`;
      const started = performance.now();
      decideInbound({ headers: big, nowMs: NOW }, policy);
      expect(performance.now() - started).toBeLessThan(3000);
    },
    60_000,
  );
});
