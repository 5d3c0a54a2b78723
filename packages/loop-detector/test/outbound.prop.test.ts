import { fc, test } from '@fast-check/vitest';
import { inReplyTo, messageId, parseHeaders, references, serializeHeaders } from '@mailroom/headers';
import { outboundHeaders, verifyMarker } from '@mailroom/loop-detector';
import { describe, expect } from 'vitest';
import { policy } from './helpers.js';

// outboundHeaders is where attacker-chosen ids (the Message-ID and References of the mail being answered) go
// into the helpdesk's own outgoing header block. The property feeds it what the headers accessors read from
// hostile mail, as a consumer does, and reads the block back.

const idPiece = fc.constantFrom(
  '<',
  '>',
  '@',
  ' ',
  '\r\n ',
  '\r\n',
  '\n',
  '\t',
  ',',
  '"',
  '(',
  ')',
  'x',
  '.',
);
const idValue = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.array(fc.oneof(idPiece, fc.string({ maxLength: 10 })), { maxLength: 80 }).map((xs) => xs.join('')),
  fc
    .array(fc.tuple(fc.stringMatching(/^[a-z0-9.]{1,20}$/), fc.domain()), { maxLength: 30 })
    .map((ids) => ids.map(([l, d]) => `<${l}@${d}>`).join(' ')),
);
const answered = fc
  .tuple(idValue, idValue, idValue)
  .map(([mid, irt, refs]) =>
    parseHeaders(
      `From: Ann <ann@example.com>\r\nMessage-ID: ${mid}\r\nIn-Reply-To: ${irt}\r\nReferences: ${refs}\r\nSubject: x\r\n\r\nbody`,
    ),
  );

describe('outboundHeaders with ids read from hostile mail', () => {
  test.prop(
    [
      answered,
      fc.constantFrom<'automatic' | 'agent'>('automatic', 'agent'),
      fc.stringMatching(/^[0-9]{1,8}$/),
    ],
    {
      numRuns: 200,
    },
  )(
    'OUT-1, LOOP-4: no value carries a line break, the block reads back field for field, and the marker verifies',
    (list, kind, ticket) => {
      const answering = messageId(list);
      const ids = {
        ticket,
        id: 'n1',
        ...(answering === null ? {} : { inReplyTo: `<${answering}>` }),
        references: [...references(list), ...inReplyTo(list)].map((id) => `<${id}>`),
      };
      const out = outboundHeaders(kind, ids, policy);
      for (const h of out) expect(h.value).not.toMatch(/[\r\n]/);
      const back = parseHeaders(`${serializeHeaders(out, { eol: '\r\n' })}\r\nbody`);
      expect(back.defects).toEqual([]);
      expect(back.fields.map((f) => f.name)).toEqual(out.map((h) => h.name));
      // A well-formed id is kept; one with white space, brackets or control characters is left out.
      if (answering !== null && /^[^\s<>\u0000-\u001f\u007f]{1,900}$/.test(answering)) {
        expect(inReplyTo(back)).toEqual([answering]);
      } else {
        expect(back.has('in-reply-to')).toBe(false);
      }
      const marker = out.find((h) => h.name === policy.identification.markerHeader)?.value;
      expect(marker).toBeDefined();
      expect(verifyMarker(marker!, policy)).toMatchObject({ kind, ticket, id: 'n1' });
    },
  );
});
