import { fc, test } from '@fast-check/vitest';
import { forwardedMessage, listPostMessage } from '@mailroom/arbitraries';
import { addressKey, parseHeaders } from '@mailroom/headers';
import { resolveRequester } from '@mailroom/requester-resolver';
import { describe, expect, it } from 'vitest';

const CONTEXT = {
  supportAddresses: [{ address: 'support@acme.example', aliases: ['acme@helpdesk.example'] }],
  agentAddresses: ['*@acme.example'],
} as const;

const runs = { numRuns: 300 };
const few = { numRuns: 100 };

describe('the resolver recovers the original sender that the generators embed', () => {
  // Any client layout, any of 12 label languages.
  test.prop([forwardedMessage()], runs)('REQ-1: an agent forward resolves to its original author', (g) => {
    const { raw, bodyText, originalSender } = g;
    const r = resolveRequester(parseHeaders(raw), { ...CONTEXT, bodyText });
    expect(r.requester?.source).toBe('forwarded-original');
    expect(r.requester?.key).toBe(addressKey(originalSender.address));
    expect(r.requester?.name).toBe(originalSender.name);
    expect(r.recipient?.address).toBe('support@acme.example');
  });

  test.prop([forwardedMessage()], few)('REQ-1: the same forward from a non-agent keeps the sender', (g) => {
    const { raw, bodyText, agent } = g;
    const r = resolveRequester(parseHeaders(raw), { supportAddresses: CONTEXT.supportAddresses, bodyText });
    expect(r.requester?.key).toBe(addressKey(agent.address));
    expect(r.requester?.source).toBe('from');
  });

  // DMARC From rewriting by Mailman 2/3, Google Groups, Groups.io.
  test.prop([listPostMessage()], runs)('REQ-1: a rewritten list post resolves to its author', (g) => {
    const { raw, originalSender, listAddress } = g;
    const r = resolveRequester(parseHeaders(raw), CONTEXT);
    expect(r.requester?.source).toBe('list-original-sender');
    expect(r.requester?.key).toBe(addressKey(originalSender.address));
    expect(r.requester?.key).not.toBe(addressKey(listAddress));
  });
});

describe('the generators keep the arbitraries contract', () => {
  it('same seed → same values; values are valid mail (no header defects, a body after the blank line)', () => {
    for (const arb of [forwardedMessage(), listPostMessage()] as const) {
      const a = fc.sample(arb as fc.Arbitrary<{ raw: string }>, { seed: 42, numRuns: 30 });
      const b = fc.sample(arb as fc.Arbitrary<{ raw: string }>, { seed: 42, numRuns: 30 });
      expect(a).toEqual(b);
      for (const { raw } of a) {
        const headers = parseHeaders(raw);
        expect(headers.defects).toEqual([]);
        expect(headers.bodyOffset).toBeLessThan(raw.length);
      }
    }
  });

  test.prop([forwardedMessage({ agentDomain: 'corp.example', languages: ['de'], clients: ['thunderbird'] })])(
    'options restrict the agent domain, language and client; the original sender is never an agent',
    (g) => {
      expect(g.agent.address.endsWith('@corp.example')).toBe(true);
      expect(g.originalSender.address.endsWith('corp.example')).toBe(false);
      expect([g.language, g.client]).toEqual(['de', 'thunderbird']);
    },
  );
});
