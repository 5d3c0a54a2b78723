import { fc, test } from '@fast-check/vitest';
import {
  assertLoopSafe,
  type LoopTopology,
  loopBound,
  loopTopology,
  runLoopTopology,
  SIMULATION_EPOCH_MS,
} from '@mailroom/arbitraries';
import { createPolicy, mailroomEngine, zendeskPolicy } from '@mailroom/loop-detector';
import { afterAll, describe, expect, it } from 'vitest';

const markerKey = new Uint8Array(32).map((_, i) => (i * 13 + 5) & 0xff);
const policy = mailroomEngine.defaultPolicy({
  supportAddress: 'support@helpdesk-a.example',
  partnerAddresses: [],
  markerKey,
});
const person = [
  {
    atMs: 60_000,
    subject: 'Question about the login and the billing',
    text: 'Hello, I cannot open the billing page after login.',
  },
];

function single(
  kind: 'naive-autoresponder' | 'rotating-autoresponder' | 'unprotected-helpdesk',
  threads: boolean,
): LoopTopology {
  return {
    machines: [{ kind, threads, seedAtMs: 0, latencyMs: 600_000 }],
    person,
    personLatencyMs: 5_000,
    helpdeskLatencyMs: 600_000,
  };
}

describe('loop simulation: each agent model against the default policy', () => {
  for (const kind of ['naive-autoresponder', 'rotating-autoresponder', 'unprotected-helpdesk'] as const) {
    it(`LOOP-7: a ${kind} that does not thread is stopped by the content limit, within the bound, at the slowest latency`, () => {
      const run = runLoopTopology(single(kind, false), policy, mailroomEngine);
      expect(run.result.stopped).toBe(true);
      expect(run.result.deliveries.length).toBeLessThanOrEqual(run.bound.messages);
      const verdicts = run.result.deliveries.filter((d) => d.recipient === 'helpdesk').map((d) => d.verdict);
      expect(verdicts).toContain('suspend');
      expect(run.personNotAccepted).toEqual([]);
    });

    it(`LOOP-1: a ${kind} that threads its answers stops after one round (a reply to an automatic notification is not answered)`, () => {
      const run = runLoopTopology(single(kind, true), policy, mailroomEngine);
      expect(run.result.stopped).toBe(true);
      const toMachine = run.result.deliveries.filter(
        (d) => d.from === 'helpdesk' && d.recipient !== 'person',
      );
      expect(toMachine).toHaveLength(1);
    });
  }

  it('LOOP-7: on a fast link, a naive autoresponder is cut off by the outbound limit (10 automatic mails in 10 minutes)', () => {
    const fast: LoopTopology = {
      machines: [{ kind: 'naive-autoresponder', threads: false, seedAtMs: 0, latencyMs: 1_000 }],
      person,
      personLatencyMs: 1_000,
      helpdeskLatencyMs: 1_000,
    };
    const run = runLoopTopology(fast, policy, mailroomEngine);
    expect(run.result.stopped).toBe(true);
    const toMachine = run.result.deliveries.filter((d) => d.from === 'helpdesk' && d.recipient !== 'person');
    expect(toMachine).toHaveLength(10);
  });

  it('LOOP-5: an RFC 3834 vacation responder is suspended and never answered', () => {
    const run = runLoopTopology(
      {
        machines: [{ kind: 'vacation-responder', seedAtMs: 0, latencyMs: 1_000 }],
        person,
        personLatencyMs: 1_000,
        helpdeskLatencyMs: 1_000,
      },
      policy,
      mailroomEngine,
    );
    expect(run.result.deliveries.find((d) => d.from.startsWith('vacation'))?.verdict).toBe('suspend');
    expect(run.result.deliveries.filter((d) => d.recipient?.startsWith('vacation'))).toEqual([]);
  });

  it('LOOP-2: another mailroom helpdesk without a sharing agreement is accepted and not acknowledged', () => {
    const run = runLoopTopology(
      {
        machines: [{ kind: 'mailroom-helpdesk', sharing: false, seedAtMs: 0, latencyMs: 1_000 }],
        person,
        personLatencyMs: 1_000,
        helpdeskLatencyMs: 1_000,
      },
      policy,
      mailroomEngine,
    );
    const fromPeer = run.result.deliveries.filter((d) => d.from.startsWith('mailroom-helpdesk'));
    expect(fromPeer.map((d) => d.verdict)).toEqual(['accept']);
    expect(run.result.deliveries.filter((d) => d.recipient?.startsWith('mailroom-helpdesk'))).toEqual([]);
  });

  it('LOOP-3: with a sharing agreement, neither helpdesk mails the other at all', () => {
    const run = runLoopTopology(
      {
        machines: [{ kind: 'mailroom-helpdesk', sharing: true, seedAtMs: 0, latencyMs: 1_000 }],
        person,
        personLatencyMs: 1_000,
        helpdeskLatencyMs: 1_000,
      },
      policy,
      mailroomEngine,
    );
    expect(
      run.result.deliveries.filter(
        (d) => d.from.startsWith('mailroom-helpdesk') || d.recipient?.startsWith('mailroom-helpdesk'),
      ),
    ).toEqual([]);
  });

  it('the property can fail: without the LOOP-7 content limit, an address-rotating autoresponder loops past the bound', () => {
    const blind = createPolicy({
      ...policy,
      fingerprintLimit: null,
      outboundAutoReplyLimits: [{ windowMs: 60_000, limit: 10_000 }],
    });
    const run = runLoopTopology(single('rotating-autoresponder', false), blind, mailroomEngine);
    expect(run.result.stopped).toBe(false);
    expect(() => assertLoopSafe(blind, mailroomEngine, { numRuns: 60, endOnFailure: true, seed: 1 })).toThrow(
      /did not stop/,
    );
  });
});

