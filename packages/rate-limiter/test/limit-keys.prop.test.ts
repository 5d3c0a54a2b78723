import { fc, test } from '@fast-check/vitest';
import {
  createMultiWindowLimiter,
  fingerprintKey,
  limitKeyPrefixes,
  limitKeysFor,
  outboundAutoReplyLimits,
  senderDomainKey,
  senderKey,
  threadKey,
} from '@mailroom/rate-limiter';
import { expect } from 'vitest';

// Sender addresses, thread ids and fingerprints come from mail headers: attacker-controlled text.
const text = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  fc.emailAddress(),
  fc.constantFrom('', '@', '@@', 'a@', '@b', 'x@y.', '\u0000@\u0000', 'sender:evil@x'),
);

test.prop([fc.option(text, { nil: null }), fc.option(text, { nil: null }), fc.option(text, { nil: null })], {
  numRuns: 300,
})(
  'LOOP-7: key builders never throw on arbitrary header text; every key carries exactly its own kind’s prefix',
  (sender, thread, fingerprint) => {
    const keys = limitKeysFor({ sender, thread, fingerprint });
    for (const { kind, key } of keys) expect(key.startsWith(limitKeyPrefixes[kind])).toBe(true);
    for (const key of [
      senderKey(sender),
      senderDomainKey(sender),
      threadKey(thread),
      fingerprintKey(fingerprint),
    ]) {
      expect(key === null || typeof key === 'string').toBe(true);
    }
    const domain = senderDomainKey(sender);
    if (domain !== null) expect(domain).toBe(domain.toLowerCase());
  },
);

// Text shaped like an encoded state (`m1.<latest>.<gap>[*<run>]...`, base 36), so that decodeState accepts a good
// share of it: random text alone is almost never a state, which left the accepting branch untested.
const stateLike = fc
  .tuple(
    fc.nat().map((n) => n.toString(36)),
    fc.array(
      fc.oneof(
        fc.nat({ max: 4_000_000 }).map((n) => n.toString(36)),
        fc
          .tuple(fc.nat({ max: 4_000_000 }), fc.integer({ min: 0, max: 120 }))
          .map(([gap, run]) => `${gap.toString(36)}*${run.toString(36)}`),
        fc.constantFrom('', '-1', 'zz*', '*2'),
      ),
      { maxLength: 40 },
    ),
  )
  .map(([latest, gaps]) => ['m1', latest, ...gaps].join('.'));

test.prop([fc.string({ maxLength: 300 }), stateLike, fc.integer({ min: -1e13, max: 1e13 })], {
  numRuns: 300,
})(
  'LOOP-8: the multi-window decodeState never throws, and what it accepts the limiter can hit and re-encode',
  (text, shaped, now) => {
    const limiter = createMultiWindowLimiter(outboundAutoReplyLimits);
    for (const candidate of [text, `m1.${text}`, shaped]) {
      const decoded = limiter.decodeState(candidate);
      if (decoded.ok) {
        expect(limiter.hit(decoded.state, now).counts).toHaveLength(3);
        expect(limiter.decodeState(limiter.encodeState(decoded.state))).toEqual(decoded);
      } else expect(['too-long', 'wrong-kind', 'malformed', 'out-of-bounds']).toContain(decoded.problem);
    }
  },
);
