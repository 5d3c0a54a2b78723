import { readFileSync } from 'node:fs';
import { parseHeaders } from '@mailroom/headers';
import { createTriageDecider, loadPolicy } from '@mailroom/loop-detector';
import { describe, expect, it } from 'vitest';

// examples/mail/loop.mbox: 46 answers of one CRM autoresponder (no Auto-Submitted, no list headers) to a
// helpdesk's notifications, 74-81 s apart, within one hour. Read in file order, as `mailroom triage` does.
const mboxPath = new URL('../../../examples/mail/loop.mbox', import.meta.url).pathname;

function splitMbox(text: string): string[] {
  return text
    .split(/^From [^\n]*\n/m)
    .filter((m) => m.trim() !== '')
    .map((m) => m.replace(/\n/g, '\r\n'));
}

const messages = splitMbox(readFileSync(mboxPath, 'utf8'));

function run(policyName: 'zendesk' | 'atera' | 'mailroom') {
  const loaded = loadPolicy(policyName);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  const decide = createTriageDecider(loaded.policy);
  return messages.map((raw) => decide(parseHeaders(raw), raw));
}

describe('examples/mail/loop.mbox through createTriageDecider', () => {
  it('holds 46 messages from one sender within an hour', () => {
    expect(messages).toHaveLength(46);
  });

  for (const name of ['zendesk', 'atera', 'mailroom'] as const) {
    it(`LOOP-6: with --policy ${name}, messages 1-20 are accepted, 21-40 suspended, 41 on rejected`, () => {
      const verdicts = run(name);
      const actions = verdicts.map((v) => v.decision);
      expect(actions.slice(0, 20)).toEqual(Array(20).fill('accept'));
      expect(actions.slice(20, 40)).toEqual(Array(20).fill('suspend'));
      expect(actions.slice(40)).toEqual(Array(6).fill('reject'));
    });
  }

  it('LOOP-6: message 21 is suspended and message 41 rejected, each citing the per-sender limit', () => {
    const verdicts = run('zendesk');
    const m21 = verdicts[20]!;
    const m41 = verdicts[40]!;
    expect(m21.reasons).toContainEqual(
      expect.objectContaining({ code: 'sender-rate-suspend', rule: 'LOOP-6' }),
    );
    expect(m41.reasons).toContainEqual(
      expect.objectContaining({ code: 'sender-rate-reject', rule: 'LOOP-6' }),
    );
    expect(m21.reasons.find((r) => r.code === 'sender-rate-suspend')?.detail).toContain('message 21');
  });

  it('LOOP-7: the same content is caught by its fingerprint too, so rotating the address would not help', () => {
    const verdicts = run('zendesk');
    const fingerprints = new Set(verdicts.map((v) => v.detail.fingerprint));
    expect(fingerprints.size).toBe(1);
    expect(verdicts[20]!.reasons.map((r) => r.code)).toContain('content-rate-suspend');
    expect(verdicts[40]!.reasons.map((r) => r.code)).toContain('content-rate-reject');
  });

  it('LOOP-6: the first 20 carry no reason at all (nothing in them looks automatic)', () => {
    const verdicts = run('zendesk');
    for (const v of verdicts.slice(0, 20)) expect(v.reasons).toEqual([]);
  });
});

describe('createTriageDecider with work the caller already did', () => {
  it('LOOP-5: decides on the classification it is given instead of classifying again', () => {
    const loaded = loadPolicy('mailroom');
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    const raw = messages[0]!;
    const headers = parseHeaders(raw);
    const own = createTriageDecider(loaded.policy)(headers, raw);
    expect(own.decision).toBe('accept');
    const given = { ...own.detail.classification, categories: ['bulk' as const], automated: true };
    const withGiven = createTriageDecider(loaded.policy)(headers, raw, undefined, { classification: given });
    expect(withGiven.decision).toBe('suspend');
    expect(withGiven.detail.classification).toBe(given);
    expect(withGiven.reasons.map((r) => r.rule)).toContain('LOOP-5');
  });

  it('gives the same verdicts whether the raw message is parsed once or the caller passes its own headers', () => {
    const loaded = loadPolicy('zendesk');
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    const a = createTriageDecider(loaded.policy);
    const b = createTriageDecider(loaded.policy);
    for (const raw of messages) {
      const viaHeaders = a(parseHeaders(raw), raw);
      const viaBytes = b(parseHeaders(new TextEncoder().encode(raw)), new TextEncoder().encode(raw));
      expect(viaBytes.decision).toBe(viaHeaders.decision);
      expect(viaBytes.reasons).toEqual(viaHeaders.reasons);
    }
  });
});
