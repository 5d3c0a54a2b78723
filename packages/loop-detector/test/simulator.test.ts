import {
  naiveAutoresponder,
  occasionalPerson,
  simulateExchange,
  unprotectedHelpdesk,
  vacationResponder,
} from '@mailroom/arbitraries';
import { describe, expect, it } from 'vitest';

// The simulator of @mailroom/arbitraries on its own, without any mailroom helpdesk: the baseline the loop-safety
// property improves on.
const T0 = Date.UTC(2026, 0, 5, 8);

describe('simulateExchange (baseline without mailroom)', () => {
  it('LOOP-7: an unprotected helpdesk and a naive autoresponder never stop by themselves', () => {
    const run = simulateExchange(
      [
        unprotectedHelpdesk('legacy', 'help@legacy.example', {
          threads: false,
          seed: { to: 'care@shop.example', atMs: T0 },
        }),
        naiveAutoresponder('crm', 'care@shop.example', { threads: false }),
      ],
      { maxMessages: 500 },
    );
    expect(run.stopped).toBe(false);
    expect(run.deliveries).toHaveLength(500);
  });

  it('LOOP-1: an RFC 3834 vacation responder answers a person once per period and never a machine', () => {
    const run = simulateExchange(
      [
        occasionalPerson('ann', 'ann@customer.example', [
          { to: 'bob@vacation.example', atMs: T0, subject: 'Lunch?', text: 'Lunch on Friday?' },
          { to: 'bob@vacation.example', atMs: T0 + 3_600_000, subject: 'Lunch again', text: 'Or Monday?' },
        ]),
        vacationResponder('bob', 'bob@vacation.example'),
        naiveAutoresponder('crm', 'care@shop.example', {
          threads: true,
          seed: { to: 'bob@vacation.example', atMs: T0 },
        }),
      ],
      { maxMessages: 100 },
    );
    expect(run.stopped).toBe(true);
    const answers = run.deliveries.filter((d) => d.from === 'bob');
    expect(answers.map((d) => d.to).sort()).toEqual(['ann@customer.example', 'care@shop.example']);
    // The CRM answers bob's vacation reply without any Auto-Submitted header: bob's once-per-period memory is
    // what stops that exchange.
    expect(run.deliveries.filter((d) => d.from === 'bob' && d.to === 'care@shop.example')).toHaveLength(1);
  });

  it('is deterministic: the same agents give the same run', () => {
    const build = () => [
      unprotectedHelpdesk('legacy', 'help@legacy.example', {
        threads: true,
        seed: { to: 'care@shop.example', atMs: T0 },
      }),
      naiveAutoresponder('crm', 'care@shop.example', { threads: true }),
    ];
    const a = simulateExchange(build(), {
      maxMessages: 50,
      latencyMs: (f) => (f === 'crm' ? 5_000 : 60_000),
    });
    const b = simulateExchange(build(), {
      maxMessages: 50,
      latencyMs: (f) => (f === 'crm' ? 5_000 : 60_000),
    });
    expect(a.deliveries.map((d) => d.raw)).toEqual(b.deliveries.map((d) => d.raw));
    expect(a.deliveries[1]?.deliveredMs).toBe(T0 + 60_000 + 5_000);
  });
});
