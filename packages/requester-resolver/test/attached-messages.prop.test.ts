import { fc, test } from '@fast-check/vitest';
import { addresses, addressKey, parseHeaders } from '@mailroom/headers';
import { resolveRequester } from '@mailroom/requester-resolver';
import { describe, expect } from 'vitest';

const AGENT_FORWARD = parseHeaders(
  'From: Bob Agent <bob.agent@acme.example>\r\nTo: acme@helpdesk.example\r\nSubject: FW: Help\r\n\r\n',
);
const field = fc.constantFrom('From', 'Reply-To', 'Sender', 'Subject', 'To', 'from', 'REPLY-TO');
const value = fc.oneof(
  fc.constantFrom(
    'Ann <ann@customer.example>',
    'support@acme.example',
    'bob.agent@acme.example',
    'support@partner-desk.example',
    '<>',
    'undisclosed-recipients:;',
    '"a,b" <x@y.example>, c@d.example',
    'Help',
  ),
  fc.string({ maxLength: 60 }),
);
const attachedHeaders = fc
  .array(fc.tuple(field, value), { maxLength: 8 })
  .map((fields) => parseHeaders(`${fields.map(([n, v]) => `${n}: ${v}`).join('\r\n')}\r\n\r\nbody`));

describe('attachedMessages input of the resolver', () => {
  test.prop(
    [
      fc.array(attachedHeaders, { maxLength: 12 }),
      fc.constantFrom('reply-to-first', 'from-only', 'reply-to-if-same-domain'),
    ],
    {
      numRuns: 200,
    },
  )(
    'any attached header blocks never throw; a forwarded-original requester is a valid address from one of them, never a support, system or partner address',
    (attached, replyToPolicy) => {
      const r = resolveRequester(AGENT_FORWARD, {
        supportAddresses: ['support@acme.example'],
        agentAddresses: ['*@acme.example'],
        partnerAddresses: ['support@partner-desk.example'],
        replyToPolicy: replyToPolicy as 'reply-to-first',
        attachedMessages: attached,
      });
      if (r.requester?.source === 'forwarded-original') {
        const key = r.requester.key;
        expect(key).not.toBe('support@acme.example');
        expect(key).not.toBe('support@partner-desk.example');
        const named = attached
          .slice(0, 8)
          .some((h) =>
            ['from', 'reply-to', 'sender'].some((f) =>
              addresses(h, f).some((m) => addressKey(m.address) === key),
            ),
          );
        expect(named).toBe(true);
      }
    },
  );

  test('regression (fast-check seed 949134687): the requester key of an attached From is its addressKey (an IPv4-like domain is normalised)', () => {
    const r = resolveRequester(AGENT_FORWARD, {
      supportAddresses: ['support@acme.example'],
      agentAddresses: ['*@acme.example'],
      attachedMessages: [parseHeaders('From: #@0\r\n\r\nbody')],
    });
    expect(r.requester).toMatchObject({ source: 'forwarded-original', key: addressKey('#@0') }); // '#@0.0.0.0'
  });
});
