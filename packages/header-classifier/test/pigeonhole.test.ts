import { classifyMessage } from '@mailroom/header-classifier';
import { corpusAvailable, describeCorpus, readCorpusJsonl } from '@mailroom/test-support';
import { expect, it } from 'vitest';

// Dovecot Pigeonhole's Sieve vacation (RFC 5230) cases: when an automatic reply must not be sent.
const CASES = 'pigeonhole-vacation/cases.jsonl';

interface Case {
  readonly id: string;
  readonly label: 'reply' | 'no-reply';
  readonly message: string;
}

// Cases whose outcome depends on the message itself. The others depend on the envelope (sender = recipient,
// `:addresses`, the original recipient), which a header classifier does not see.
const MESSAGE_DECIDES = /^(?:list-id|list-\w+|precedence|auto-submitted|x-auto-response-suppress):/im;

describeCorpus(CASES, 'Pigeonhole vacation cases (RFC 5230 / RFC 3834)', () => {
  const cases = corpusAvailable(CASES) ? readCorpusJsonl<Case>(CASES) : [];

  it('reads the 17 cases', () => {
    expect(cases.length).toBe(17);
  });

  it('LOOP-5: every case a message header decides suppresses the auto-reply; every reply case does not', () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const c of cases) {
      const r = classifyMessage(c.message);
      if (c.label === 'reply') {
        checked++;
        if (r.suppressAutoReply) wrong.push(`${c.id}: suppressed`);
      } else if (MESSAGE_DECIDES.test(c.message)) {
        checked++;
        if (!r.suppressAutoReply) wrong.push(`${c.id}: not suppressed`);
      }
    }
    console.log(`Pigeonhole vacation: ${checked - wrong.length}/${checked} message-decided cases agree`);
    expect(checked).toBeGreaterThanOrEqual(12);
    expect(wrong).toEqual([]);
  });
});
