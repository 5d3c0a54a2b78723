import { fc, test } from '@fast-check/vitest';
import { ownMessageId, signMarker, verifyMarker } from '@mailroom/loop-detector';
import { describe, expect } from 'vitest';
import { policy } from './helpers.js';

const part = fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/);
const kind = fc.constantFrom('automatic' as const, 'agent' as const);

describe('the signed marker (LOOP-4)', () => {
  test.prop([kind, part, part], { numRuns: 200 })(
    'round-trips: what we sign, we recognise, in the header and in the Message-ID',
    (k, ticket, id) => {
      const token = signMarker({ kind: k, ticket, id }, policy)!;
      expect(verifyMarker(token, policy)).toEqual({ kind: k, ticket, id });
      expect(verifyMarker(ownMessageId({ kind: k, ticket, id }, policy), policy)).toEqual({
        kind: k,
        ticket,
        id,
      });
    },
  );

  test.prop([kind, part, part, fc.nat(), fc.constantFrom(...'0123456789abcdefXY.-_')], { numRuns: 300 })(
    'cannot be altered: changing any one character of a token makes it fail',
    (k, ticket, id, at, replacement) => {
      const token = signMarker({ kind: k, ticket, id }, policy)!;
      const i = at % token.length;
      fc.pre(token[i] !== replacement && !(token[i]?.toLowerCase() === replacement.toLowerCase()));
      const altered = token.slice(0, i) + replacement + token.slice(i + 1);
      expect(verifyMarker(altered, policy)).toBeNull();
    },
  );

  test.prop([fc.string({ maxLength: 300 })], { numRuns: 300 })(
    'cannot be forged: arbitrary text never verifies, and never throws',
    (text) => {
      expect(verifyMarker(text, policy)).toBeNull();
      expect(verifyMarker(`mr1.a.1.1.${text}`, policy)).toBeNull();
    },
  );

  test.prop([kind, part, part, fc.uint8Array({ minLength: 16, maxLength: 40 })], { numRuns: 100 })(
    'a token signed with another key is not ours',
    (k, ticket, id, key) => {
      fc.pre(key.some((b, i) => b !== policy.markerKey?.[i]));
      const token = signMarker({ kind: k, ticket, id }, { ...policy, markerKey: key })!;
      expect(verifyMarker(token, policy)).toBeNull();
    },
  );
});
