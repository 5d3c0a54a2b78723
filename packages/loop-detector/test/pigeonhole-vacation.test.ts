import { mayAutoReply } from '@mailroom/loop-detector';
import { corpusAvailable, describeCorpus, readCorpusJsonl } from '@mailroom/test-support';
import { expect, it } from 'vitest';

// The Dovecot Pigeonhole vacation cases (RFC 5230), read from ../shared/corpus beside the repository root.
const CASES = 'pigeonhole-vacation/cases.jsonl';

interface VacationCase {
  id: string;
  label: 'reply' | 'no-reply';
  expected_reply: boolean;
  envelope: { from: string; to: string; orig_to: string };
  config: Record<string, string>;
  message: string;
  vacation_command: string;
}

const cases = corpusAvailable(CASES) ? readCorpusJsonl<VacationCase>(CASES) : [];

/** The `:addresses` of a Sieve vacation command: one string or a string list. */
function sieveAddresses(command: string): string[] {
  const m = /:addresses\s+(\[[^\]]*\]|"[^"]*")/.exec(command);
  if (m?.[1] === undefined) return [];
  return [...m[1].matchAll(/"([^"]*)"/g)].map((x) => x[1] ?? '');
}

/** Translates a Pigeonhole case (envelope, settings, vacation command) into mayAutoReply's inputs. */
function verdictFor(c: VacationCase): ReturnType<typeof mayAutoReply> {
  const ownAddresses = [...sieveAddresses(c.vacation_command)];
  if (c.config['sieve_user_email'] !== undefined) ownAddresses.push(c.config['sieve_user_email']);
  return mayAutoReply(
    {
      headers: c.message.replace(/\r?\n/g, '\r\n'),
      envelope: { mailFrom: c.envelope.from, rcptTo: c.envelope.to, originalRecipient: c.envelope.orig_to },
    },
    {
      ownAddresses,
      useOriginalRecipient: c.config['sieve_vacation_use_original_recipient'] === 'yes',
      checkRecipient: c.config['sieve_vacation_check_recipient'] !== 'no',
    },
  );
}

describeCorpus(CASES, 'mayAutoReply on the Pigeonhole vacation suite (RFC 3834 / RFC 5230)', () => {
  it('has the 17 cases (11 no-reply, 6 reply)', () => {
    expect(cases).toHaveLength(17);
    expect(cases.filter((c) => !c.expected_reply)).toHaveLength(11);
  });

  for (const c of cases) {
    it(`LOOP-1: ${c.id} → ${c.label}`, () => {
      const verdict = verdictFor(c);
      expect(verdict.reply, JSON.stringify(verdict.reasons)).toBe(c.expected_reply);
      if (!c.expected_reply) expect(verdict.reasons.length).toBeGreaterThan(0);
    });
  }

  it('passes all 17 cases', () => {
    const passed = cases.filter((c) => verdictFor(c).reply === c.expected_reply).length;
    console.log(`pigeonhole-vacation: ${passed}/${cases.length} cases pass`);
    expect(passed).toBe(cases.length);
  });
});
