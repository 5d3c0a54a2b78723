import {
  ateraPolicy,
  createPolicy,
  decideInbound,
  loadPolicy,
  planNotification,
  zendeskPolicy,
} from '@mailroom/loop-detector';
import { describe, expect, it } from 'vitest';
import { mail, NOW } from './helpers.js';

describe('presets', () => {
  it('LOOP-6: the default limits are 20 accepted and 20 suspended per sender per hour', () => {
    const p = createPolicy();
    expect(p.inboundLimit.windowMs).toBe(3_600_000);
    expect(p.inboundLimit.tiers.map((t) => [t.upTo, t.outcome])).toEqual([
      [20, 'accept'],
      [40, 'suspend'],
    ]);
    expect(p.inboundLimit.beyond).toBe('reject');
  });

  it('LOOP-4: Zendesk: every address of the subdomain is a system address; support@<sub>.zendesk.com is the default sender', () => {
    const p = zendeskPolicy({ subdomain: 'acme' });
    expect(p.defaultSender).toBe('support@acme.zendesk.com');
    expect(decideInbound({ headers: mail(['From: <help@acme.zendesk.com>']), nowMs: NOW }, p).action).toBe(
      'reject',
    );
    expect(decideInbound({ headers: mail(['From: <help@other.zendesk.com>']), nowMs: NOW }, p).action).toBe(
      'accept',
    );
  });

  it('LOOP-4: Atera: the ingestion address and noreply@atera.com never receive notifications', () => {
    const p = ateraPolicy({ company: 'acme', supportAddresses: ['support@acme.example'] });
    expect(p.defaultSender).toBe('noreply@atera.com');
    const plan = planNotification(
      {
        kind: 'agent',
        hasComment: true,
        recipients: ['acme@ticketing.atera.com', 'noreply@atera.com', 'ann@example.com'],
        id: 'n1',
        nowMs: NOW,
      },
      { id: '1' },
      p,
    );
    expect(plan.send).toEqual(['ann@example.com']);
  });

  it('every number is overridable', () => {
    const p = zendeskPolicy({
      subdomain: 'acme',
      inboundLimit: { windowMs: 600_000, tiers: [{ upTo: 5, outcome: 'accept' }], beyond: 'reject' },
      autoReplyPeriodMs: 86_400_000,
      initialImportLimit: 10,
    });
    expect(p.inboundLimit.tiers[0]?.upTo).toBe(5);
    expect(p.initialImportLimit).toBe(10);
  });

  it('rejects bad options with a message that says how to fix the call', () => {
    expect(() => zendeskPolicy({} as never)).toThrow(/subdomain/);
    expect(() => createPolicy({ markerKey: 'short' })).toThrow(/16 bytes/);
    expect(() => ateraPolicy({ company: 'a b' })).toThrow(/Atera/);
  });

  it('takes the marker key as a string and keeps its UTF-8 bytes', () => {
    const secret = 'correct horse battery staple';
    expect(createPolicy({ markerKey: secret }).markerKey).toEqual(new TextEncoder().encode(secret));
    expect(createPolicy({ markerKey: null }).markerKey).toBeNull();
  });
});

describe('loadPolicy (--policy)', () => {
  it('loads the preset names', () => {
    for (const name of ['zendesk', 'atera', 'mailroom']) {
      const r = loadPolicy(name);
      expect(r.ok).toBe(true);
    }
  });

  it('loads a JSON policy file with overrides and a hex key', () => {
    const r = loadPolicy({
      preset: 'zendesk',
      subdomain: 'acme',
      markerKey: `hex:${'ab'.repeat(32)}`,
      inboundLimit: { windowMs: 3_600_000, tiers: [{ upTo: 10, outcome: 'accept' }], beyond: 'suspend' },
    });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.policy.markerKey?.length).toBe(32);
      expect(r.policy.inboundLimit.tiers[0]?.upTo).toBe(10);
      expect(r.warnings).toEqual([]);
    }
  });

  it('returns problems with paths for a bad file, never throws', () => {
    const r = loadPolicy({
      preset: 'freshdesk',
      supportAddresses: 'x',
      inboundLimit: { tiers: [] },
      extra: 1,
    });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.problems.map((p) => p.path).sort()).toEqual([
        'extra',
        'inboundLimit.beyond',
        'inboundLimit.tiers',
        'inboundLimit.windowMs',
        'preset',
        'supportAddresses',
      ]);
    expect(loadPolicy(42).ok).toBe(false);
    expect(loadPolicy({ markerKey: 'short' }).ok).toBe(false);
  });
});
