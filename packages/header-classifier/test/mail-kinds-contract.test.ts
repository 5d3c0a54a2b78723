import {
  autoReplyMessage,
  bounceMessage,
  bulkMessage,
  helpdeskMessage,
  humanMessage,
  listMessage,
  outOfOfficeMessage,
} from '@mailroom/arbitraries';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

// The fast-check contract the @mailroom/arbitraries generators keep (see its contract test), applied to the
// mail-kind generators this package contributed: same seed, same values; another seed, other values; CRLF only.
const kinds: ReadonlyArray<readonly [string, () => fc.Arbitrary<string>]> = [
  ['humanMessage', humanMessage],
  ['autoReplyMessage', autoReplyMessage],
  ['outOfOfficeMessage', outOfOfficeMessage],
  ['bounceMessage', bounceMessage],
  ['listMessage', listMessage],
  ['bulkMessage', bulkMessage],
  ['helpdeskMessage', helpdeskMessage],
];

describe('mail-kind generators keep the arbitraries contract', () => {
  for (const [name, make] of kinds) {
    it(`${name}: one seed twice gives equal messages, another seed different ones; lines end in CRLF`, () => {
      for (const seed of [1, 42, -7]) {
        const first = fc.sample(make(), { seed, numRuns: 40 });
        expect(fc.sample(make(), { seed, numRuns: 40 })).toEqual(first);
        expect(fc.sample(make(), { seed: seed + 1, numRuns: 40 })).not.toEqual(first);
        for (const raw of first) {
          expect(raw).not.toMatch(/[^\r]\n/);
          expect(raw).not.toMatch(/\r(?!\n)/);
          expect(raw).toMatch(/^[\s\S]+?\r\n\r\n/);
        }
      }
    });
  }
});
