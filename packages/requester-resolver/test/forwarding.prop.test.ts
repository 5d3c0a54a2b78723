import { test } from '@fast-check/vitest';
import { forwardedMessage, listPostMessage } from '@mailroom/arbitraries';
import { addressKey, parseHeaders } from '@mailroom/headers';
import { resolveRequester } from '@mailroom/requester-resolver';
import { describe, expect } from 'vitest';

const CONTEXT = {
  supportAddresses: [{ address: 'support@acme.example', aliases: ['acme@helpdesk.example'] }],
  agentAddresses: ['*@acme.example'],
} as const;

describe('the resolver recovers the original sender that the generators embed', () => {
  test.prop([forwardedMessage()], { numRuns: 300 })(
    'REQ-1: an agent forward (any client layout, any of 12 label languages) resolves to its original author',
    ({ raw, bodyText, originalSender }) => {
      const r = resolveRequester(parseHeaders(raw), { ...CONTEXT, bodyText });
      expect(r.requester?.source).toBe('forwarded-original');
      expect(r.requester?.key).toBe(addressKey(originalSender.address));
      expect(r.requester?.name).toBe(originalSender.name);
      expect(r.recipient?.address).toBe('support@acme.example');
    },
  );

  test.prop([forwardedMessage()], { numRuns: 100 })(
    'REQ-1: the same forward sent by a non-agent keeps the sender as requester',
    ({ raw, bodyText, agent }) => {
      const r = resolveRequester(parseHeaders(raw), { supportAddresses: CONTEXT.supportAddresses, bodyText });
      expect(r.requester?.key).toBe(addressKey(agent.address));
      expect(r.requester?.source).toBe('from');
    },
  );

  test.prop([listPostMessage()], { numRuns: 300 })(
    'REQ-1: a list post with DMARC From rewriting resolves to its author (list-original-sender)',
    ({ raw, originalSender, listAddress }) => {
      const r = resolveRequester(parseHeaders(raw), CONTEXT);
      expect(r.requester?.source).toBe('list-original-sender');
      expect(r.requester?.key).toBe(addressKey(originalSender.address));
      expect(r.requester?.key).not.toBe(addressKey(listAddress));
    },
  );
});