describe('loop safety over generated topologies', () => {
  let worst = { deliveries: 0, bound: 1, ratio: 0 };
  let runs = 0;
  afterAll(() => {
    console.log(
      `loop safety: ${runs} generated topologies; largest exchange ${worst.deliveries} deliveries against a bound of ${worst.bound} (${(worst.ratio * 100).toFixed(0)}% of it)`,
    );
  });

  test.prop([loopTopology()], { numRuns: 120 })(
    'LOOP-6, LOOP-7: with a default-policy mailroom helpdesk, every exchange stops within the README bound and every person message is accepted',
    (topology) => {
      const run = runLoopTopology(topology, policy, mailroomEngine);
      runs += 1;
      const ratio = run.result.deliveries.length / run.bound.messages;
      if (ratio > worst.ratio)
        worst = { deliveries: run.result.deliveries.length, bound: run.bound.messages, ratio };
      expect(run.result.stopped).toBe(true);
      expect(run.result.deliveries.length).toBeLessThanOrEqual(loopBound(topology, 20).messages);
      expect(run.result.endMs).toBeLessThanOrEqual(run.bound.endMs);
      expect(run.personNotAccepted).toEqual([]);
      const personMail = run.result.deliveries.filter((d) => d.byPerson);
      expect(personMail).toHaveLength(topology.person.length);
    },
  );

  it('assertLoopSafe passes for the Zendesk preset (as a consumer would run it in CI)', () => {
    const zendesk = zendeskPolicy({
      subdomain: 'acme',
      markerKey,
      supportAddresses: ['support@acme.zendesk.com'],
    });
    expect(() => assertLoopSafe(zendesk, mailroomEngine, { numRuns: 100, seed: 42 })).not.toThrow();
  });

  it('the simulation is deterministic: the same topology gives the same run', () => {
    const topology = fc.sample(loopTopology(), { numRuns: 1, seed: 7 })[0]!;
    const a = runLoopTopology(topology, policy, mailroomEngine).result;
    const b = runLoopTopology(topology, policy, mailroomEngine).result;
    expect(a.deliveries.map((d) => [d.from, d.to, d.deliveredMs, d.verdict])).toEqual(
      b.deliveries.map((d) => [d.from, d.to, d.deliveredMs, d.verdict]),
    );
    expect(a.endMs).toBeGreaterThanOrEqual(SIMULATION_EPOCH_MS);
  });
});
