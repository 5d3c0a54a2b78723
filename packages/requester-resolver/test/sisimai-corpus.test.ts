import { addressKey, parseHeaders } from '@mailroom/headers';
import { createRequesterResolver } from '@mailroom/requester-resolver';
import { corpusAvailable, describeCorpus, readCorpusBytes, readCorpusJsonl } from '@mailroom/test-support';
import { expect, it } from 'vitest';

const LABELS = 'sisimai/labels.jsonl';

interface Label {
  readonly file: string;
  readonly label: string;
}

describeCorpus(LABELS, 'sisimai corpus (real bounces, auto-replies, feedback reports)', () => {
  const labels = corpusAvailable(LABELS) ? readCorpusJsonl<Label>(LABELS) : [];
  const resolve = createRequesterResolver({
    supportAddresses: ['support@acme.example'],
    bounceRequester: 'final-recipient',
  });

  it('never throws, and the requester is always a valid addressKey', () => {
    for (const { file } of labels) {
      const raw = readCorpusBytes('sisimai', file);
      const headers = parseHeaders(new Uint8Array(raw));
      const r = resolve(headers, { reportText: raw.toString('latin1') });
      if (r.requester !== null) expect(addressKey(r.requester.address)).toBe(r.requester.key);
    }
    expect(labels.length).toBeGreaterThan(500);
  });

  it('REQ-1: for bounces with a DSN Final-Recipient, the failed recipient becomes the requester', () => {
    let withDsn = 0;
    let matched = 0;
    let anyRecipient = 0;
    const bounces = labels.filter((l) => l.label === 'bounce');
    for (const { file } of bounces) {
      const raw = readCorpusBytes('sisimai', file).toString('latin1');
      const r = resolve(parseHeaders(raw), { reportText: raw });
      if (r.requester?.source === 'dsn-final-recipient') anyRecipient++;
      // Independent reading of the first Final-Recipient line (rfc822 type), to compare with.
      const m = /^final-recipient:[ \t]*rfc822[ \t]*;[ \t]*<?([^\s<>;]+@[^\s<>;]+?)>?[ \t]*$/im.exec(raw);
      if (m === null) continue;
      withDsn++;
      if (r.requester?.source === 'dsn-final-recipient' && r.requester.key === addressKey(m[1]!)) matched++;
    }
    console.log(
      `requester-resolver sisimai: ${bounces.length} bounces; failed recipient found in ${anyRecipient}; ` +
        `${matched}/${withDsn} with an rfc822 Final-Recipient line matched it`,
    );
    expect(withDsn).toBeGreaterThan(200);
    expect(matched / withDsn).toBeGreaterThan(0.97);
  });
});
